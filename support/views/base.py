"""What every support page shares: the permission checks and turning refusals into messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from learning.permissions import Permission, PermissionRequiredMixin
from support.services import SupportError


class SupportStaffMixin(PermissionRequiredMixin):
    """Households are personal data: support staff and administrators only."""

    permissions = (Permission.SUPPORT_HOUSEHOLDS,)


class ReportViewerMixin(PermissionRequiredMixin):
    """Aggregates only: report readers and support staff."""

    permissions = (Permission.READ_COVERAGE,)


def error_to_form(form, error: Exception) -> None:
    """A service's refusal shown as a form error the user can read."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))


def refuse(request, error: SupportError, to: str, **kwargs):
    messages.error(request, str(error))
    return redirect(to, **kwargs)
