import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from support.models import District, Household, HouseholdStatus, Reason
from support.models.households import REASON_FIELDS


class HouseholdFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Reference or contact"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("district"), queryset=District.objects.all(), empty_label=_("All districts")
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=HouseholdStatus.choices, empty_label=_("All")
    )
    reason = django_filters.ChoiceFilter(
        label=_("reason"), choices=Reason.choices, method="with_reason", empty_label=_("All")
    )

    class Meta:
        model = Household
        fields = ["q", "district", "status", "reason"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(reference__icontains=value) | Q(contact_name__icontains=value))

    def with_reason(self, queryset, name, value):
        field = REASON_FIELDS.get(value)
        return queryset.filter(**{field: True}) if field else queryset
