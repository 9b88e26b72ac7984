"""The yearly plan-progress report (measure 8): every measure against its target.

Each app contributes a report module (``Contributions.report``, e.g. ``courses/progress.py``) with ``lines(fy) -> list[Line]`` and
``tables(fy) -> list[Table]``. Lines are graded the way Japanese municipalities lay
out progress tables: 目標値 / 実績値 / 達成率 / 評価.

A year nobody has set targets for yet (after the plan's last year) is a normal year: its
lines say ``target_missing`` (目標値 「未設定」, no rate, no grade). A report module names
its measures in ``MEASURES`` and, in ``targets_link(user)``, the page where that user may
set them (or ""), so the report can offer the way.

A closed fiscal year is read from its stored snapshot (``learning.closing``), so its
report never changes after the meeting has seen it.
"""

from dataclasses import asdict, dataclass, field, fields

from django.utils import timezone
from django.utils.translation import gettext_lazy

from learning import fiscal, plugins

# The layout of ``Report.to_json``, kept in every closed year's snapshot (the official
# record): 1 = the first layout (stored without a version), 2 = the same with the version.
SNAPSHOT_VERSION = 2
GRADE_RULE = gettext_lazy(
    "Grade A: 100% of the year's target or more; B: 60% or more; C: below 60%. "
    "The achievement rate is the actual value divided by the target value. "
    "Grades are the project's own rule; the plan sets the targets."
)


NO_TARGET = gettext_lazy("No target is set for this year.")


@dataclass(frozen=True)
class Line:
    measure: str  # the plan's measure number: "9", "12", "13", "14"
    key: str  # stable, for snapshots and open data: "m9.share_met"
    label: str
    unit: str  # "%", "回", "人" …
    target: float | None
    actual: float | None
    note: str = ""
    # The line has a target in years that set one, but nobody has set this year's yet
    # (learning.targets): the report shows 目標値 「未設定」, no rate and no grade.
    target_missing: bool = False

    @property
    def target_status(self) -> str:
        """For the CSV: "set", "not_set" (this year has none yet) or "none" (never one)."""
        if self.target is not None:
            return "set"
        return "not_set" if self.target_missing else "none"

    @property
    def rate(self) -> float | None:
        """Achievement rate in percent (actual / target)."""
        if self.target is None or self.actual is None:
            return None
        if self.target == 0:
            return 100.0
        return 100 * self.actual / self.target

    @property
    def grade(self) -> str:
        rate = self.rate
        if rate is None:
            return "—"
        if rate >= 100:
            return "A"
        if rate >= 60:
            return "B"
        return "C"


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list]
    csv_columns: list[str] = field(default_factory=list)  # machine names for the CSV header
    note: str = ""  # said instead of the rows when there is nothing to judge (no target set)


@dataclass
class Report:
    fy: int
    lines: list[Line]
    tables: list[Table]
    generated_at: str  # ISO datetime, Asia/Tokyo
    closed_at: str | None = None
    closed_by: str = ""

    @property
    def label(self) -> str:
        return fiscal.label(self.fy)

    def by_measure(self) -> list[tuple[str, list[Line]]]:
        groups: dict[str, list[Line]] = {}
        for line in self.lines:
            groups.setdefault(line.measure, []).append(line)
        return list(groups.items())

    def line(self, key: str) -> Line | None:
        return next((line for line in self.lines if line.key == key), None)

    def to_json(self) -> dict:
        return {
            "version": SNAPSHOT_VERSION,
            "fy": self.fy,
            "lines": [asdict(line) for line in self.lines],
            "tables": [asdict(table) for table in self.tables],
            "generated_at": self.generated_at,
        }

    @classmethod
    def from_json(
        cls, data: dict, *, closed_at: str | None = None, closed_by: str = ""
    ) -> "Report":
        """A stored report (a closed year's snapshot) of any version up to this one."""
        version = data.get("version", 1)  # version 1 was stored without the key
        if version > SNAPSHOT_VERSION:
            raise ValueError(f"snapshot version {version} is newer than this code")
        return cls(
            fy=data["fy"],
            lines=[_stored(Line, line) for line in data["lines"]],
            tables=[_stored(Table, table) for table in data["tables"]],
            generated_at=data["generated_at"],
            closed_at=closed_at,
            closed_by=closed_by,
        )


