"""Household and support-record imports as background tasks: preview, then save."""

from django.contrib.auth import get_user_model
from django.tasks import task

from learning import jobs
from learning.models import ImportJob
from support.services.audit import Actor
from support.services.imports import import_households, import_support

KIND = "support_import"
IMPORTERS = {"households": import_households, "support": import_support}


def _run(job: ImportJob, progress, *, dry_run: bool, actor: Actor):
    importer = IMPORTERS[job.options["what"]]
    arguments = {"data": bytes(job.data), "actor": actor, "source": job.filename}
    if importer is import_households:
        arguments["progress"] = progress
    return importer(dry_run=dry_run, **arguments)


def _summary(result) -> dict:
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rows": result.created + result.updated + result.unchanged,
        "new_districts": result.new_districts,
    }


def _preview(job: ImportJob, progress) -> dict:
    result = _run(job, progress, dry_run=True, actor=Actor.command("import preview"))
    # The references shown by the preview, for the audit entry written when it is viewed.
    return {
        "summary": _summary(result),
        "references": [household.reference for household in result.households],
    }


def _save(job: ImportJob, progress) -> dict:
    # The import writes its own audit entry, as the person who confirmed it, from their address.
    user = get_user_model().objects.filter(pk=job.options.get("confirmed_by")).first()
    actor = Actor(user=user, ip_address=job.options.get("ip"), path=f"import {job.filename}"[:500])
    result = _run(job, progress, dry_run=False, actor=actor)
    return {"summary": _summary(result)}


@task()
def run_support_import(job_id: str) -> str:
    return jobs.run_job(job_id, preview=_preview, save=_save)
