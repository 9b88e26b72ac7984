"""Importing households or support records in the browser: upload, preview, confirm.

The preview is a dry run of the real import; nothing is written before confirm. Both
steps run as background tasks (``support.tasks``); the job page shows their progress.
The uploaded file lives in the job row until the import is saved or expires, never in
the session."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from learning import jobs
from learning.job_views import ImportJobStatusView, ImportJobView
from support.forms import ImportForm
from support.models import AuditAction, Household
from support.services.audit import log_access
from support.tasks import KIND, run_support_import
from support.views.base import SupportStaffMixin


class ImportView(SupportStaffMixin, View):
    template_name = "support/import.html"

    def render_page(self, request, **context):
        context.setdefault("form", ImportForm())
        return render(request, self.template_name, context)

    def get(self, request):
        return self.render_page(request)

    def post(self, request):
        if "confirm" in request.POST:  # a confirm from a page of before the job pages
            messages.error(request, _("The preview has expired. Please upload the file again."))
            return redirect("support:import")
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(request, form=form)
        upload = form.cleaned_data["file"]
        job = jobs.start_job(
            kind=KIND,
            owner=request.user,
            filename=upload.name,
            data=upload.read(),
            options={"what": form.cleaned_data["what"]},
            task=run_support_import,
        )
        return redirect("support:import_job", pk=job.pk)


class ImportJobPage(SupportStaffMixin, ImportJobView):
    kind = KIND
    template_name = "support/import_job.html"
    save_task = run_support_import
    upload_url = reverse_lazy("support:import")

    def preview_shown(self, request, job):
        # The preview names households from the file: viewing it is logged like a list.
        log_access(
            request=request,
            action=AuditAction.LIST,
            households=[Household(reference=r) for r in job.result.get("references", [])],
            detail=f"preview {job.options.get('what', '')} {job.filename}",
        )


class ImportStatusView(SupportStaffMixin, ImportJobStatusView):
    kind = KIND
