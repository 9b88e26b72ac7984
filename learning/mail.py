"""Every e-mail of the system: rendered here, written to the outbox, delivered by a task.

A page only enqueues a small task from ``transaction.on_commit`` (the app's "compose"
task, with ids as arguments: one INSERT into the queue). In the worker that task reads
what was committed and calls ``queue_mails`` with the app's templates and context: each
mail is rendered here (subject from ``<template>_subject.txt`` on one line, body from
``<template>.txt``, Japanese unless told otherwise), stored as an ``OutgoingMail`` row,
and one ``deliver_mail`` task per row is enqueued in the same transaction. A page
therefore never waits for the mail server, never renders a mail, and never fails
because of either.

Delivery claims the row (``queued`` → ``sending``) with a conditional update, so a row is
sent once even if its task runs twice. A failed attempt is tried again after the delays in
``settings.LEARNING_MAIL_RETRY_SECONDS``; after the last one the row is ``failed`` and the
admin lists it (who, what, why) with a "send again" action.
"""

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F
from django.tasks import TaskResultStatus, task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from learning.links import site_root
from learning.models import MailStatus, OutgoingMail

logger = logging.getLogger(__name__)

# A row still "sending" this long after its claim belongs to a worker that died mid-task.
STALLED_AFTER = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


@dataclass(frozen=True)
class Mail:
    """One mail to render: ``template`` is a path without ``.txt``."""

    kind: str
    to: str
    template: str
    context: dict
    about: models.Model | None = None
    attachments: tuple[Attachment, ...] = ()


def render(*, template: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """(subject, body) of a mail template; ``site_url`` is always in the context."""
    context = {"site_url": site_root(), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def _row(mail: Mail, language: str | None) -> OutgoingMail:
    subject, body = render(template=mail.template, context=mail.context, language=language)
    about_type = (
        ContentType.objects.get_for_model(mail.about, for_concrete_model=False)
        if mail.about is not None
        else None
    )
    return OutgoingMail(
        kind=mail.kind[:60],
        recipient=mail.to,
        subject=subject[:255],
        body=body,
        attachments=[
            {"filename": a.filename, "content": a.content, "mimetype": a.mimetype}
            for a in mail.attachments
        ],
        about_type=about_type,
        about_id=mail.about.pk if mail.about is not None else None,
    )


def queue_mails(mails: Iterable[Mail], *, language: str | None = None) -> list[OutgoingMail]:
    """Render and store each mail (those without an address are skipped), with one
    delivery task each. Rows and tasks are committed together, with the caller's
    transaction if there is one (the queue is a table of the same database). Returns the
    rows."""
    rows = [_row(mail, language) for mail in mails if mail.to]
    if not rows:
        return []
    with transaction.atomic():
        rows = OutgoingMail.objects.bulk_create(rows)
        _enqueue([row.pk for row in rows])
    return rows


def queue_mail(
    *,
    kind: str,
    to: str,
    template: str,
    context: dict,
    about: models.Model | None = None,
    attachments: Iterable[Attachment] = (),
    language: str | None = None,
) -> OutgoingMail | None:
    """Render one mail and queue it (see ``queue_mails``); None when ``to`` is empty."""
    rows = queue_mails(
        [Mail(kind, to, template, context, about, tuple(attachments))], language=language
    )
    return rows[0] if rows else None


def _enqueue(ids: Iterable[int], *, run_after: dt.datetime | None = None) -> None:
    delivery = deliver_mail
    if run_after is not None:
        delivery = deliver_mail.using(run_after=run_after)
    for mail_id in ids:
        delivery.enqueue(mail_id)


def _message(mail: OutgoingMail) -> EmailMessage:
    message = EmailMessage(subject=mail.subject, body=mail.body, to=[mail.recipient])
    for attachment in mail.attachments:
        message.attach(
            attachment["filename"], attachment["content"].encode("utf-8"), attachment["mimetype"]
        )
    return message


@task(queue_name="mail")
def deliver_mail(mail_id: int) -> str:
    """Send one outbox row. Returns what happened: sent, retry, failed or skipped."""
    now = timezone.now()
    # The claim: only one run of this task (or of a duplicate) moves the row on.
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
        status=MailStatus.SENDING, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:
        return "skipped"
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        _message(mail).send()
    except Exception as error:  # the server refused, timed out, or the address was rejected
        return _failed(mail, error)
    OutgoingMail.objects.filter(pk=mail_id).update(
        status=MailStatus.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
    )
    return "sent"


def _failed(mail: OutgoingMail, error: Exception) -> str:
    delays = settings.LEARNING_MAIL_RETRY_SECONDS
    reason = f"{type(error).__name__}: {error}"[:2000]
    logger.warning("mail %s (%s) failed, attempt %s: %s", mail.pk, mail.kind, mail.attempts, reason)
    if mail.attempts > len(delays):
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=MailStatus.FAILED, last_error=reason, next_attempt_at=None
        )
        return "failed"
    next_attempt = timezone.now() + dt.timedelta(seconds=delays[mail.attempts - 1])
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.QUEUED, last_error=reason, next_attempt_at=next_attempt
    )
    if deliver_mail.get_backend().supports_defer:
        _enqueue([mail.pk], run_after=next_attempt)
    # Otherwise (the immediate backend of tests) ``retry_due_mail`` picks it up.
    return "retry"


