"""Coverage of households needing support, per fiscal year (measure 14).

The definition (a project decision, printed under every report):
- needing support in a year = identified on or before the year's last day and not
  closed before its first day;
- covered = of those, the households with at least one support on or before the
  year's last day (cumulative over the years);
- supported within the year = of those, the households with a support inside the year.

Every figure comes from database aggregates in a fixed number of queries, whatever
the number of households.
"""

import hashlib
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)

from learning import fiscal
from learning.suppression import hidden_rows
from support.models import CoverageTarget, District, Household, SupportKind, SupportRecord

FIRST_REPORTED_YEAR = 2023  # FY2022 (令和4年度) was planning: no target, no report rows
ONE_DECIMAL = Decimal("0.1")
CACHE_SECONDS = 600


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal, half up; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class CoverageRow:
    """Figures for one group (the whole city, a district) in one fiscal year."""

    label: str
    needing: int = 0
    covered: int = 0
    supported_in_year: int = 0
    target: Decimal | None = None
    hidden: bool = False  # suppressed for readers outside support staff (learning.suppression)

    @property
    def coverage(self) -> Decimal | None:
        return percent(self.covered, self.needing)

    @property
    def met(self) -> bool | None:
        if self.target is None or self.coverage is None:
            return None
        return self.coverage >= self.target


@dataclass
class KindRow:
    kind: SupportKind
    records_in_year: int = 0
    households_in_year: int = 0
    households_covered: int = 0
    needing: int = 0

    @property
    def label(self) -> str:
        return str(self.kind.label)

    @property
    def share(self) -> Decimal | None:
        return percent(self.households_covered, self.needing)


@dataclass
class CoverageReport:
    fiscal_year: int
    total: CoverageRow
    districts: list[CoverageRow] = field(default_factory=list)
    kinds: list[KindRow] = field(default_factory=list)
    history: list[tuple[int, CoverageRow]] = field(default_factory=list)

    @property
    def targets_missing(self) -> bool:
        """A reported year nobody has set a coverage target for yet (learning.targets)."""
        return self.total.target is None and self.fiscal_year >= FIRST_REPORTED_YEAR


def needing_support_in(fy: int, *, prefix: str = "") -> Q:
    """Households needing support in ``fy`` (``prefix`` = "household__" from support records)."""
    return Q(**{f"{prefix}identified_on__lte": fiscal.last_day(fy)}) & (
        Q(**{f"{prefix}closed_on__isnull": True})
        | Q(**{f"{prefix}closed_on__gte": fiscal.first_day(fy)})
    )


def targets() -> dict[int, Decimal]:
    """{fiscal year: target %} as stored (the plan's, seeded by a data migration)."""
    return dict(CoverageTarget.objects.values_list("fiscal_year", "target_percent"))


def _fiscal_year_bucket(field: str, years: list[int]) -> Case:
    """The fiscal year of ``field`` as plain date comparisons (no date functions, so the
    database can use them in any engine): the year before ``years`` for anything earlier,
    the year after for anything later or empty."""
    whens = [When(**{f"{field}__lt": fiscal.first_day(years[0])}, then=Value(years[0] - 1))]
    whens += [When(**{f"{field}__lte": fiscal.last_day(fy)}, then=Value(fy)) for fy in years]
    return Case(*whens, default=Value(years[-1] + 1), output_field=IntegerField())


