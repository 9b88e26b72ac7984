"""Course organisers: their courses' sessions, registrants, attendance."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.access import access_session_for_organiser, organised_courses
from courses.forms import AttendanceForm, SessionForm, WalkInForm
from courses.models import RegistrationStatus, Session
from courses.services.registration import (
    add_walk_in,
    cancel_session,
    mark_session_held,
    record_attendance,
    session_has_started,
)
from courses.services.sessions import schedule_session
from learning.errors import Refused
from learning.permissions import Permission, permission_required


@permission_required(Permission.ORGANISE_SESSIONS)
def my_sessions(request):
    courses = organised_courses(user=request.user)
    sessions = (
        Session.objects.filter(course__in=courses)
        .select_related("course")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .order_by("-starts_at")
    )
    return render(
        request, "courses/organise/sessions.html", {"sessions": sessions[:200], "courses": courses}
    )


@permission_required(Permission.ORGANISE_SESSIONS)
def new_session(request, code):
    course = get_object_or_404(organised_courses(user=request.user), code=code)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = schedule_session(course=course, **form.cleaned_data)
        messages.success(request, _("The session was scheduled."))
        return redirect("courses:organise_session", pk=session.pk)
    return render(request, "courses/organise/session_form.html", {"form": form, "course": course})


@permission_required(Permission.ORGANISE_SESSIONS)
def manage_session(request, pk):
    session = access_session_for_organiser(user=request.user, pk=pk)
    registrations = list(
        session.registrations.select_related("staff__user").order_by("status", "requested_at", "pk")
    )
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    form = AttendanceForm(request.POST or None, registrations=confirmed)
    walk_in = WalkInForm()
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                changed = record_attendance(session=session, marks=form.marks())
                if "and_held" in request.POST:
                    mark_session_held(session=session)
        except Refused as error:
            form.add_error(None, str(error))
            status = 400
        else:
            messages.success(
                request, _("Attendance saved (%(count)d changed).") % {"count": changed}
            )
            return redirect("courses:organise_session", pk=session.pk)
    return render(
        request,
        "courses/organise/session.html",
        {
            "session": session,
            "form": form,
            "walk_in": walk_in,
            "confirmed": confirmed,
            "waiting": waiting,
            "cancelled": [r for r in registrations if r.status == RegistrationStatus.CANCELLED],
            "started": session_has_started(session),
        },
        status=status,
    )


@permission_required(Permission.ORGANISE_SESSIONS)
@require_POST
def walk_in(request, pk):
    session = access_session_for_organiser(user=request.user, pk=pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            add_walk_in(
                session=session, staff=form.staff, attendance=form.cleaned_data["attendance"]
            )
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": form.staff.name})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("courses:organise_session", pk=session.pk)


@permission_required(Permission.ORGANISE_SESSIONS)
@require_POST
def session_status(request, pk):
    session = access_session_for_organiser(user=request.user, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "held":
            mark_session_held(session=session)
            messages.success(request, _("The session is marked as held."))
        elif action == "cancel":
            cancel_session(session=session)
            messages.success(
                request, _("The session was cancelled and registrants were told by e-mail.")
            )
    except Refused as error:
        messages.error(request, str(error))
    return redirect("courses:organise_session", pk=session.pk)


@permission_required(Permission.ORGANISE_SESSIONS)
def participant_list(request, pk):
    """A printable list for the sign-in sheet at the door."""
    session = access_session_for_organiser(user=request.user, pk=pk)
    registrations = (
        session.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("staff")
        .order_by("staff__employee_id")
    )
    return render(
        request,
        "courses/organise/participants_print.html",
        {"session": session, "registrations": registrations},
    )
