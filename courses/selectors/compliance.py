"""HR's compliance figures for a fiscal year: one row per staff member, and the shares
meeting the target by role and department.

What counts is ``courses.selectors.participations`` (grouped queries, one per kind of
participation); the role and department on a day are ``learning.directory.selectors``.
A year costs the same fixed number of queries whatever the number of staff; the rows
are assembled in Python.

Project decisions (shown on the page):
- who belongs to a year: staff with an assignment on the year's reference day (its
  last day, or today while it runs); for the running year only staff in service;
- role, department and target are those of the reference day;
- "met" means enough participations and, where the year's target requires it,
  security training done;
- exempt staff are listed apart and never counted as failing.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from courses.models import Exemption, Session, SessionStatus, Target
from courses.selectors import participations
from courses.selectors.participations import _fetch
from learning import fiscal
from learning.directory.selectors import assignments_in_force
from learning.models import Role


@dataclass(slots=True)
class ComplianceRow:
    """One staff member's standing in a fiscal year."""

    staff_id: int
    employee_id: str
    name: str
    email: str
    department_id: int | None
    department: str
    role: str
    participations: int = 0
    target: int | None = None
    security_required: bool = False
    security_done: bool = False
    exemption_reason: str = ""
    exemption_id: int | None = None
    met: bool = False  # see meets_target(); set when the row is assembled

    @property
    def exempt(self) -> bool:
        return self.exemption_id is not None

    @property
    def missing(self) -> int:
        """Participations still needed (0 when enough)."""
        return max((self.target or 0) - self.participations, 0)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role


def meets_target(
    *, participations: int, required: int | None, security_required: bool, security_done: bool
) -> bool:
    """A year's target is met with enough participations and, when the year's target asks
    for it, security training done. No target set for the year means not met."""
    if required is None:
        return False
    return participations >= required and (security_done or not security_required)


@dataclass
class Share:
    """How many of ``total`` people met the target (and did security training)."""

    label: str
    total: int = 0
    met: int = 0
    security: int = 0

    @property
    def percent(self) -> float:
        return 100 * self.met / self.total if self.total else 0.0

    @property
    def security_percent(self) -> float:
        return 100 * self.security / self.total if self.total else 0.0


@dataclass
class ComplianceYear:
    """Everything the compliance page shows for one fiscal year."""

    fy: int
    reference_day: dt.date
    rows: list[ComplianceRow]
    exempt: list[ComplianceRow]
    targets: dict[str, Target]
    security_sessions_held: int
    by_role: list[Share] = field(default_factory=list)
    by_department: list[Share] = field(default_factory=list)
    overall: Share | None = None

    @property
    def security_session_held(self) -> bool:
        """The plan wants at least one security session every fiscal year (measure 12)."""
        return self.security_sessions_held >= 1

    @property
    def targets_set(self) -> bool:
        """False in a year nobody has set targets for yet (learning.targets): nobody is judged."""
        return bool(self.targets)


def _staff_rows(*, fy: int, on: dt.date, with_email: bool) -> list[ComplianceRow]:
    """Staff with an assignment on ``on``, with that assignment's role and department,
    ordered by employee id: one query over the assignments in force that day."""
    in_force = assignments_in_force(on=on)
    if fy >= fiscal.current_fiscal_year():
        in_force = in_force.filter(staff__active=True)
    columns = ["staff_id", "staff__employee_id", "staff__name", "role", "department_id"]
    columns += ["department__name"]
    if with_email:  # only the reminders need the address; the page spares the join
        columns.append("staff__user__email")
    return [
        ComplianceRow(
            staff_id=staff_id,
            employee_id=employee_id,
            name=name,
            email=(email[0] or "") if email else "",
            role=role,
            department_id=department_id,
            department=department,
        )
        for staff_id, employee_id, name, role, department_id, department, *email in _fetch(
            in_force.order_by("staff__employee_id").values_list(*columns)
        )
    ]


