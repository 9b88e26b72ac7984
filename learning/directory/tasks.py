"""The roster import as a background task: the preview (a dry run), then the save."""

from django.tasks import task

from learning import jobs
from learning.directory.roster import import_roster
from learning.models import ImportJob

KIND = "roster"


def _summary(result) -> dict:
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rows": len(result.outcomes),
    }


def _preview(job: ImportJob, progress) -> dict:
    result = import_roster(data=bytes(job.data), dry_run=True, progress=progress)
    return {
        "summary": _summary(result),
        "outcomes": [[o.line, o.employee_id, o.name, o.action] for o in result.outcomes],
    }


def _save(job: ImportJob, progress) -> dict:
    return {"summary": _summary(import_roster(data=bytes(job.data), progress=progress))}


@task()
def run_roster_import(job_id: str) -> str:
    return jobs.run_job(job_id, preview=_preview, save=_save)
