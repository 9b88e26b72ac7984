"""Long imports as background tasks, with their progress shown in the browser.

An app's import page stores the upload as an ``ImportJob`` (bytes in the database, never
in the session), and its task calls ``run_job`` with the work to do: ``preview`` (a dry
run) first, then ``save`` once the user confirms. The worker reports progress through the
``progress`` cache (the import's own transaction is still open, so the job row cannot
show it), and the page polls ``status`` as JSON (``static/js/job-progress.js``), or
reloads itself without JavaScript.

The file is erased as soon as the import is saved or failed, and every job is deleted
``settings.LEARNING_IMPORT_JOB_HOURS`` after upload (``delete_expired``, run by the
nightly purge).
"""

import datetime as dt
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.csvimport import ImportFailed
from learning.models import ImportJob, JobStatus

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# Work for one step: (job, progress) -> a JSON-able result; raises ImportFailed on bad rows.
Work = Callable[[ImportJob, Progress], dict]

PROGRESS_EVERY = 0.5  # seconds between progress writes


def _cache():
    return caches["progress"]


def _key(job_id) -> str:
    return f"import-job:{job_id}"


def start_job(*, kind: str, owner, filename: str, data: bytes, task, options=None) -> ImportJob:
    """Store the upload and enqueue ``task`` (a ``@task`` taking the job id as a string)
    for its preview. The queue is a table of the same database, so the job and its task
    are committed together; under the immediate backend (tests) the task runs here."""
    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=kind, owner=owner, filename=filename[:100], data=data, options=options or {}
        )
        task.enqueue(str(job.pk))
    return job


def confirm_job(*, job: ImportJob, task, by=None, ip: str | None = None) -> bool:
    """Move a checked job without errors on to saving; False when it cannot be (already
    confirmed, failed, or expired). Two clicks save once: the update is conditional.
    Who confirmed (and from where) goes into ``options`` for the save's audit trail."""
    with transaction.atomic():
        moved = (
            ImportJob.objects.filter(
                pk=job.pk,
                step=ImportJob.Step.PREVIEW,
                status=JobStatus.DONE,
                result__has_key="summary",
            )
            .exclude(data=b"")
            .update(step=ImportJob.Step.SAVE, status=JobStatus.QUEUED, finished_at=None)
        )
        if moved:
            options = {**job.options, "confirmed_by": getattr(by, "pk", None), "ip": ip}
            ImportJob.objects.filter(pk=job.pk).update(options=options)
            task.enqueue(str(job.pk))
    return bool(moved)


def run_job(job_id: str, *, preview: Work, save: Work) -> str:
    """Run the job's current step. Claims the job first (so a task that runs twice does
    the work once) and records the result or the ``N行目:`` errors."""
    claimed = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    )
    if not claimed:
        return "skipped"
    job = ImportJob.objects.get(pk=job_id)
    work = preview if job.step == ImportJob.Step.PREVIEW else save
    reporter = _Reporter(job_id)
    status, keep_file = JobStatus.DONE, job.step == ImportJob.Step.PREVIEW
    try:
        result = work(job, reporter)
    except ImportFailed as failure:
        result, keep_file = {"errors": list(failure.errors)}, False
    except Exception:
        logger.exception("import job %s (%s) failed", job_id, job.kind)
        result = {"errors": [_("The import stopped because of an error. Nothing was saved.")]}
        status, keep_file = JobStatus.FAILED, False
    updates = {"status": status, "result": result, "finished_at": timezone.now()}
    if not keep_file:
        updates["data"] = b""
    ImportJob.objects.filter(pk=job_id).update(**updates)
    _cache().delete(_key(job_id))
    return str(status)


class _Reporter:
    """The progress callback handed to the importers; writes at most every half second."""

    def __init__(self, job_id: str):
        self.job_id, self.last = job_id, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        _cache().set(_key(self.job_id), (done, total), timeout=60 * 60)


def progress(job: ImportJob) -> tuple[int, int]:
    """(rows done, rows in the file) of a running job; (0, 0) before the count is known."""
    if job.finished:
        summary = job.result.get("summary", {})
        total = summary.get("rows", 0)
        return total, total
    return tuple(_cache().get(_key(job.pk), (0, 0)))


def status(job: ImportJob) -> dict:
    done, total = progress(job)
    return {
        "status": job.status,
        "step": job.step,
        "finished": job.finished,
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
    }


def status_response(job: ImportJob) -> JsonResponse:
    response = JsonResponse(status(job))
    response["Cache-Control"] = "no-store"
    return response


def job_or_404(*, kind: str, pk) -> ImportJob:
    """The job of this kind (the caller has checked the user may use this import)."""
    job = ImportJob.objects.filter(pk=pk, kind=kind).defer("data").first()
    if job is None or job.created_at < timezone.now() - keep_for():
        raise Http404
    return job


def keep_for() -> dt.timedelta:
    return dt.timedelta(hours=settings.LEARNING_IMPORT_JOB_HOURS)


def delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete jobs (and the files they hold) uploaded longer ago than the keeping time."""
    now = now or timezone.now()
    deleted, _counts = ImportJob.objects.filter(created_at__lt=now - keep_for()).delete()
    return deleted
