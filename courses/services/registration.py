"""Registration for sessions: seats, the waiting list, cancellation and attendance.

Seats are counted from the rows every time (no counter to drift), after locking the
session row, so two people can never take the last seat (pretix's rule: lock what
becomes less available, once, late, before the check). Freeing a seat also locks the
session, because it promotes the first person waiting.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses import notifications
from courses.models import (
    Attendance,
    CourseKind,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from learning import seats
from learning.closing import ensure_open
from learning.errors import Refused
from learning.fiscal import TOKYO
from learning.models import Staff


class RegistrationError(Refused):
    """A registration rule was broken; the message is shown to the user as it is."""


def _locked(session: Session) -> Session:
    # Only the session row: the course joined in for its kind is read, not locked.
    return (
        Session.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)
    )


def confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def register_for_session(
    *, staff: Staff, session: Session, now: dt.datetime | None = None
) -> Registration:
    """Register ``staff`` in one step: a seat if there is one, else the end of the waiting list.

    Raises RegistrationError when the session is closed, cancelled, past its deadline,
    or the person already holds a registration for it.
    """
    if not staff.active:
        raise RegistrationError(_("Only staff in service can register."))
    try:
        with transaction.atomic():
            session = _locked(session)
            ensure_open(session.starts_at)
            # Read the clock after taking the lock: the queue is in the order the lock was granted.
            now = now or timezone.now()
            if session.course.kind != CourseKind.SESSION:
                raise RegistrationError(_("This course has no sessions to register for."))
            if session.status != SessionStatus.SCHEDULED:
                raise RegistrationError(_("This session is not open for registration."))
            if now > session.registration_deadline:
                raise RegistrationError(_("The registration deadline for this session has passed."))
            existing = Registration.objects.filter(session=session, staff=staff).first()
            if existing and existing.status != RegistrationStatus.CANCELLED:
                raise RegistrationError(_("You are already registered for this session."))
            waiting = session.registrations.filter(status=RegistrationStatus.WAITING)
            status = (
                RegistrationStatus.CONFIRMED
                if seats.gets_a_seat(
                    party=1,
                    free=session.capacity - confirmed_count(session),
                    anyone_waiting=waiting.exists(),
                )
                else RegistrationStatus.WAITING
            )
            if existing:
                existing.status, existing.requested_at, existing.cancelled_at = status, now, None
                existing.attendance, existing.reminder_sent_at = "", None
                # The new invitation must outrank the cancellation sent before it.
                existing.calendar_sequence += 1
                existing.save(
                    update_fields=[
                        "status",
                        "requested_at",
                        "cancelled_at",
                        "attendance",
                        "reminder_sent_at",
                        "calendar_sequence",
                    ]
                )
                registration = existing
            else:
                registration = Registration.objects.create(
                    session=session, staff=staff, status=status, requested_at=now
                )
            registration_id, confirmed = registration.pk, status == RegistrationStatus.CONFIRMED
            transaction.on_commit(
                lambda: notifications.send_registration_received(
                    registration_id, confirmed=confirmed
                ),
                robust=True,
            )
    except IntegrityError:
        # Two clicks at once: the unique constraint let only one through.
        raise RegistrationError(_("You are already registered for this session.")) from None
    return registration


def cancel_registration(
    *, registration: Registration, now: dt.datetime | None = None, by_organiser: bool = False
) -> Registration:
    """Cancel; a freed seat goes to the first person waiting, who is told by e-mail.

    Staff may cancel until the session's cancellation deadline; organisers at any time
    before the session is held.
    """
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked(registration.session)
        ensure_open(session.starts_at)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(_("This registration is already cancelled."))
        if session.status == SessionStatus.HELD:
            raise RegistrationError(_("The session has already been held."))
        if not by_organiser and now > session.cancellation_deadline:
            raise RegistrationError(
                _("The cancellation deadline has passed. Please contact the course organiser.")
            )
        freed_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, now
        registration.calendar_sequence += 1  # the CANCEL outranks the invitation
        registration.save(update_fields=["status", "cancelled_at", "calendar_sequence"])
        registration_id = registration.pk
        transaction.on_commit(
            lambda: notifications.send_registration_cancelled(registration_id), robust=True
        )
        if freed_seat:
            _promote_waiting(session)
    return registration


def _promote_waiting(session: Session) -> Registration | None:
    """Fill free seats from the waiting list, first come first served. Caller holds the lock."""
    waiting = session.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "requested_at", "pk"
    )
    free = session.capacity - confirmed_count(session)
    promoted = seats.to_promote(((r, 1) for r in waiting[: max(free, 0)]), free=free)
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        registration_id = registration.pk
        transaction.on_commit(
            lambda rid=registration_id: notifications.send_promoted(rid), robust=True
        )
    return promoted[0] if promoted else None


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    waiting = registration.session.registrations.filter(status=RegistrationStatus.WAITING)
    return seats.position(waiting, item=registration, order=("requested_at", "pk"))


def session_has_started(session: Session, *, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= session.starts_at


def refuse_before_start(session: Session, *, now: dt.datetime | None = None) -> None:
    """Attendance says what happened: nobody is present, late or a walk-in, and no session
    is held, before it has started. Raises RegistrationError naming the start."""
    if not session_has_started(session, now=now):
        start = timezone.localtime(session.starts_at, TOKYO)
        raise RegistrationError(
            _(
                "Attendance can be recorded, and the session marked as held, once the session "
                "has started (%(start)s)."
            )
            % {"start": formats.date_format(start, "DATE_FORMAT") + start.strftime(" %H:%M")}
        )


def record_attendance(
    *, session: Session, marks: dict[int, str], now: dt.datetime | None = None
) -> int:
    """Mark registrants present/late/absent/excused in bulk; returns how many changed.
    Before the session has started only "excused" (a notice of absence) can be entered."""
    valid = set(Attendance.values) | {""}
    if any(mark not in valid for mark in marks.values()):
        raise RegistrationError(_("Unknown attendance mark."))
    if session.status == SessionStatus.CANCELLED:
        raise RegistrationError(_("A cancelled session has no attendance."))
    ensure_open(session.starts_at)
    if any(mark not in ("", Attendance.EXCUSED) for mark in marks.values()):
        refuse_before_start(session, now=now)
    changed = 0
    with transaction.atomic():
        registrations = session.registrations.select_for_update().filter(
            pk__in=marks, status=RegistrationStatus.CONFIRMED
        )
        for registration in registrations:
            if registration.attendance != marks[registration.pk]:
                registration.attendance = marks[registration.pk]
                registration.save(update_fields=["attendance"])
                changed += 1
    return changed


def add_walk_in(
    *,
    session: Session,
    staff: Staff,
    attendance: str = Attendance.PRESENT,
    now: dt.datetime | None = None,
) -> Registration:
    """Someone who came without registering: present, even beyond capacity; only once the
    session has started."""
    if session.status == SessionStatus.CANCELLED:
        raise RegistrationError(_("A cancelled session has no attendance."))
    refuse_before_start(session, now=now)
    with transaction.atomic():
        session = _locked(session)
        ensure_open(session.starts_at)
        registration, created = Registration.objects.get_or_create(
            session=session,
            staff=staff,
            defaults={
                "status": RegistrationStatus.CONFIRMED,
                "requested_at": timezone.now(),
                "attendance": attendance,
                "walk_in": True,
            },
        )
        if not created:
            registration.status, registration.attendance, registration.cancelled_at = (
                RegistrationStatus.CONFIRMED,
                attendance,
                None,
            )
            registration.save(update_fields=["status", "attendance", "cancelled_at"])
    return registration


def mark_session_held(*, session: Session, now: dt.datetime | None = None) -> Session:
    """The session took place; refused before it has started."""
    if session.status == SessionStatus.CANCELLED:
        raise RegistrationError(_("A cancelled session cannot be marked as held."))
    ensure_open(session.starts_at)
    refuse_before_start(session, now=now)
    session.status = SessionStatus.HELD
    session.save(update_fields=["status", "updated_at"])
    return session


def cancel_session(*, session: Session) -> Session:
    """Cancel a whole session; everyone registered is told, with a calendar cancellation."""
    with transaction.atomic():
        session = _locked(session)
        ensure_open(session.starts_at)
        if session.status == SessionStatus.HELD:
            raise RegistrationError(_("The session has already been held."))
        session.status = SessionStatus.CANCELLED
        session.sequence += 1
        session.save(update_fields=["status", "sequence", "updated_at"])
        ids = list(
            session.registrations.exclude(status=RegistrationStatus.CANCELLED).values_list(
                "pk", flat=True
            )
        )
        transaction.on_commit(lambda: notifications.send_session_cancelled(ids), robust=True)
    return session
