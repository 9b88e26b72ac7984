"""Instructors and instructor training (講師養成)."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from classes.models import Centre, Instructor, InstructorTraining
from learning.closing import ensure_open


def save_instructor(
    *,
    instructor: Instructor | None = None,
    name: str,
    staff=None,
    qualified_on: dt.date | None = None,
    active: bool = True,
) -> Instructor:
    """Create an instructor, or change one."""
    instructor = instructor or Instructor()
    instructor.name = name
    instructor.staff = staff
    instructor.qualified_on = qualified_on
    instructor.active = active
    instructor.full_clean()
    instructor.save()
    return instructor


@transaction.atomic
def record_training(
    *,
    title: str,
    held_on: dt.date,
    centre: Centre | None,
    attendees: Iterable[Instructor],
    qualifies: bool = False,
) -> InstructorTraining:
    """A training session and who attended. With ``qualifies`` (the session completes the
    course), attendees not yet qualified are qualified from ``held_on``."""
    ensure_open(held_on)
    training = InstructorTraining(title=title, held_on=held_on, centre=centre)
    training.full_clean()
    training.save()
    attendees = list(attendees)
    training.attendees.set(attendees)
    if qualifies:
        Instructor.objects.filter(
            pk__in=[a.pk for a in attendees], qualified_on__isnull=True
        ).update(qualified_on=held_on)
    return training
