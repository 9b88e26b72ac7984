"""E-mails about registrations: what each says and to whom; ``learning.mail`` renders,
stores and delivers them in the background.

Each function takes ids (not objects) because it runs in ``transaction.on_commit`` and
must read what was committed.
"""

from django.conf import settings
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


def _received(registration: Registration) -> mail.Mail:
    if registration.status == "confirmed":
        ics = calendars.invitation(registration.session)
        return _mail(registration, "registration_confirmed", ics=ics, method="PUBLISH")
    return _mail(registration, "registration_waiting", ics=None, method="PUBLISH")


def _promoted(registration: Registration) -> mail.Mail:
    ics = calendars.invitation(registration.session)
    return _mail(registration, "registration_promoted", ics=ics, method="PUBLISH")


def _cancellation(template: str):
    def build(registration: Registration) -> mail.Mail:
        ics = calendars.cancellation(registration.session, attendee=registration.staff.user.email)
        return _mail(registration, template, ics=ics, method="CANCEL")

    return build


def _queue(ids, build) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        mail.queue_mails([build(registration) for registration in _registrations(ids)])


def send_registration_received(registration_id: int) -> None:
    _queue([registration_id], _received)


def send_promoted(registration_id: int) -> None:
    _queue([registration_id], _promoted)


def send_registration_cancelled(registration_id: int) -> None:
    _queue([registration_id], _cancellation("registration_cancelled"))


def send_session_cancelled(registration_ids: list[int]) -> None:
    """One mail per registrant, each delivered (and retried) on its own."""
    _queue(registration_ids, _cancellation("session_cancelled"))