def send_again(mails: models.QuerySet) -> int:
    """Queue failed or waiting mails for another round of attempts now; returns how many."""
    ids = list(
        mails.filter(status__in=[MailStatus.FAILED, MailStatus.QUEUED]).values_list("pk", flat=True)
    )
    # The rows and their tasks are committed together (the queue is in the same database).
    with transaction.atomic():
        OutgoingMail.objects.filter(pk__in=ids).update(
            status=MailStatus.QUEUED, attempts=0, next_attempt_at=None
        )
        _enqueue(ids)
    return len(ids)


def retry_due_mail(*, now: dt.datetime | None = None) -> int:
    """Re-queue mail whose worker stopped mid-send (``sending`` for longer than
    ``STALLED_AFTER``) and mail whose retry is overdue by as long (its own deferred task
    did not run: no worker, or the immediate backend of tests). Safe to run often and twice
    at once: delivery claims each row, so a mail whose own task also runs is still sent
    once, and a re-queued row waits ``STALLED_AFTER`` before it is re-queued again.
    Returns how many were queued."""
    now = now or timezone.now()
    overdue = now - STALLED_AFTER
    _release_abandoned_tasks(started_before=overdue)
    OutgoingMail.objects.filter(status=MailStatus.SENDING, updated_at__lt=overdue).update(
        status=MailStatus.QUEUED, next_attempt_at=overdue
    )
    with transaction.atomic():
        due = list(
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(status=MailStatus.QUEUED, next_attempt_at__lte=overdue)
            .values_list("pk", flat=True)
        )
        OutgoingMail.objects.filter(pk__in=due).update(next_attempt_at=now)
        _enqueue(due)
    return len(due)


def _release_abandoned_tasks(*, started_before: dt.datetime) -> int:
    """django-tasks-db leaves a task "running" for good when its worker dies mid-task.
    A mail task takes seconds, so one running since ``started_before`` was abandoned: make
    it ready again. Running a delivery again sends nothing twice (the row is claimed);
    a compose task whose mails were already committed may queue them a second time."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = deliver_mail.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return 0
    return DBTaskResult.objects.filter(
        backend_name=backend.alias,
        queue_name="mail",
        status=TaskResultStatus.RUNNING,
        started_at__lt=started_before,
    ).update(status=TaskResultStatus.READY)


def erase_mail_about(objects: models.QuerySet) -> int:
    """Delete every outbox row about these objects (personal data past its keeping time)."""
    about_type = ContentType.objects.get_for_model(objects.model, for_concrete_model=False)
    deleted, _counts = OutgoingMail.objects.filter(
        about_type=about_type, about_id__in=objects.values("pk")
    ).delete()
    return deleted