def security_sessions_held(*, fy: int) -> int:
    """Sessions of security courses held in ``fy`` (the plan wants at least one)."""
    return Session.objects.filter(
        course__is_security=True,
        status=SessionStatus.HELD,
        starts_at__gte=fiscal.start_datetime(fy),
        starts_at__lt=fiscal.end_datetime(fy),
    ).count()


def targets_for(*, fy: int) -> dict[str, Target]:
    return {target.role: target for target in Target.objects.filter(fiscal_year=fy)}


def compliance_rows(
    *, fy: int, with_summary: bool = True, with_email: bool = False
) -> ComplianceYear:
    """The fiscal year's rows (judged staff, then exempt staff apart), the targets and,
    with ``with_summary``, the shares by role and department and the security sessions held;
    ``with_email`` fills ``ComplianceRow.email``.

    A fixed number of queries: staff with their assignments, three grouped participation
    queries, exemptions, targets (and security sessions with the summary).
    """
    on = fiscal.reference_day(fy)
    rows = _staff_rows(fy=fy, on=on, with_email=with_email)
    counts, done = participations.figures(fy=fy)
    exemptions = {
        staff_id: (pk, reason)
        for pk, staff_id, reason in Exemption.objects.filter(fiscal_year=fy)
        .order_by()
        .values_list("pk", "staff_id", "reason")
    }
    targets = targets_for(fy=fy)
    judged, exempt = [], []
    for row in rows:
        row.participations = counts.get(row.staff_id, 0)
        row.security_done = row.staff_id in done
        target = targets.get(row.role)
        if target is not None:
            row.target = target.participations_required
            row.security_required = target.security_required
        row.met = meets_target(
            participations=row.participations,
            required=row.target,
            security_required=row.security_required,
            security_done=row.security_done,
        )
        if row.staff_id in exemptions:
            row.exemption_id, row.exemption_reason = exemptions[row.staff_id]
            exempt.append(row)
        else:
            judged.append(row)
    year = ComplianceYear(
        fy=fy,
        reference_day=on,
        rows=judged,
        exempt=exempt,
        targets=targets,
        security_sessions_held=security_sessions_held(fy=fy) if with_summary else 0,
    )
    if with_summary:
        year.by_role, year.by_department, year.overall = summarise(judged)
    return year


def summarise(rows: list[ComplianceRow]) -> tuple[list[Share], list[Share], Share]:
    """Shares meeting the target by role (in the plan's order), by department (by name)
    and overall. Exempt staff must not be in ``rows``."""
    # Count (group, met, security done) combinations first: a handful of keys, not 10,000 rows.
    by_role = {role: Share(label=str(label)) for role, label in Role.choices}
    by_department: dict[str, Share] = {}
    overall = Share(label="")
    for (role, met, security), number in Counter(
        (row.role, row.met, row.security_done) for row in rows
    ).items():
        for share in (by_role.get(role), overall):
            if share is not None:
                share.total += number
                share.met += number * met
                share.security += number * security
    for (department, met, security), number in Counter(
        (row.department, row.met, row.security_done) for row in rows
    ).items():
        share = by_department.setdefault(department, Share(label=department))
        share.total += number
        share.met += number * met
        share.security += number * security
    return list(by_role.values()), [by_department[name] for name in sorted(by_department)], overall


def share_met_by_role_over_years(*, years: list[int]) -> dict[str, list[float | None]]:
    """Per role, the percentage meeting the target in each of ``years`` (None: nobody judged)."""
    result: dict[str, list[float | None]] = {role: [] for role in Role.values}
    for fy in years:
        year = compliance_rows(fy=fy, with_summary=False)
        by_role, _departments, _overall = summarise(year.rows)
        for role, share in zip(Role.values, by_role, strict=True):
            judged = share.total and role in year.targets  # no target: no share, not 0%
            result[role].append(share.percent if judged else None)
    return result


def chart_years() -> list[int]:
    """The years the trend chart shows: the plan's first year to the running one."""
    return list(range(fiscal.PLAN_FIRST_YEAR, fiscal.current_fiscal_year() + 1))