def _first_support_year(years: list[int]) -> Subquery:
    # The index (household, date) finds the first support with one seek per household;
    # it is NULL for a household never supported.
    return Subquery(
        SupportRecord.objects.filter(household=OuterRef("pk"))
        .order_by("date")
        .annotate(fy=_fiscal_year_bucket("date", years))
        .values("fy")[:1],
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Cell:
    """Households sharing a district and the fiscal years of their identification,
    closing and first support (and, for one year, whether they were supported in it)."""

    district_id: int
    identified_fy: int
    closed_fy: int  # the year after the reported ones when still open
    first_support_fy: int | None
    supported_in_year: bool
    households: int

    def needing(self, fy: int) -> bool:
        return self.identified_fy <= fy <= self.closed_fy

    def covered(self, fy: int) -> bool:
        return (
            self.needing(fy) and self.first_support_fy is not None and self.first_support_fy <= fy
        )


def coverage_cells(*, years: list[int], supported_in: int | None = None) -> list[Cell]:
    """Every household up to the last of ``years``, counted in cells, in one query. Because
    every boundary of the definition is a fiscal-year boundary, a cell's years decide each
    year's figures exactly; the number of cells does not grow with the households."""
    fields = {
        "identified_fy": _fiscal_year_bucket("identified_on", years),
        "closed_fy": _fiscal_year_bucket("closed_on", years),
        "first_support_fy": _first_support_year(years),
    }
    if supported_in is not None:
        fields["supported_in_year"] = Exists(
            SupportRecord.objects.filter(
                household=OuterRef("pk"),
                date__gte=fiscal.first_day(supported_in),
                date__lte=fiscal.last_day(supported_in),
            )
        )
    rows = (
        Household.objects.filter(identified_on__lte=fiscal.last_day(years[-1]))
        .annotate(**fields)
        .values("district_id", *fields)
        .annotate(households=Count("pk"))
        .order_by()
    )
    return [Cell(**{"supported_in_year": False, **row}) for row in rows]


def tally(cells: list[Cell], *, fy: int, district_id: int | None = None) -> tuple[int, int, int]:
    """(needing, covered, supported within the year) in ``fy``, for one district or all."""
    needing = covered = supported = 0
    for cell in cells:
        if district_id is not None and cell.district_id != district_id or not cell.needing(fy):
            continue
        needing += cell.households
        if cell.covered(fy):
            covered += cell.households
        if cell.supported_in_year:
            supported += cell.households
    return needing, covered, supported


def support_by_kind(*, fy: int) -> dict[str, dict[str, int]]:
    """{kind: records in the year, households reached in the year, households covered
    (cumulative)}, counting only households needing support in ``fy``. One query: the
    records are first grouped per household and kind (the index on household, kind and
    date makes that a single ordered scan), then counted per kind."""
    first, last = fiscal.first_day(fy), fiscal.last_day(fy)
    pairs = (
        SupportRecord.objects.filter(
            date__lte=last,
            household__in=Household.objects.filter(needing_support_in(fy)).values("pk"),
        )
        .values("household_id", "kind")
        .annotate(in_year=Count("pk", filter=Q(date__gte=first)))
        .order_by()
    )
    aggregates = {}
    for kind in SupportKind.values:
        aggregates[f"{kind}:records_in_year"] = Sum("in_year", filter=Q(kind=kind))
        aggregates[f"{kind}:households_in_year"] = Count(
            "household_id", filter=Q(kind=kind, in_year__gt=0)
        )
        aggregates[f"{kind}:households_covered"] = Count("household_id", filter=Q(kind=kind))
    result: dict[str, dict[str, int]] = {kind: {} for kind in SupportKind.values}
    for name, value in pairs.aggregate(**aggregates).items():
        kind, figure = name.split(":")
        result[kind][figure] = value or 0
    return result


def data_version() -> str:
    """Changes whenever a household or support record is added or a household changes
    (support records are never edited or deleted). One cheap queries."""
    version = Household.objects.aggregate(households=Count("pk"), changed=Max("updated_at"))
    last_record = SupportRecord.objects.aggregate(last=Max("pk"))["last"]
    raw = f"{version['households']}|{version['changed']}|{last_record}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _figures(*, fy: int, years: list[int]) -> tuple[list[Cell], dict]:
    """The expensive part of the report, cached while the data stays the same: the page
    and its three charts (separate requests) then aggregate the tables once."""
    key = f"support:coverage:{fy}:{years[0]}:{data_version()}"
    figures = cache.get(key)
    if figures is None:
        figures = (coverage_cells(years=years, supported_in=fy), support_by_kind(fy=fy))
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def coverage_report(*, fy: int, first_year: int = FIRST_REPORTED_YEAR) -> CoverageReport:
    """Everything the yearly report shows for ``fy``: the city, each district, each kind of
    support, and the city's coverage in every year from ``first_year`` to ``fy``. Six
    queries (four when the figures are cached)."""
    years = list(range(min(first_year, fy), fy + 1))
    year_targets = targets()
    districts = list(District.objects.all())
    cells, by_kind = _figures(fy=fy, years=years)

    history = []
    for year in years:
        needing, covered, _supported = tally(cells, fy=year)
        row = CoverageRow(
            label=fiscal.label(year),
            needing=needing,
            covered=covered,
            target=year_targets.get(year),
        )
        history.append((year, row))
    total = history[-1][1]
    total.supported_in_year = tally(cells, fy=fy)[2]
    rows = []
    for district in districts:
        needing, covered, supported = tally(cells, fy=fy, district_id=district.pk)
        rows.append(
            CoverageRow(
                label=district.name,
                needing=needing,
                covered=covered,
                supported_in_year=supported,
                target=total.target,
            )
        )
    kinds = [
        KindRow(kind=kind, needing=total.needing, **by_kind.get(kind.value, {}))
        for kind in SupportKind
    ]
    return CoverageReport(fiscal_year=fy, total=total, districts=rows, kinds=kinds, history=history)


def published(report: CoverageReport) -> CoverageReport:
    """The report as readers outside support staff see it: small districts, and any whose
    figures could be worked out from the others, hidden (``learning.suppression``). The
    city's total and the years' history stay as they are."""
    hidden = hidden_districts(report.districts)
    districts = [replace(row, hidden=index in hidden) for index, row in enumerate(report.districts)]
    return replace(report, districts=districts)


def hidden_districts(rows: list[CoverageRow]) -> frozenset[int]:
    return hidden_rows(
        [
            {"needing": row.needing, "covered": row.covered, "supported": row.supported_in_year}
            for row in rows
        ],
        size="needing",
        parts=("covered", "supported"),
    )
