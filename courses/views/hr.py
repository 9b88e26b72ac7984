"""HR's pages: the compliance page (with its exports and chart), targets, exemptions,
and the review of external training. Every view needs the HR duty (administrators pass)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from courses import charts as course_charts
from courses.filters import ComplianceFilter
from courses.forms_hr import CopyTargetsForm, ExemptionForm, TargetForm
from courses.models import Exemption, ExternalTraining, ReviewStatus, Target
from courses.selectors.compliance import chart_years, compliance_rows, share_met_by_role_over_years
from courses.services.exemptions import exempt_staff, remove_exemption
from courses.services.external import review_external_training
from courses.services.targets import copy_targets, set_target
from courses.tables import ComplianceExport, ComplianceTable
from learning import charts, fiscal
from learning.errors import Refused
from learning.models import Role
from learning.permissions import Permission, PermissionRequiredMixin


class HRRequiredMixin(PermissionRequiredMixin):
    permissions = (Permission.MANAGE_TRAINING,)


class ComplianceView(HRRequiredMixin, ExportMixin, SingleTableMixin, TemplateView):
    """One row per staff member for ``?fy=``; ``?_export=csv|xlsx`` exports every filtered row."""

    template_name = "courses/hr/compliance.html"
    table_class = ComplianceTable
    export_class = ComplianceExport
    export_formats = (ComplianceExport.CSV, ComplianceExport.XLSX)
    table_pagination = {"per_page": 50}

    def get(self, request, *args, **kwargs):
        self.fy = fiscal.selected_fiscal_year(request)
        exporting = ComplianceExport.is_valid_format(request.GET.get(self.export_trigger_param))
        self.year = compliance_rows(fy=self.fy, with_summary=not exporting)
        self.filterset = ComplianceFilter(request.GET or None, rows=self.year.rows)
        return super().get(request, *args, **kwargs)

    def get_table_data(self):
        return self.filterset.qs

    def get_export_filename(self, export_format):
        return f"training-targets-{self.fy}.{export_format}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop(self.export_trigger_param, None)
        context.update(
            fy=self.fy,
            year=self.year,
            running=self.fy == fiscal.current_fiscal_year(),
            filter=self.filterset,
            remove_label=_("Remove the exemption"),
            export_query=query.urlencode(),
            targets=[(Role(role).label, self.year.targets.get(role)) for role in Role.values],
        )
        return context


class ComplianceChartView(HRRequiredMixin, View):
    """The share meeting the target by role over the fiscal years, as PNG or SVG."""

    def get(self, request, fmt):
        if fmt not in charts.FORMATS:
            raise Http404
        years = chart_years()
        figure = course_charts.share_met_by_role(
            years=years, shares=share_met_by_role_over_years(years=years)
        )
        return charts.chart_response(
            figure, fmt=fmt, filename="training-targets-by-role", download="download" in request.GET
        )


class TargetListView(HRRequiredMixin, View):
    """Every year's targets; set one target, or copy a year's targets to a new year."""

    template_name = "courses/hr/targets.html"

    def get(self, request):
        return self._render(request, TargetForm(), self._copy_form())

    def post(self, request):
        if "copy" in request.POST:
            form = CopyTargetsForm(request.POST)
            if form.is_valid():
                try:
                    copies = copy_targets(
                        from_year=form.cleaned_data["from_year"],
                        to_year=form.cleaned_data["to_year"],
                    )
                except Refused as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(
                        request,
                        _("%(count)d targets copied to %(year)s.")
                        % {
                            "count": len(copies),
                            "year": fiscal.label(form.cleaned_data["to_year"]),
                        },
                    )
                    return redirect("courses:targets")
            return self._render(request, TargetForm(), form, status=400)
        form = TargetForm(request.POST)
        if form.is_valid():
            target = set_target(**form.cleaned_data)
            messages.success(
                request,
                _("Target saved: %(year)s, %(role)s, %(count)d participations.")
                % {
                    "year": fiscal.label(target.fiscal_year),
                    "role": target.get_role_display(),
                    "count": target.participations_required,
                },
            )
            return redirect("courses:targets")
        return self._render(request, form, self._copy_form(), status=400)

    def _copy_form(self):
        latest = (
            Target.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
        )
        initial = {"from_year": latest, "to_year": latest + 1} if latest else {}
        return CopyTargetsForm(initial=initial)

    def _render(self, request, form, copy_form, status=200):
        by_year: dict[int, dict[str, Target]] = {}
        for target in Target.objects.all():
            by_year.setdefault(target.fiscal_year, {})[target.role] = target
        years = [
            (year, [by_year[year].get(role) for role in Role.values])
            for year in sorted(by_year, reverse=True)
        ]
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "copy_form": copy_form,
                "years": years,
                "roles": [label for _value, label in Role.choices],
            },
            status=status,
        )


class TargetEditView(HRRequiredMixin, View):
    """Edit one year's target for one role."""

    def get(self, request, fy, role):
        target = get_object_or_404(Target, fiscal_year=fy, role=role)
        form = TargetForm(
            initial={
                "fiscal_year": target.fiscal_year,
                "role": target.role,
                "participations_required": target.participations_required,
                "security_required": target.security_required,
            }
        )
        return render(request, "courses/hr/target_edit.html", {"form": form, "target": target})


