"""Mail to citizens, sent after the transaction commits (never from inside a lock)."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from classes.models import SignUp, SmartphoneClass
from learning.links import absolute_url


def _absolute(path: str) -> str:
    return absolute_url(path)


def _send(*, template: str, context: dict, recipients: list[str]) -> None:
    # Citizens get Japanese mail whatever language the staff member's browser used.
    with translation.override("ja"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    for recipient in recipients:
        EmailMessage(subject, body, to=[recipient]).send()


def _signup_context(signup: SignUp) -> dict:
    from classes.services.signups import cancel_token

    token = cancel_token(signup)
    return {
        "signup": signup,
        "smartphone_class": signup.smartphone_class,
        "centre": signup.smartphone_class.centre,
        "signup_url": _absolute(reverse("classes:signup_detail", kwargs={"token": token})),
        "class_url": _absolute(signup.smartphone_class.get_absolute_url()),
    }


def _load(signup_pk: int) -> SignUp | None:
    return (
        SignUp.objects.select_related("smartphone_class__centre")
        .filter(pk=signup_pk, erased_at__isnull=True)
        .exclude(email="")
        .first()
    )


def notify_signed_up(*, signup_pk: int) -> None:
    signup = _load(signup_pk)
    if signup:
        _send(
            template="classes/mail/signed_up",
            context=_signup_context(signup),
            recipients=[signup.email],
        )


def notify_promoted(*, signup_pk: int) -> None:
    signup = _load(signup_pk)
    if signup:
        _send(
            template="classes/mail/promoted",
            context=_signup_context(signup),
            recipients=[signup.email],
        )


def notify_class_cancelled(*, class_pk: int, recipients: list[str]) -> None:
    smartphone_class = SmartphoneClass.objects.select_related("centre").get(pk=class_pk)
    _send(
        template="classes/mail/class_cancelled",
        context={
            "smartphone_class": smartphone_class,
            "centre": smartphone_class.centre,
            "class_url": _absolute(reverse("classes:index")),
        },
        recipients=recipients,
    )