def _stored(kind, values: dict):
    """A dataclass from stored values: fields added since take their defaults, fields
    dropped since are ignored, so every old snapshot still reads."""
    known = {item.name for item in fields(kind)}
    return kind(**{name: value for name, value in values.items() if name in known})


MEASURE_TITLES = {
    "9": gettext_lazy("Measure 9: ICT training by role"),
    "12": gettext_lazy("Measure 12: security training"),
    "13": gettext_lazy("Measure 13: smartphone classes at community centres"),
    "14": gettext_lazy("Measure 14: support for households that cannot afford ICT"),
}


def _providers():
    """Each app's report module (``Contributions.report``), in INSTALLED_APPS order."""
    for _config, module in plugins.modules("report"):
        yield module


def compute_report(fy: int) -> Report:
    """The live figures of every measure for ``fy``."""
    lines: list[Line] = []
    tables: list[Table] = []
    for provider in _providers():
        lines += provider.lines(fy)
        tables += provider.tables(fy)
    return Report(
        fy=fy,
        lines=lines,
        tables=tables,
        generated_at=timezone.localtime().isoformat(timespec="seconds"),
    )


def report_for(fy: int) -> Report:
    """The closed year's snapshot, or the live figures of an open year."""
    from learning.models import FiscalYearClosing

    closing = (
        FiscalYearClosing.objects.filter(fiscal_year=fy, reopened_at__isnull=True)
        .select_related("closed_by")
        .first()
    )
    if closing is not None:
        return Report.from_json(
            closing.snapshot,
            closed_at=timezone.localtime(closing.closed_at).isoformat(timespec="minutes"),
            closed_by=str(closing.closed_by or ""),
        )
    return compute_report(fy)


def trend(*, last: int, keys: list[str]) -> dict[str, list[tuple[int, float | None]]]:
    """Achievement rates of ``keys`` over the plan's years up to ``last`` (closed years from snapshots)."""
    series: dict[str, list[tuple[int, float | None]]] = {key: [] for key in keys}
    for fy in range(fiscal.PLAN_FIRST_YEAR, last + 1):
        report = report_for(fy)
        for key in keys:
            line = report.line(key)
            series[key].append((fy, line.rate if line else None))
    return series


def grade_counts(report: Report) -> dict[str, int]:
    counts = {"A": 0, "B": 0, "C": 0}
    for line in report.lines:
        if line.grade in counts:
            counts[line.grade] += 1
    return counts


def forecast(fy: int) -> list[Table]:
    """For the running year: who or what cannot reach the target with what is still open."""
    tables: list[Table] = []
    for provider in _providers():
        if hasattr(provider, "forecast"):
            tables += provider.forecast(fy)
    return tables


def missing_targets(report: Report, *, user) -> list[tuple[str, str]]:
    """(the measures, the page that sets their targets or "") for every app whose lines in
    ``report`` have no target set for the year. An app's report module names its measures
    in ``MEASURES`` and the page in ``targets_link(user)``."""
    missing = {line.measure for line in report.lines if line.target_missing}
    result = []
    for provider in _providers():
        measures = [m for m in getattr(provider, "MEASURES", ()) if m in missing]
        if measures:
            link = provider.targets_link(user) if hasattr(provider, "targets_link") else ""
            result.append((", ".join(str(MEASURE_TITLES.get(m, m)) for m in measures), link))
    return result


def definitions() -> list[str]:
    """The definitions printed under the report and in the PDF footer."""
    return [str(GRADE_RULE), *(_p.DEFINITION for _p in _providers() if hasattr(_p, "DEFINITION"))]


__all__ = [
    "GRADE_RULE",
    "MEASURE_TITLES",
    "NO_TARGET",
    "Line",
    "Report",
    "Table",
    "compute_report",
    "report_for",
    "trend",
]
