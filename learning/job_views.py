"""The pages of one background import: progress, then the preview to confirm, then the
result. An app subclasses both views behind its own permission mixin (see
``courses/views/roster.py``, ``support/views/imports.py``)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from learning import jobs
from learning.models import ImportJob


class ImportJobView(View):
    """GET: the job's progress (refreshing itself), or its preview or result.
    POST: confirm the preview; the save runs as a task and this page shows its progress."""

    kind = ""
    template_name = ""
    save_task = None
    upload_url = ""  # the upload page, for "start again"

    def get_job(self, pk) -> ImportJob:
        return jobs.job_or_404(kind=self.kind, pk=pk)

    def preview_shown(self, request, job: ImportJob) -> None:
        """Called when a finished preview is shown (the support app logs it)."""

    def get(self, request, pk):
        job = self.get_job(pk)
        result = job.result
        if job.finished and job.step == ImportJob.Step.PREVIEW and "summary" in result:
            self.preview_shown(request, job)
        return render(
            request,
            self.template_name,
            {
                "job": job,
                "job_status": jobs.status(job),
                "summary": result.get("summary"),
                "errors": result.get("errors", []),
                "outcomes": result.get("outcomes", []),
                "saved": job.finished and job.step == ImportJob.Step.SAVE,
                "upload_url": self.upload_url,
                "status_url": request.path + "status/",
                # The words around the counts, for job-progress.js to fill in.
                "count_template": _("%(done)s of %(total)s rows"),
            },
        )

    def post(self, request, pk):
        job = self.get_job(pk)
        confirmed = jobs.confirm_job(
            job=job, task=self.save_task, by=request.user, ip=request.META.get("REMOTE_ADDR")
        )
        if not confirmed:
            messages.error(request, _("The preview has expired. Please upload the file again."))
            return redirect(self.upload_url)
        return redirect(request.path)


class ImportJobStatusView(View):
    """The job's progress as JSON, polled by ``static/js/job-progress.js``."""

    kind = ""

    def get(self, request, pk):
        return jobs.status_response(jobs.job_or_404(kind=self.kind, pk=pk))
