from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from courses.forms import CsvUploadForm
from learning import jobs
from learning.directory.tasks import KIND, run_roster_import
from learning.job_views import ImportJobStatusView, ImportJobView
from learning.permissions import Permission, PermissionRequiredMixin


class RosterImportView(PermissionRequiredMixin, View):
    """Upload → preview (a dry run of the real import) → confirm. Nothing is written before
    confirm. Both steps run as background tasks; the job page shows their progress."""

    permissions = (Permission.MANAGE_TRAINING,)
    template_name = "courses/roster_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": CsvUploadForm()})

    def post(self, request):
        if "confirm" in request.POST:  # a confirm from a page of before the job pages
            messages.error(request, _("The preview has expired. Please upload the file again."))
            return redirect("courses:roster_import")
        form = CsvUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        upload = form.cleaned_data["file"]
        job = jobs.start_job(
            kind=KIND,
            owner=request.user,
            filename=upload.name,
            data=upload.read(),
            task=run_roster_import,
        )
        return redirect("courses:roster_import_job", pk=job.pk)


class RosterImportJobView(PermissionRequiredMixin, ImportJobView):
    permissions = (Permission.MANAGE_TRAINING,)
    kind = KIND
    template_name = "courses/roster_import_job.html"
    save_task = run_roster_import
    upload_url = reverse_lazy("courses:roster_import")


class RosterImportStatusView(PermissionRequiredMixin, ImportJobStatusView):
    permissions = (Permission.MANAGE_TRAINING,)
    kind = KIND
