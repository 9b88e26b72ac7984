"""Filters of HR's compliance page (django-filter). The rows are assembled in Python from
grouped queries (see ``courses.selectors.compliance``), so the filters act on that list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from learning.models import Department, Role, Staff

YES_NO = (("yes", _("yes")), ("no", _("no")))


class ComplianceFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Department"), empty_label=_("All departments")
    )
    role = django_filters.ChoiceFilter(
        choices=Role.choices, label=_("Role"), empty_label=_("All roles")
    )
    met = django_filters.ChoiceFilter(choices=YES_NO, label=_("Target met"), empty_label=_("All"))
    security_done = django_filters.ChoiceFilter(
        choices=YES_NO, label=_("Security training done"), empty_label=_("All")
    )

    class Meta:
        model = Staff
        fields: list[str] = []

    def __init__(self, data=None, *, rows: list, request=None):
        super().__init__(data, queryset=Staff.objects.none(), request=request)
        self.rows = rows

    @property
    def qs(self):
        """The ``rows`` that match the valid filters (invalid values are
        reported on the form and ignored)."""
        if not hasattr(self, "_qs"):
            rows = list(self.rows)
            if self.is_bound:
                self.form.is_valid()
                wanted = self.form.cleaned_data
                department = wanted.get("department")
                if department:
                    rows = [r for r in rows if r.department_id == department.pk]
                if wanted.get("role"):
                    rows = [r for r in rows if r.role == wanted["role"]]
                if wanted.get("met"):  # without a target nobody has met it or failed it
                    rows = [
                        r
                        for r in rows
                        if r.target is not None and r.met == (wanted["met"] == "yes")
                    ]
                if wanted.get("security_done"):
                    rows = [
                        r for r in rows if r.security_done == (wanted["security_done"] == "yes")
                    ]
            self._qs = rows
        return self._qs
