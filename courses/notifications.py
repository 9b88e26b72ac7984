"""E-mails about registrations: what each says and to whom.

The functions called from ``transaction.on_commit`` only enqueue ``compose_mail`` with
ids (one INSERT into the queue); the task, run by a worker, reads what was committed and
hands the mails to ``learning.mail``, which renders, stores and delivers them.
"""

from django.conf import settings
from django.tasks import task
from django.utils import translation

from courses import calendars
from courses.models import Registration
from learning import mail

TEMPLATES = "courses/email"


def _registrations(ids):
    return Registration.objects.select_related("session__course", "staff__user").filter(pk__in=ids)


def _mail(
    registration: Registration, template: str, *, ics: bytes | None, method: str
) -> mail.Mail:
    attachments = ()
    if ics is not None:
        attachments = (
            mail.Attachment(
                "invite.ics", ics.decode("utf-8"), f"text/calendar; method={method}; charset=utf-8"
            ),
        )
    return mail.Mail(
        kind=f"courses.{template}",
        to=registration.staff.user.email,
        template=f"{TEMPLATES}/{template}",
        context={
            "registration": registration,
            "session": registration.session,
            "staff": registration.staff,
        },
        about=registration,
        attachments=attachments,
    )


def _confirmed(registration: Registration) -> mail.Mail:
    ics = calendars.invitation(registration)
    return _mail(registration, "registration_confirmed", ics=ics, method="PUBLISH")


def _waiting(registration: Registration) -> mail.Mail:
    return _mail(registration, "registration_waiting", ics=None, method="PUBLISH")


def _promoted(registration: Registration) -> mail.Mail:
    ics = calendars.invitation(registration)
    return _mail(registration, "registration_promoted", ics=ics, method="PUBLISH")


def _cancellation(template: str):
    def build(registration: Registration) -> mail.Mail:
        ics = calendars.cancellation(registration)
        return _mail(registration, template, ics=ics, method="CANCEL")

    return build


BUILDERS = {
    "confirmed": _confirmed,
    "waiting": _waiting,
    "promoted": _promoted,
    "registration_cancelled": _cancellation("registration_cancelled"),
    "session_cancelled": _cancellation("session_cancelled"),
}


@task(queue_name="mail")
def compose_mail(what: str, registration_ids: list[int]) -> int:
    """Queue the mails ``what`` for these registrations; returns how many."""
    build = BUILDERS[what]
    with translation.override(settings.LANGUAGE_CODE):
        mails = [build(registration) for registration in _registrations(registration_ids)]
        return len(mail.queue_mails(mails))


def send_registration_received(registration_id: int, *, confirmed: bool) -> None:
    """``confirmed``: a seat (an invitation) or a place on the waiting list, as committed."""
    compose_mail.enqueue("confirmed" if confirmed else "waiting", [registration_id])


def send_promoted(registration_id: int) -> None:
    compose_mail.enqueue("promoted", [registration_id])


def send_registration_cancelled(registration_id: int) -> None:
    compose_mail.enqueue("registration_cancelled", [registration_id])


def send_session_cancelled(registration_ids: list[int]) -> None:
    """One mail per registrant, each delivered (and retried) by a task of its own."""
    compose_mail.enqueue("session_cancelled", list(registration_ids))
