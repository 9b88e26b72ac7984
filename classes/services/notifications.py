"""Mail to citizens: what each says and to whom.

The ``notify_*`` functions, called from ``transaction.on_commit``, only enqueue a compose
task with ids; the task, run by a worker, reads what was committed and hands the mails
to ``learning.mail``, which renders, stores and delivers them.

Each mail is stored as being about its sign-up, so ``purge_personal_data`` erases it with
the sign-up's name and contacts.
"""

from django.tasks import task
from django.urls import reverse

from classes.models import SignUp, SmartphoneClass
from learning import mail
from learning.links import absolute_url

# Citizens get Japanese mail whatever language the staff member's browser used.
LANGUAGE = "ja"


def _absolute(path: str) -> str:
    return absolute_url(path)


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


def _with_address(**filters):
    return (
        SignUp.objects.select_related("smartphone_class__centre")
        .filter(erased_at__isnull=True, **filters)
        .exclude(email="")
    )


@task(queue_name="mail")
def compose_signup_mail(template: str, signup_pk: int) -> int:
    """Queue the mail ``template`` (signed_up, promoted) to a sign-up with an address."""
    signup = _with_address(pk=signup_pk).first()
    if signup is None:
        return 0
    mail.queue_mail(
        kind=f"classes.{template}",
        to=signup.email,
        template=f"classes/mail/{template}",
        context=_signup_context(signup),
        about=signup,
        language=LANGUAGE,
    )
    return 1


@task(queue_name="mail")
def compose_class_cancelled(class_pk: int, signup_pks: list[int]) -> int:
    """One mail per sign-up with an address, each delivered (and retried) on its own."""
    smartphone_class = SmartphoneClass.objects.select_related("centre").get(pk=class_pk)
    context = {
        "smartphone_class": smartphone_class,
        "centre": smartphone_class.centre,
        "class_url": _absolute(reverse("classes:index")),
    }
    rows = mail.queue_mails(
        [
            mail.Mail(
                kind="classes.class_cancelled",
                to=signup.email,
                template="classes/mail/class_cancelled",
                context=context,
                about=signup,
            )
            for signup in _with_address(pk__in=signup_pks).order_by("pk")
        ],
        language=LANGUAGE,
    )
    return len(rows)


def notify_signed_up(*, signup_pk: int) -> None:
    compose_signup_mail.enqueue("signed_up", signup_pk)


def notify_promoted(*, signup_pk: int) -> None:
    compose_signup_mail.enqueue("promoted", signup_pk)


def notify_class_cancelled(*, class_pk: int, signup_pks: list[int]) -> None:
    compose_class_cancelled.enqueue(class_pk, list(signup_pks))
