import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from support.models import Household, Loan


class HouseholdTable(tables.Table):
    reference = tables.Column(linkify=True, verbose_name=_("reference number"))
    district = tables.Column(
        accessor="district__name", verbose_name=_("district"), order_by="district__position"
    )
    support_count = tables.Column(
        verbose_name=_("support records"),
        attrs={"td": {"class": "number"}, "th": {"class": "number"}},
    )
    last_support_on = tables.DateColumn(verbose_name=_("last support"), format="Y-m-d")
    identified_on = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = Household
        fields = [
            "reference",
            "district",
            "contact_name",
            "members",
            "identified_on",
            "status",
            "support_count",
            "last_support_on",
        ]
        empty_text = _("No households match.")
        template_name = "django_tables2/table.html"
        attrs = {"class": "households"}


class LoanTable(tables.Table):
    device = tables.Column(verbose_name=_("device"))
    household = tables.Column(
        linkify=lambda record: record.household.get_absolute_url(), verbose_name=_("household")
    )
    lent_on = tables.DateColumn(format="Y-m-d")
    due_on = tables.DateColumn(format="Y-m-d")
    returned_on = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = Loan
        fields = ["device", "household", "lent_on", "due_on", "returned_on"]
        empty_text = _("No loans.")
        template_name = "django_tables2/table.html"
        orderable = False
