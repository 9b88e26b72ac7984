"""HR tables (django-tables2) and the compliance export (CSV with BOM, XLSX)."""

from operator import attrgetter

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableListData
from django_tables2.export import TableExport

from learning.exports import safe_row

# The export's header: stable keys, not translated labels (other systems read it).
EXPORT_COLUMNS = (
    "employee_id",
    "name",
    "department",
    "role",
    "participations",
    "target",
    "met",
    "security_done",
)


class RowList(TableListData):
    """Rows sorted with a plain key (the default comparator resolves accessors per comparison,
    far too slow for ten thousand rows)."""

    def order_by(self, aliases):
        for alias in reversed(list(aliases)):
            name = alias.lstrip("-")
            key = attrgetter(self.table.columns[name].accessor.replace("__", "."))
            self.data.sort(
                key=lambda row, key=key: _sortable(key(row)), reverse=alias.startswith("-")
            )


def _sortable(value):
    # None (no target set) sorts before any number; strings and numbers never mix in a column.
    return (value is not None, value if value is not None else 0)


class ComplianceTable(tables.Table):
    """Columns (headers, sorting) and pagination; ``_compliance_table.html`` writes the
    cells straight from each ``ComplianceRow``, and ``ComplianceExport`` the files."""

    employee_id = tables.Column(verbose_name=_("Employee id"))
    name = tables.Column(verbose_name=_("Name"))
    department = tables.Column(verbose_name=_("Department"))
    role = tables.Column(verbose_name=_("Role"))
    participations = tables.Column(
        verbose_name=_("Participations"),
        attrs={"td": {"class": "number"}, "th": {"class": "number"}},
    )
    target = tables.Column(
        verbose_name=_("Target"),
        default="—",
        attrs={"td": {"class": "number"}, "th": {"class": "number"}},
    )
    met = tables.Column(verbose_name=_("Target met"), accessor="met")
    security_done = tables.Column(verbose_name=_("Security training"))

    class Meta:
        orderable = True
        order_by = ("employee_id",)
        attrs = {"class": "compliance-table"}
        empty_text = _("No staff match these filters.")
        template_name = "courses/hr/_compliance_table.html"

    def __init__(self, data, *args, **kwargs):
        super().__init__(RowList(list(data)), *args, **kwargs)
        # The row template writes cells from the record; it takes its words from here.
        self.words = {
            "met": _("met"),
            "not_met": _("not met"),
            "no_target": _("no target set"),
            "done": _("done"),
            "not_done": _("not done"),
        }


class ComplianceExport(TableExport):
    """Every filtered row in the table's order, header as ``EXPORT_COLUMNS``; CSV in UTF-8
    with a BOM so Excel opens the Japanese names correctly; text never runs as a formula."""

    @classmethod
    def is_valid_format(cls, export_format):
        # Only the two formats offered on the page; any other ?_export= shows the page.
        return export_format in (cls.CSV, cls.XLSX)

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        from tablib import Dataset

        dataset = Dataset(title=str(_("Training targets")), headers=list(EXPORT_COLUMNS))
        for row in table.data:
            dataset.append(
                safe_row(
                    [
                        row.employee_id,
                        row.name,
                        row.department,
                        row.role,
                        row.participations,
                        "" if row.target is None else row.target,
                        "" if row.target is None else "true" if row.met else "false",
                        "true" if row.security_done else "false",
                    ]
                )
            )
        return dataset

    def export(self):
        data = super().export()
        if self.format == self.CSV:
            return "\ufeff" + data
        return data
