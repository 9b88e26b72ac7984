"""Staff pages: the catalogue, sessions, registering and cancelling, My training, calendar feed."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import calendars
from courses.access import access_registration, can_organise, staff_of, staff_or_none
from courses.forms import CatalogueFilterForm
from courses.models import (
    Course,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
    Target,
)
from courses.selectors import my_training
from courses.services.registration import (
    cancel_registration,
    register_for_session,
    waiting_position,
)
from learning import fiscal
from learning.directory.services import rotate_calendar_token
from learning.errors import Refused
from learning.ical import calendar_response, make_etag
from learning.links import absolute_url
from learning.models import Staff
from learning.permissions import Permission, may, permission_required
from learning.targets import has_targets


@permission_required(Permission.TRAIN)
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    courses = my_training.catalogue(
        kind=filters.get("kind", ""),
        role=filters.get("role", ""),
        competency=filters.get("competency", ""),
        query=filters.get("q", ""),
    )
    return render(request, "courses/catalogue.html", {"form": form, "courses": courses})


@permission_required(Permission.TRAIN)
def course_detail(request, code):
    course = get_object_or_404(Course.objects.prefetch_related("competencies"), code=code)
    sessions = (
        course.sessions.filter(status__in=(SessionStatus.SCHEDULED, SessionStatus.HELD))
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
        .order_by("starts_at")
    )
    staff = staff_or_none(request.user)
    mine = {}
    if staff:
        mine = {
            r.session_id: r
            for r in Registration.objects.filter(staff=staff, session__course=course).exclude(
                status=RegistrationStatus.CANCELLED
            )
        }
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "sessions": sessions,
            "mine": mine,
            "staff": staff,
        },
    )


@permission_required(Permission.TRAIN)
def session_detail(request, pk):
    session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
    confirmed = session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = session.registrations.filter(status=RegistrationStatus.WAITING).count()
    staff = staff_or_none(request.user)
    registration = None
    if staff:
        registration = (
            Registration.objects.filter(staff=staff, session=session)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    return render(
        request,
        "courses/session_detail.html",
        {
            "session": session,
            "confirmed": confirmed,
            "waiting": waiting,
            "free": max(session.capacity - confirmed, 0),
            "registration": registration,
            "position": registration and waiting_position(registration),
            "can_organise": can_organise(request.user, session),
        },
    )


@permission_required(Permission.TRAIN)
@require_POST
def register(request, pk):
    staff = staff_of(request.user)
    session = get_object_or_404(Session, pk=pk)
    try:
        registration = register_for_session(staff=staff, session=session)
    except Refused as error:
        messages.error(request, str(error))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(
                request,
                _("You are registered. A confirmation e-mail with a calendar file is on its way."),
            )
        else:
            messages.warning(
                request,
                _("The session is full: you are number %(position)d on the waiting list.")
                % {"position": waiting_position(registration)},
            )
    return redirect("courses:session", pk=session.pk)


@permission_required(Permission.TRAIN)
@require_POST
def cancel(request, pk):
    registration = access_registration(user=request.user, pk=pk)
    by_organiser = registration.staff.user_id != request.user.pk
    try:
        cancel_registration(registration=registration, by_organiser=by_organiser)
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The registration was cancelled."))
    if by_organiser:
        return redirect("courses:organise_session", pk=registration.session_id)
    return redirect("courses:session", pk=registration.session_id)


@permission_required(Permission.TRAIN)
def my_training_page(request):
    staff = staff_of(request.user)
    fy = fiscal.selected_fiscal_year(request)
    record = my_training.training_record(staff=staff, fy=fy)
    return render(
        request,
        "courses/my_training.html",
        {
            "staff": staff,
            "fy": fy,
            "record": record,
            "upcoming": my_training.upcoming_registrations(staff=staff),
            "suggested": my_training.suggested_sessions(staff=staff, record=record),
            "pending_external": my_training.pending_external(staff=staff),
            "year_has_targets": has_targets(Target, fy=fy),
            "targets_link": reverse("courses:targets")
            if may(request.user, Permission.MANAGE_TRAINING)
            else "",
            "feed_url": absolute_url(reverse("courses:personal_feed", args=[staff.calendar_token]))
            if staff.calendar_token
            else "",
        },
    )


@permission_required(Permission.TRAIN)
@require_POST
def rotate_feed(request):
    staff = staff_of(request.user)
    rotate_calendar_token(staff=staff)
    messages.success(
        request, _("Your calendar address was renewed. The old address no longer works.")
    )
    return redirect("courses:my_training")


def personal_feed(request, token):
    """The secret feed URL: anyone holding it reads the owner's confirmed sessions, nothing else."""
    if len(token) < 20:
        raise Http404
    staff = Staff.objects.filter(calendar_token=token, active=True).first()
    if staff is None:
        raise Http404
    latest = (
        Session.objects.filter(registrations__staff=staff)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    registrations = (
        Registration.objects.filter(staff=staff)
        .order_by("pk")
        .values_list("pk", "status", "calendar_sequence")
    )
    etag = make_etag(staff.pk, latest, tuple(registrations))
    return calendar_response(
        request,
        build=lambda: calendars.personal_feed(staff),
        etag=etag,
        last_modified=latest,
        filename="my-training.ics",
        max_age=600,
        private=True,
    )
