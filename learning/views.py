from django.shortcuts import render

from learning import fiscal
from learning.permissions import DUTY_DESCRIPTIONS, Duty, has_duty


def home(request):
    """Where each role goes from here; anonymous visitors see the public pages and login."""
    user = request.user
    duties = [
        {"duty": duty, "description": DUTY_DESCRIPTIONS[duty]}
        for duty in Duty
        if user.is_authenticated and has_duty(user, duty)
    ]
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return render(
        request,
        "home.html",
        {
            "duties": duties,
            "staff": staff,
            "fiscal_year": fiscal.current_fiscal_year(),
            "is_hr": has_duty(user, Duty.HR),
            "is_organiser": has_duty(user, Duty.COURSE_ORGANISER),
            "is_centre_staff": has_duty(user, Duty.CENTRE_STAFF),
            "is_support_staff": has_duty(user, Duty.SUPPORT_STAFF),
            "is_viewer": has_duty(user, Duty.REPORT_VIEWER),
            "is_report_viewer": has_duty(user, Duty.REPORT_VIEWER, Duty.SUPPORT_STAFF, Duty.HR),
        },
    )
