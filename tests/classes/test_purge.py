"""purge_personal_data: names and contacts go N days after the class; counts stay."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from classes.models import SignUp
from classes.selectors import status_report
from classes.services.classes import record_attendance
from classes.services.purge import purge_personal_data
from learning import fiscal
from tests.classes.factories import SignUpFactory, SmartphoneClassFactory, in_days

pytestmark = pytest.mark.django_db


def old_class(days_ago: int):
    c = SmartphoneClassFactory(starts_at=in_days(-days_ago), ends_at=in_days(-days_ago, hour=12))
    present = [
        SignUpFactory(smartphone_class=c, email="x@example.jp", age_band="70s").pk for _ in range(3)
    ]
    SignUpFactory(smartphone_class=c, status=SignUp.Status.WAITING)
    record_attendance(smartphone_class=c, attended=present[:2], mark_held=True, now=c.ends_at)
    return c


def test_purge_erases_names_and_contacts_after_the_set_days_and_keeps_counts(capsys):
    old = old_class(100)
    recent = old_class(30)
    fy = fiscal.fiscal_year_of(old.starts_at)
    before = next(r for r in status_report(fiscal_year=fy).rows if r.centre == old.centre)
    call_command("purge_personal_data")
    out = capsys.readouterr().out
    assert "erased the names and contacts of 4 sign-ups in 1 classes" in out
    erased = list(old.signups.all())
    assert all((s.name, s.phone, s.email) == ("", "", "") and s.erased_at for s in erased)
    assert [s.attended for s in erased if s.status == "confirmed"].count(True) == 2
    assert {s.age_band for s in erased if s.status == "confirmed"} == {"70s"}
    assert all(s.name for s in recent.signups.all())
    after = next(r for r in status_report(fiscal_year=fy).rows if r.centre == old.centre)
    assert (after.held, after.participants) == (before.held, before.participants)


def test_purge_is_idempotent(capsys):
    old_class(100)
    call_command("purge_personal_data")
    call_command("purge_personal_data")
    assert (
        "erased the names and contacts of 0 sign-ups in 0 classes"
        in capsys.readouterr().out.splitlines()[-1]
    )


@override_settings(CLASSES_PERSONAL_DATA_DAYS=10)
def test_the_setting_and_the_option_set_the_days(capsys):
    c = old_class(30)
    call_command("purge_personal_data", "--days", "60")
    assert c.signups.filter(erased_at__isnull=True).count() == 4
    call_command("purge_personal_data")
    assert c.signups.filter(erased_at__isnull=True).count() == 0


def test_negative_days_are_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_personal_data", "--days", "-1")


def test_the_cutoff_is_measured_from_the_end_of_the_class():
    c = old_class(0)
    result = purge_personal_data(days=0, now=c.ends_at - dt.timedelta(minutes=1))
    assert result.signups == 0
    assert purge_personal_data(days=0, now=timezone.now() + dt.timedelta(days=1)).signups == 4


def test_the_confirmation_page_is_gone_after_the_purge(client):
    from classes.services.signups import cancel_token

    c = old_class(100)
    signup = c.signups.first()
    token = cancel_token(signup)
    purge_personal_data(days=90)
    assert client.get(f"/classes/signup/{token}/").status_code == 404


def test_purge_erases_the_mails_about_citizens_with_their_names(django_capture_on_commit_callbacks):
    from classes.services.notifications import notify_class_cancelled, notify_signed_up
    from learning.models import OutgoingMail

    old, recent = old_class(100), old_class(30)
    with django_capture_on_commit_callbacks(execute=True):
        for signup in [*old.signups.all(), *recent.signups.all()]:
            notify_signed_up(signup_pk=signup.pk)
        notify_class_cancelled(
            class_pk=recent.pk, signup_pks=list(recent.signups.values_list("pk", flat=True))
        )
    staff_mail = OutgoingMail.objects.create(kind="courses.x", recipient="a@city.jp", body="b")
    about_old = OutgoingMail.objects.filter(about_id__in=old.signups.values("pk"))
    assert (
        about_old.count() == 3
        and "x@example.jp" in about_old.first().body + about_old.first().recipient
    )
    kept = set(OutgoingMail.objects.exclude(pk__in=about_old).values_list("pk", flat=True))

    result = purge_personal_data(days=90)
    assert result.mails == 3
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == kept
    assert OutgoingMail.objects.filter(pk=staff_mail.pk).exists()  # staff mail is not theirs
    assert purge_personal_data(days=90).mails == 0


def test_purge_deletes_import_uploads_after_their_hours(settings):
    import time_machine

    from learning.models import ImportJob
    from tests.factories import UserFactory

    settings.LEARNING_IMPORT_JOB_HOURS = 6
    owner = UserFactory()
    now = timezone.now()
    with time_machine.travel(now - dt.timedelta(hours=7), tick=False):
        expired = ImportJob.objects.create(kind="support_import", owner=owner, data=b"a,b")
    fresh = ImportJob.objects.create(kind="support_import", owner=owner, data=b"a,b")
    assert purge_personal_data(days=90, now=now).import_jobs == 1
    assert list(ImportJob.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not ImportJob.objects.filter(pk=expired.pk).exists()
