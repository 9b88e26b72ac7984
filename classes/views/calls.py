"""The daily call list: citizens without e-mail to phone, with a 連絡済み tick."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from classes.access import access_managed_signup_by_pk, managed_centres
from classes.models import PhoneCall
from classes.selectors import call_list
from classes.services.calls import record_call, undo_call
from learning import fiscal
from learning.permissions import Permission, permission_required


def _day(value: str | None) -> dt.date:
    """The list's day from ?day=YYYY-MM-DD; today (Tokyo) when missing or unreadable."""
    today = timezone.localdate(timezone=fiscal.TOKYO)
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return today
    return day if 2022 <= day.year <= 2100 else today


@permission_required(Permission.MANAGE_CLASSES)
def calls(request):
    day = _day(request.GET.get("day"))
    rows = call_list(centres=managed_centres(user=request.user), day=day)
    response = render(
        request,
        "classes/manage/calls.html",
        {
            "day": day,
            "tomorrow": day + dt.timedelta(days=1),
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "rows": rows,
            "to_call": sum(1 for row in rows if not row.done),
        },
    )
    response["Cache-Control"] = "private, no-store"  # names and phone numbers
    return response


@permission_required(Permission.MANAGE_CLASSES)
@require_POST
def call_done(request, signup_pk: int):
    signup = access_managed_signup_by_pk(user=request.user, pk=signup_pk)
    reasons = [
        reason for reason in request.POST.getlist("reason") if reason in PhoneCall.Reason.values
    ]
    if not reasons:
        messages.error(request, _("Nothing to tick."))
    elif request.POST.get("undo"):
        undo_call(signup=signup, reasons=reasons)
        messages.info(request, _("The tick for %(name)s was taken back.") % {"name": signup.name})
    else:
        record_call(signup=signup, reasons=reasons, by=request.user)
        messages.success(request, _("%(name)s: called.") % {"name": signup.name})
    day = _day(request.POST.get("day"))
    return redirect(f"{reverse('classes:calls')}?{urlencode({'day': day.isoformat()})}")
