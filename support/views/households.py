"""Household pages: list, detail, create, edit, close/reopen and recording support."""

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from learning.directory.selectors import staff_or_none
from learning.errors import Refused
from learning.exports import safe_row
from support.access import access_household
from support.filters import HouseholdFilter
from support.forms import (
    CloseHouseholdForm,
    HouseholdForm,
    HouseholdVisitForm,
    LoanForm,
    SupportRecordForm,
)
from support.models import AuditAction, Household
from support.selectors.households import (
    household_list,
    household_loans,
    support_history,
)
from support.services.audit import Actor, log_access
from support.services.households import (
    close_household,
    create_household,
    record_support,
    reopen_household,
    update_household,
)
from support.tables import HouseholdTable
from support.views.base import SupportStaffMixin, error_to_form

PAGE_SIZE = 50
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_FORMATS = tuple(EXPORT_TYPES)


staff_of = staff_or_none  # who records the support (None for an account without a staff record)


class HouseholdListView(SupportStaffMixin, SingleTableMixin, FilterView):
    """Households with filters; every page shown (and every export) is logged."""

    template_name = "support/household_list.html"
    table_class = HouseholdTable
    filterset_class = HouseholdFilter
    table_pagination = {"per_page": PAGE_SIZE}

    def get_queryset(self):
        return household_list(user=self.request.user)

    def get(self, request, *args, **kwargs):
        export = request.GET.get("_export")
        if export is not None:
            return self.export(export)
        response = super().get(request, *args, **kwargs)
        response.render()
        # The rows were fetched to render the page; this reads the same, already fetched, rows.
        shown = [row.record for row in self.table.page.object_list]
        log_access(request=request, action=AuditAction.LIST, households=shown)
        return response

    def get_table(self, **kwargs):
        self.table = super().get_table(**kwargs)
        return self.table

    def export(self, fmt):
        if fmt not in EXPORT_FORMATS:
            fmt = "csv"
        filterset = self.filterset_class(
            self.request.GET, queryset=self.get_queryset(), request=self.request
        )
        queryset = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        households = list(queryset)
        log_access(
            request=self.request,
            action=AuditAction.EXPORT,
            households=households,
            detail=fmt,
        )
        dataset = tablib.Dataset()
        rows = HouseholdTable(households).as_values()
        dataset.headers = next(rows)
        for row in rows:
            dataset.append(safe_row(row))
        response = HttpResponse(dataset.export(fmt), content_type=EXPORT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="households.{fmt}"'
        return response


class HouseholdDetailView(SupportStaffMixin, TemplateView):
    template_name = "support/household_detail.html"

    def get_context_data(self, **kwargs):
        household = access_household(user=self.request.user, pk=kwargs["pk"])
        log_access(request=self.request, action=AuditAction.VIEW, household=household)
        context = super().get_context_data(**kwargs)
        context.update(
            household=household,
            records=support_history(household=household),
            loans=household_loans(household=household),
            support_form=SupportRecordForm(),
            loan_form=LoanForm(),
            visit_form=HouseholdVisitForm(),
            close_form=CloseHouseholdForm(),
        )
        return context


class HouseholdCreateView(SupportStaffMixin, FormView):
    template_name = "support/household_form.html"
    form_class = HouseholdForm

    def form_valid(self, form):
        try:
            household = create_household(actor=Actor.of(self.request), **form.service_arguments())
        except (Refused, ValidationError) as error:
            error_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Household %(reference)s was added.") % {"reference": household.reference},
        )
        return HttpResponseRedirect(household.get_absolute_url())


class HouseholdUpdateView(SupportStaffMixin, FormView):
    template_name = "support/household_form.html"
    form_class = HouseholdForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.household = access_household(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        log_access(
            request=request, action=AuditAction.VIEW, household=self.household, detail="edit"
        )
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        # The form validates on its own copy: the service compares against the stored values.
        copy = Household.objects.select_related("district").get(pk=self.household.pk)
        return {**super().get_form_kwargs(), "instance": copy}

    def get_context_data(self, **kwargs):
        return super().get_context_data(household=self.household, **kwargs)

    def form_invalid(self, form):
        # The form is shown again with the household's data: that is a view too.
        log_access(
            request=self.request, action=AuditAction.VIEW, household=self.household, detail="edit"
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        arguments = form.service_arguments()
        try:
            changed = update_household(
                actor=Actor.of(self.request), household=self.household, **arguments
            )
        except (Refused, ValidationError) as error:
            error_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The changes were saved.") if changed else _("Nothing was changed.")
        )
        return HttpResponseRedirect(self.household.get_absolute_url())


class HouseholdActionView(SupportStaffMixin, FormView):
    """POST-only actions on one household; errors come back as messages on its page."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.household = access_household(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return redirect(self.household.get_absolute_url())

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data, actor=Actor.of(self.request))
        except (Refused, ValidationError) as error:
            messages.error(self.request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(self.request, self.success_message)
        return redirect(self.household.get_absolute_url())

    def perform(self, data, *, actor: Actor) -> None:
        raise NotImplementedError


class CloseHouseholdView(HouseholdActionView):
    form_class = CloseHouseholdForm
    success_message = gettext_lazy("The household was closed. Its records are kept.")

    def perform(self, data, *, actor):
        close_household(
            actor=actor,
            household=self.household,
            closed_on=data["closed_on"],
            reason=data["reason"],
        )


class ReopenHouseholdView(HouseholdActionView):
    form_class = forms.Form
    success_message = gettext_lazy("The household needs support again.")

    def perform(self, data, *, actor):
        reopen_household(actor=actor, household=self.household)


class RecordSupportView(HouseholdActionView):
    form_class = SupportRecordForm
    success_message = gettext_lazy("The support was recorded.")

    def perform(self, data, *, actor):
        record_support(
            actor=actor,
            household=self.household,
            date=data["date"],
            kind=data["kind"],
            note=data.get("note", ""),
            smartphone_class=data.get("smartphone_class"),
            staff=staff_of(self.request.user),
        )
