"""E-mails about registrations, sent through Django's mail API after the transaction commits.

Each function takes an id (not an object) because it runs in ``transaction.on_commit``
and must read what was committed.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from courses import calendars
from courses.models import Registration


def _registration(registration_id: int) -> Registration:
    return Registration.objects.select_related("session__course", "staff__user").get(
        pk=registration_id
    )


def _send(
    registration: Registration, template: str, *, ics: bytes | None, method: str = "PUBLISH"
) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "session": registration.session,
            "staff": registration.staff,
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = render_to_string(f"courses/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"courses/email/{template}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[registration.staff.user.email])
    if ics is not None:
        message.attach("invite.ics", ics, f"text/calendar; method={method}; charset=utf-8")
    message.send()


def send_registration_received(registration_id: int) -> None:
    registration = _registration(registration_id)
    confirmed = registration.status == "confirmed"
    _send(
        registration,
        "registration_confirmed" if confirmed else "registration_waiting",
        ics=calendars.invitation(registration) if confirmed else None,
    )


def send_promoted(registration_id: int) -> None:
    registration = _registration(registration_id)
    _send(registration, "registration_promoted", ics=calendars.invitation(registration))


def send_registration_cancelled(registration_id: int) -> None:
    registration = _registration(registration_id)
    _send(
        registration,
        "registration_cancelled",
        ics=calendars.cancellation(registration),
        method="CANCEL",
    )


def send_session_cancelled(registration_id: int) -> None:
    registration = _registration(registration_id)
    _send(
        registration,
        "session_cancelled",
        ics=calendars.cancellation(registration),
        method="CANCEL",
    )
