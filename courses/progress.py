"""Measures 9 and 12 for the yearly progress report, from the same selector as HR's page."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext

from courses.selectors.compliance import compliance_rows
from learning.progress import NO_TARGET, Line, Table
from learning.suppression import MARKER, hidden_rows

DEFINITION = gettext_lazy(
    "Measure 9: the share of staff (exempt staff excluded) whose participations in the fiscal year reached "
    "their role's target, with security training where the year's target requires it; role and department "
    "as on the year's last day. Measure 12: security sessions held in the year (target: at least one) and the "
    "share of staff who completed security training. A year without training targets has no target for "
    "measures 9 and 12 (project decision)."
)
MEASURES = ("9", "12")
AT_RISK = gettext_noop("Staff who cannot reach their target with the sessions still open")


def targets_link(user) -> str:
    """HR's targets page, for those who may set the targets."""
    from django.urls import reverse

    from learning.permissions import Duty, has_duty

    return reverse("courses:targets") if has_duty(user, Duty.HR) else ""


def lines(fy: int) -> list[Line]:
    year = compliance_rows(fy=fy)
    overall = year.overall
    judged = overall.total if overall else 0
    participations = sum(row.participations for row in year.rows)
    missing = not year.targets_set  # nobody is judged against a target that does not exist
    return [
        Line(
            "9",
            "m9.share_met",
            _("Staff meeting their role's yearly training target"),
            "%",
            None if missing else 100.0,
            round(overall.percent, 1) if judged and not missing else None,
            str(NO_TARGET)
            if missing
            else _("%(met)d of %(total)d staff (%(exempt)d exempt)")
            % {"met": overall.met if overall else 0, "total": judged, "exempt": len(year.exempt)},
            target_missing=missing,
        ),
        Line(
            "9",
            "m9.participations_per_person",
            _("Participations per person"),
            pgettext("unit", "times"),
            None,
            round(participations / judged, 2) if judged else None,
        ),
        Line(
            "12",
            "m12.sessions_held",
            _("Security training sessions held"),
            pgettext("unit", "sessions"),
            None if missing else 1.0,
            float(year.security_sessions_held),
            target_missing=missing,
        ),
        Line(
            "12",
            "m12.share_completed",
            _("Staff who completed security training"),
            "%",
            None if missing else 100.0,
            round(overall.security_percent, 1) if judged else None,
            target_missing=missing,
        ),
    ]


def tables(fy: int) -> list[Table]:
    year = compliance_rows(fy=fy)
    columns = [
        _("Staff"),
        _("Met the target"),
        _("Share meeting the target (%)"),
        _("Security training done (%)"),
    ]
    csv_columns = ["group", "staff", "met", "share_met_percent", "security_done_percent"]

    def rows(shares):
        """Groups of fewer than 5 staff, and any whose figures the others would give away,
        show the marker (``learning.suppression``): a one-person department would
        otherwise show that person's result."""
        shares = [share for share in shares if share.total]
        hidden = hidden_rows(
            [{"total": s.total, "met": s.met, "security": s.security} for s in shares],
            size="total",
            parts=("met", "security"),
        )
        judged = year.targets_set  # without targets, nobody has met them: no figure, not 0
        return [
            [share.label, MARKER, MARKER, MARKER, MARKER]
            if index in hidden
            else [
                share.label,
                share.total,
                share.met if judged else None,
                round(share.percent, 1) if judged else None,
                round(share.security_percent, 1),
            ]
            for index, share in enumerate(shares)
        ]

    return [
        Table(
            "m9_by_role",
            _("Measure 9 by role"),
            [_("Role"), *columns],
            rows(year.by_role),
            csv_columns,
        ),
        Table(
            "m9_by_department",
            _("Measure 9 by department"),
            [_("Department"), *columns],
            rows(year.by_department),
            csv_columns,
        ),
    ]


def forecast(fy: int) -> list[Table]:
    """Staff who cannot reach their target with the sessions still open to them this year."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from courses.models import Registration, RegistrationStatus, Session, SessionStatus
    from learning import fiscal

    year = compliance_rows(fy=fy, with_summary=False)
    if not year.targets_set:
        return [Table("m9_at_risk", _(AT_RISK), [], [], note=str(NO_TARGET))]
    now = timezone.now()
    open_sessions = Session.objects.filter(
        status=SessionStatus.SCHEDULED,
        registration_deadline__gte=now,
        starts_at__lt=fiscal.end_datetime(fy),
        course__counts_toward_target=True,
        course__active=True,
    )
    open_count = open_sessions.count()
    booked = dict(
        Registration.objects.filter(session__in=open_sessions.values("pk"))
        .exclude(status=RegistrationStatus.CANCELLED)
        .values_list("staff_id")
        .annotate(n=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)))
        .order_by()
    )
    upcoming = dict(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=now,
            session__starts_at__lt=fiscal.end_datetime(fy),
            session__course__counts_toward_target=True,
        )
        .values_list("staff_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for row in year.rows:
        if row.target is None or row.participations >= row.target:
            continue
        reachable = (
            row.participations
            + upcoming.get(row.staff_id, 0)
            + (open_count - booked.get(row.staff_id, 0))
        )
        if reachable < row.target:
            rows.append(
                [
                    row.employee_id,
                    row.name,
                    row.department,
                    row.role_label,
                    row.participations,
                    row.target,
                    open_count - booked.get(row.staff_id, 0),
                ]
            )
    return [
        Table(
            "m9_at_risk",
            _(AT_RISK),
            [
                _("Employee id"),
                _("Name"),
                _("Department"),
                _("Role"),
                _("Participations"),
                _("Target"),
                _("Open sessions left"),
            ],
            rows,
        )
    ]
