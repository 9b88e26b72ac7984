"""Create, change, cancel and close smartphone classes."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from classes.models import Centre, Instructor, SignUp, SmartphoneClass
from classes.services import ClassesError
from classes.services.notifications import notify_class_cancelled
from classes.services.signups import promote_waiting, seat_counts
from learning.closing import ensure_open

# Changing any of these changes what calendars show: SEQUENCE and LAST-MODIFIED move on.
CALENDAR_FIELDS = (
    "title",
    "topic",
    "starts_at",
    "ends_at",
    "place",
    "description",
    "what_to_bring",
    "published",
)
# Seats are not in the calendars: changing them leaves the feeds' bytes alone.
EDITABLE_FIELDS = (*CALENDAR_FIELDS, "capacity")


def unqualified_instructor_warning(
    *, instructors: Iterable[Instructor], day: dt.date
) -> str | None:
    """A warning when none of ``instructors`` has qualified (講師養成) by ``day``."""
    instructors = list(instructors)
    if any(instructor.is_qualified_on(day) for instructor in instructors):
        return None
    if not instructors:
        return _("No instructor is assigned yet. Assign an instructor who has qualified.")
    return _("None of the instructors has completed instructor training by the day of the class.")


def create_class(
    *,
    centre: Centre,
    title: str,
    topic: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    capacity: int,
    description: str = "",
    what_to_bring: str = "",
    published: bool = True,
    instructors: Iterable[Instructor] = (),
) -> SmartphoneClass:
    """A new scheduled class."""
    ensure_open(starts_at)
    now = timezone.now()
    smartphone_class = SmartphoneClass(
        centre=centre,
        title=title,
        topic=topic,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        capacity=capacity,
        description=description,
        what_to_bring=what_to_bring,
        published=published,
        created_at=now,
        updated_at=now,
    )
    smartphone_class.full_clean()
    with transaction.atomic():
        smartphone_class.save()
        smartphone_class.instructors.set(list(instructors))
    return smartphone_class


def update_class(
    *,
    smartphone_class: SmartphoneClass,
    instructors: Iterable[Instructor] | None = None,
    **changes,
) -> SmartphoneClass:
    """Change a class. Raises ClassesError when seats would drop below the confirmed
    sign-ups; more seats move people up from the waiting list."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = SmartphoneClass.objects.select_for_update().get(pk=smartphone_class.pk)
        # Moving a class out of a closed year changes that year too.
        ensure_open(locked.starts_at, changes.get("starts_at"))
        if locked.is_cancelled:
            raise ClassesError(_("A cancelled class cannot be changed."))
        changed = [name for name, value in changes.items() if getattr(locked, name) != value]
        if "capacity" in changed:
            confirmed, _waiting = seat_counts(locked)  # seats: a pair holds two
            if changes["capacity"] < confirmed:
                raise ClassesError(
                    _(
                        "%(confirmed)d people already have a seat; the class needs at least that many seats."
                    )
                    % {"confirmed": confirmed}
                )
        for name in changed:
            setattr(locked, name, changes[name])
        fields = list(changed)
        if any(name in CALENDAR_FIELDS for name in changed):
            locked.sequence += 1
            locked.updated_at = timezone.now()
            fields += ["sequence", "updated_at"]
        if fields:
            locked.full_clean()
            locked.save(update_fields=fields)
        if instructors is not None:
            locked.instructors.set(list(instructors))
        if "capacity" in changed:
            promote_waiting(smartphone_class=locked)
    return locked


def cancel_class(*, smartphone_class: SmartphoneClass) -> SmartphoneClass:
    """Cancel a class. It stays in the calendars as cancelled, and people who gave an
    e-mail address are told."""
    with transaction.atomic():
        locked = SmartphoneClass.objects.select_for_update().get(pk=smartphone_class.pk)
        ensure_open(locked.starts_at)
        if locked.status != SmartphoneClass.Status.SCHEDULED:
            raise ClassesError(_("Only a scheduled class can be cancelled."))
        locked.status = SmartphoneClass.Status.CANCELLED
        locked.sequence += 1
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "sequence", "updated_at"])
        recipients = list(
            locked.signups.exclude(status=SignUp.Status.CANCELLED)
            .exclude(email="")
            .values_list("pk", flat=True)
        )
        if recipients:
            class_pk = locked.pk
            transaction.on_commit(
                lambda: notify_class_cancelled(class_pk=class_pk, signup_pks=recipients),
                robust=True,
            )
    return locked


def record_attendance(
    *,
    smartphone_class: SmartphoneClass,
    attended: Iterable[int],
    walk_ins: int = 0,
    mark_held: bool = False,
    now: dt.datetime | None = None,
) -> SmartphoneClass:
    """Record who came (ids of confirmed sign-ups; the other confirmed ones did not come)
    and, with ``mark_held``, that the class took place. A held class with its attendance
    recorded counts toward the centre's target."""
    now = now or timezone.now()
    attended = set(attended)
    with transaction.atomic():
        locked = SmartphoneClass.objects.select_for_update().get(pk=smartphone_class.pk)
        if locked.is_cancelled:
            raise ClassesError(_("A cancelled class has no attendance."))
        ensure_open(locked.starts_at)
        if locked.starts_at > now:
            raise ClassesError(_("Attendance can be recorded once the class has started."))
        confirmed = locked.signups.filter(status=SignUp.Status.CONFIRMED)
        unknown = attended - set(confirmed.values_list("pk", flat=True))
        if unknown:
            raise ClassesError(_("Only people with a seat can be marked as present."))
        confirmed.filter(pk__in=attended).update(attended=True)
        confirmed.exclude(pk__in=attended).update(attended=False)
        locked.walk_ins = walk_ins
        locked.attendance_recorded_at = now
        fields = ["walk_ins", "attendance_recorded_at"]
        if mark_held:
            locked.status = SmartphoneClass.Status.HELD
            fields.append("status")
        locked.full_clean()
        locked.save(update_fields=fields)
    return locked
