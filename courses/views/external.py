"""Staff report external training they attended (派遣・外部研修) and follow HR's review."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from courses.access import staff_of
from courses.forms_hr import ExternalTrainingForm
from courses.services.external import report_external_training
from learning.errors import Refused
from learning.permissions import PermissionRequiredMixin


class ExternalTrainingNewView(PermissionRequiredMixin, View):
    """Any logged-in staff member; accounts without a staff record are told why."""

    template_name = "courses/external/new.html"

    def get(self, request):
        staff = staff_of(request.user)
        return self._render(request, staff, ExternalTrainingForm())

    def post(self, request):
        staff = staff_of(request.user)
        form = ExternalTrainingForm(request.POST)
        if form.is_valid():
            try:
                report_external_training(staff=staff, **form.cleaned_data)
            except Refused as error:
                form.add_error("attended_on", str(error))
            else:
                messages.success(
                    request, _("Thank you. Your report was sent to HR and counts once approved.")
                )
                return redirect("courses:external_new")
        return self._render(request, staff, form, status=400)

    def _render(self, request, staff, form, status=200):
        reports = staff.external_trainings.select_related("course").order_by("-attended_on", "-pk")
        return render(
            request, self.template_name, {"form": form, "reports": reports}, status=status
        )
