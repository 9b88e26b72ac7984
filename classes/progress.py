"""Measure 13 for the yearly progress report (learning.progress), from the status selector."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext

from classes.models import ClassTarget, SmartphoneClass
from classes.selectors import FIRST_TARGET_YEAR, status_report
from learning import fiscal
from learning.progress import NO_TARGET, Line, Table

DEFINITION = gettext_lazy(
    "Measure 13: a smartphone class counts when it was held (not cancelled) and its attendance "
    "was recorded. Target: the classes required per centre in the year (the plan: 2 per district "
    "centre from FY2023). Participants: people marked present plus those who came without "
    "signing up. Instructor training: at least one session a year in the years with a target "
    "(project decision)."
)
MEASURES = ("13",)
AT_RISK = gettext_noop("Centres that cannot reach their target with the classes still scheduled")


def targets_link(user) -> str:
    """The admin's class targets, for administrators."""
    from learning.targets import admin_changelist

    return admin_changelist(user, ClassTarget)


def lines(fy: int) -> list[Line]:
    report = status_report(fiscal_year=fy)
    has_target = report.centres_with_target > 0
    missing = report.targets_missing
    centres = pgettext("unit", "centres")
    return [
        Line(
            "13",
            "m13.centres_met",
            _("District centres that held their required classes"),
            centres,
            float(report.centres_with_target) if has_target else None,
            None if missing else float(report.centres_meeting_target),
            str(NO_TARGET) if missing else "",
            target_missing=missing,
        ),
        Line(
            "13",
            "m13.classes_held",
            _("Smartphone classes held"),
            pgettext("unit", "classes"),
            float(report.target) if has_target else None,
            float(report.held),
            _("held with attendance recorded"),
            target_missing=missing,
        ),
        Line(
            "13",
            "m13.participants",
            _("Participants in smartphone classes"),
            pgettext("unit", "people"),
            None,
            float(report.participants),
        ),
        Line(
            "13",
            "m13.instructor_trainings",
            _("Instructor training sessions held"),
            pgettext("unit", "training sessions"),
            1.0 if has_target else None,
            float(report.trainings_total),
            target_missing=missing,
        ),
    ]


def tables(fy: int) -> list[Table]:
    report = status_report(fiscal_year=fy)
    return [
        Table(
            "m13_by_centre",
            _("Measure 13 by community centre"),
            [
                _("Community centre"),
                _("Target"),
                _("Held (counted)"),
                _("Cancelled"),
                _("Participants"),
                _("Instructor trainings held"),
            ],
            [
                [
                    row.centre.name,
                    None if report.targets_missing else row.target,
                    row.held,
                    row.cancelled,
                    row.participants,
                    row.trainings,
                ]
                for row in report.rows
            ],
            ["centre", "target", "held", "cancelled", "participants", "instructor_trainings"],
        )
    ]


def forecast(fy: int) -> list[Table]:
    """Centres that cannot reach their target with the classes still scheduled this year."""
    if not ClassTarget.objects.filter(fiscal_year=fy).exists():
        if fy < FIRST_TARGET_YEAR:  # preparation: nothing to forecast
            return []
        return [Table("m13_at_risk", _(AT_RISK), [], [], note=str(NO_TARGET))]
    report = status_report(fiscal_year=fy)
    now = timezone.now()
    upcoming = {}
    for centre_id in SmartphoneClass.objects.filter(
        status=SmartphoneClass.Status.SCHEDULED,
        starts_at__gte=max(now, fiscal.start_datetime(fy)),
        starts_at__lt=fiscal.end_datetime(fy),
    ).values_list("centre_id", flat=True):
        upcoming[centre_id] = upcoming.get(centre_id, 0) + 1
    rows = [
        [row.centre.name, row.target, row.held, upcoming.get(row.centre.pk, 0)]
        for row in report.rows
        if row.target and row.held + upcoming.get(row.centre.pk, 0) < row.target
    ]
    return [
        Table(
            "m13_at_risk",
            _(AT_RISK),
            [_("Community centre"), _("Target"), _("Held (counted)"), _("Classes still scheduled")],
            rows,
        )
    ]