class ExemptionListView(HRRequiredMixin, View):
    """The year's exemptions, and a form to add one."""

    template_name = "courses/hr/exemptions.html"

    def get(self, request):
        fy = fiscal.selected_fiscal_year(request)
        return self._render(request, fy, ExemptionForm())

    def post(self, request):
        fy = fiscal.selected_fiscal_year(request)
        form = ExemptionForm(request.POST)
        if form.is_valid():
            try:
                exemption = exempt_staff(
                    staff=form.cleaned_data["staff"],
                    fiscal_year=fy,
                    reason=form.cleaned_data["reason"],
                    recorded_by=request.user,
                )
            except Refused as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s is exempt for %(year)s.")
                    % {"name": exemption.staff.name, "year": fiscal.label(fy)},
                )
                return redirect(f"{reverse('courses:exemptions')}?fy={fy}")
        return self._render(request, fy, form, status=400)

    def _render(self, request, fy, form, status=200):
        exemptions = Exemption.objects.filter(fiscal_year=fy).select_related("staff", "created_by")
        return render(
            request,
            self.template_name,
            {"fy": fy, "form": form, "exemptions": exemptions},
            status=status,
        )


class ExemptionRemoveView(HRRequiredMixin, View):
    def post(self, request, pk):
        exemption = get_object_or_404(Exemption.objects.select_related("staff"), pk=pk)
        fy = exemption.fiscal_year
        remove_exemption(exemption=exemption)
        messages.success(
            request,
            _("The exemption of %(name)s for %(year)s was removed.")
            % {"name": exemption.staff.name, "year": fiscal.label(fy)},
        )
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect(f"{reverse('courses:exemptions')}?fy={fy}")


class ExternalReviewListView(HRRequiredMixin, View):
    """Pending external-training reports, oldest first, and the latest decisions."""

    def get(self, request):
        reports = ExternalTraining.objects.select_related("staff", "course")
        pending = Paginator(
            reports.filter(status=ReviewStatus.PENDING).order_by("created_at", "pk"), 50
        )
        return render(
            request,
            "courses/hr/external_review.html",
            {
                "pending": pending.get_page(request.GET.get("page")),
                "reviewed": reports.exclude(status=ReviewStatus.PENDING)
                .select_related("reviewed_by")
                .order_by("-reviewed_at")[:30],
            },
        )


class ExternalReviewView(HRRequiredMixin, View):
    def post(self, request, pk):
        report = get_object_or_404(ExternalTraining.objects.select_related("staff"), pk=pk)
        decision = request.POST.get("decision")
        if decision not in ("approve", "reject"):
            messages.error(request, _("Choose approve or reject."))
            return redirect("courses:external_review")
        try:
            review_external_training(
                report=report, approve=decision == "approve", reviewer=request.user
            )
        except Refused as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                (
                    _("Approved: %(title)s (%(name)s).")
                    if decision == "approve"
                    else _("Not approved: %(title)s (%(name)s).")
                )
                % {"title": report.title, "name": report.staff.name},
            )
        return redirect("courses:external_review")
