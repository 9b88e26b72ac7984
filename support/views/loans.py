"""Device inventory, loans, returns and the overdue list; access-place visits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from learning import fiscal
from learning.errors import Refused
from support.access import access_loan
from support.forms import HouseholdVisitForm, LoanForm, ReturnForm, VisitorCountForm
from support.models import AuditAction
from support.selectors.households import (
    devices_with_state,
    open_loans,
    overdue_loans,
    visits_per_day,
)
from support.services.audit import Actor, log_access
from support.services.loans import (
    lend_device,
    record_household_visit,
    record_visitor_count,
    return_device,
)
from support.views.base import SupportStaffMixin
from support.views.households import HouseholdActionView, staff_of


class LendDeviceView(HouseholdActionView):
    form_class = LoanForm
    success_message = _("The loan was recorded.")

    def perform(self, data, *, actor):
        lend_device(
            actor=actor,
            device=data["device"],
            household=self.household,
            lent_on=data["lent_on"],
            due_on=data["due_on"],
            note=data.get("note", ""),
            staff=staff_of(self.request.user),
        )


class HouseholdVisitView(HouseholdActionView):
    form_class = HouseholdVisitForm
    success_message = _("The visit was recorded.")

    def perform(self, data, *, actor):
        record_household_visit(
            actor=actor,
            place=data["place"],
            date=data["date"],
            household=self.household,
            staff=staff_of(self.request.user),
        )


class ReturnDeviceView(SupportStaffMixin, FormView):
    form_class = ReturnForm
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.loan = access_loan(user=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return redirect(self.get_success_url())

    def form_valid(self, form):
        try:
            return_device(
                actor=Actor.of(self.request),
                loan=self.loan,
                returned_on=form.cleaned_data["returned_on"],
            )
        except (Refused, ValidationError) as error:
            messages.error(self.request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(self.request, _("The return was recorded."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        target = self.request.POST.get("next", "")
        return "support:loans" if target != "household" else self.loan.household.get_absolute_url()


class LoanListView(SupportStaffMixin, TemplateView):
    """Devices with their state, loans out and the overdue ones first."""

    template_name = "support/loans.html"

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        loans = list(open_loans(user=user))
        overdue = [loan for loan in loans if loan.due_on < today]
        log_access(
            request=self.request,
            action=AuditAction.LIST,
            households=[loan.household for loan in loans],
            detail="loans",
        )
        return super().get_context_data(
            devices=devices_with_state(user=user),
            loans=loans,
            overdue=overdue,
            today=today,
            return_form=ReturnForm(),
            **kwargs,
        )


class OverdueListView(SupportStaffMixin, TemplateView):
    template_name = "support/overdue.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        loans = list(overdue_loans(user=self.request.user, today=today))
        log_access(
            request=self.request,
            action=AuditAction.LIST,
            households=[loan.household for loan in loans],
            detail="overdue",
        )
        return super().get_context_data(
            loans=loans, today=today, return_form=ReturnForm(), **kwargs
        )


class AccessPlaceVisitsView(SupportStaffMixin, FormView):
    """Visitors per day at the free ICT access places; the day's count is entered here."""

    template_name = "support/visits.html"
    form_class = VisitorCountForm

    def get_context_data(self, **kwargs):
        fy = fiscal.selected_fiscal_year(self.request)
        return super().get_context_data(
            fy=fy,
            visits=visits_per_day(first=fiscal.first_day(fy), last=fiscal.last_day(fy)),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            record_visitor_count(place=data["place"], date=data["date"], visitors=data["visitors"])
        except Refused as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The number of visitors was saved."))
        return redirect("support:visits")
