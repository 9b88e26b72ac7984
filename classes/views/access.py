import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from learning.permissions import Duty, has_duty


def duty_required(*duties: Duty):
    """Anonymous users go to the login page; logged-in users without a duty get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_duty(request.user, *duties):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


centre_staff_required = duty_required(Duty.CENTRE_STAFF)
