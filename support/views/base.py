"""What every support page shares: the duty check and the prompt to turn on MFA."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from learning.permissions import Duty, DutyRequiredMixin
from support.services import SupportError


def mfa_missing(user) -> bool:
    """True when ``user`` has no second factor (these pages show personal data)."""
    return (
        user.is_authenticated
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


class MfaPromptMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mfa_missing"] = mfa_missing(self.request.user)
        return context


class SupportStaffMixin(MfaPromptMixin, DutyRequiredMixin):
    """Households are personal data: support staff and administrators only."""

    duties = (Duty.SUPPORT_STAFF,)


class ReportViewerMixin(MfaPromptMixin, DutyRequiredMixin):
    """Aggregates only: report viewers and support staff."""

    duties = (Duty.SUPPORT_STAFF, Duty.REPORT_VIEWER)


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
