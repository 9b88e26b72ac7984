"""Mail goes through the queue: pages never wait for the mail server or fail because of it,
and every queued mail is delivered once, by a real worker, to a real SMTP server."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from classes.models import SignUp
from courses.models import Registration, RegistrationStatus, SessionStatus
from learning import mail as mail_queue
from learning.models import MailStatus, OutgoingMail
from learning.permissions import Duty
from learning.smtpsink import SMTPSink, free_port
from tests.classes.factories import SmartphoneClassFactory
from tests.courses.factories import CourseFactory, RegistrationFactory, SessionFactory
from tests.factories import StaffFactory, UserFactory

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
}


def run_worker(worker_id: str = "worker-1") -> None:
    """One pass of the real ``db_worker`` loop: every ready task, then exit."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    return settings


# -- the outbox itself -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_mail_is_rendered_once_and_sent_by_its_task(django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        row = mail_queue.queue_mail(
            kind="test.reminder",
            to="hanako@city.example.jp",
            template="courses/email/reminder_session",
            context={
                "registration": registration,
                "session": registration.session,
                "staff": registration.staff,
            },
            about=registration,
            attachments=[mail_queue.Attachment("a.ics", "BEGIN:VCALENDAR", "text/calendar")],
        )
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and row.attempts == 1 and row.sent_at
    [message] = mail.outbox
    assert message.to == ["hanako@city.example.jp"]
    assert message.subject == row.subject and "\n" not in row.subject
    assert registration.session.course.title in message.body
    assert message.attachments[0][0] == "a.ics"


@pytest.mark.django_db
def test_a_mail_without_an_address_is_not_queued():
    assert mail_queue.queue_mail(kind="x", to="", template="t", context={}) is None
    assert not OutgoingMail.objects.exists()


def _failing_mailer(settings, port=None):
    # A closed port on loopback: the connection is refused at once.
    settings.MAILERS = {"default": SMTPSink(port=port or free_port()).mailer(timeout=5)}


@pytest.mark.django_db
def test_failed_delivery_is_retried_with_back_off_then_listed_as_failed(
    settings, django_capture_on_commit_callbacks
):
    _failing_mailer(settings)
    start = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
    with (
        time_machine.travel(start, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        row = mail_queue.queue_mail(
            kind="test",
            to="a@city.example.jp",
            template="courses/email/reminder_behind",
            context={"row": None, "fy": 2026, "fy_label": "", "last_day": None},
        )
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MailStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in row.last_error
    delays = [row.next_attempt_at - start]
    for _attempt in range(4):
        # No worker runs the deferred retry here: the cron sweep takes it once overdue.
        assert mail_queue.retry_due_mail(now=row.next_attempt_at) == 0
        attempt_at = row.next_attempt_at + mail_queue.STALLED_AFTER
        with time_machine.travel(attempt_at, tick=False):
            assert mail_queue.retry_due_mail() == 1
        row.refresh_from_db()
        if row.next_attempt_at:
            delays.append(row.next_attempt_at - attempt_at)
    assert row.status == MailStatus.FAILED and row.attempts == 5
    # Five tries over about an hour (with a worker running the deferred retries): the
    # first, then after 1, 5, 15 and 40 more minutes.
    assert [d.total_seconds() / 60 for d in delays] == [1, 5, 15, 40]

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert mail_queue.send_again(OutgoingMail.objects.all()) == 1
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_is_not_sent_twice_when_its_task_runs_twice():
    row = OutgoingMail.objects.create(kind="t", recipient="a@x.jp", subject="s", body="b")
    assert mail_queue.deliver_mail.call(row.pk) == "sent"
    assert mail_queue.deliver_mail.call(row.pk) == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_left_sending_by_a_dead_worker_is_queued_again():
    row = OutgoingMail.objects.create(
        kind="t", recipient="a@x.jp", subject="s", body="b", status=MailStatus.SENDING
    )
    assert mail_queue.retry_due_mail() == 0  # it may still be on its way
    later = timezone.now() + mail_queue.STALLED_AFTER + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert mail_queue.retry_due_mail() == 1
    row.refresh_from_db()
    assert row.status == MailStatus.SENT


@pytest.mark.django_db
def test_the_retry_command_for_cron_says_how_many_it_queued_again(capsys):
    from django.core.management import call_command

    OutgoingMail.objects.create(
        kind="t",
        recipient="a@x.jp",
        subject="s",
        body="b",
        attempts=1,
        next_attempt_at=timezone.now() - dt.timedelta(minutes=16),
    )
    call_command("retry_mail")
    assert "e-mails queued again: 1" in capsys.readouterr().out
    assert OutgoingMail.objects.get().status == MailStatus.SENT


@pytest.mark.django_db
def test_administrators_see_failed_mail_and_can_send_it_again(admin_client_):
    row = OutgoingMail.objects.create(
        kind="courses.registration_confirmed",
        recipient="taro@city.example.jp",
        subject="研修の申込みを受け付けました",
        body="本文",
        status=MailStatus.FAILED,
        attempts=5,
        last_error="SMTPRecipientsRefused: 550 no such user",
    )
    url = reverse("admin:learning_outgoingmail_changelist")
    page = admin_client_.get(url, {"status__exact": "failed"}).content.decode()
    assert "taro@city.example.jp" in page and "550 no such user" in page
    assert "送信できませんでした" in page and "再送信" in page
    response = admin_client_.post(
        url, {"action": "send_again", "_selected_action": [row.pk]}, follow=True
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == MailStatus.SENT


# -- pages with the mail server down, a real worker, a real SMTP server -------------------


@pytest.mark.django_db(transaction=True)
def test_pages_answer_while_the_mail_server_refuses_and_each_mail_goes_once_later(
    client, database_queue
):
    port = free_port()
    _failing_mailer(database_queue, port)
    staff = StaffFactory()
    organiser = UserFactory(duties=[Duty.COURSE_ORGANISER])
    StaffFactory(user=organiser)
    course = CourseFactory(organisers=[organiser])
    session = SessionFactory(course=course, capacity=1)
    other_session = SessionFactory(course=course)
    RegistrationFactory(session=other_session, status=RegistrationStatus.CONFIRMED)
    smartphone_class = SmartphoneClassFactory()

    client.force_login(staff.user)
    assert client.post(reverse("courses:register", args=[session.pk])).status_code == 302
    registration = Registration.objects.get(session=session, staff=staff)
    assert registration.status == RegistrationStatus.CONFIRMED
    response = client.post(reverse("courses:cancel_registration", args=[registration.pk]))
    assert response.status_code == 302
    client.logout()
    response = client.post(
        reverse("classes:signup", kwargs={"pk": smartphone_class.pk}),
        {
            "name": "鹿嶋 花子",
            "phone": "090-1234-5678",
            "email": "hanako@example.jp",
            "age_band": "70s",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert SignUp.objects.filter(email="hanako@example.jp").exists()
    client.force_login(organiser)
    response = client.post(
        reverse("courses:session_status", args=[other_session.pk]), {"action": "cancel"}
    )
    assert response.status_code == 302
    other_session.refresh_from_db()
    assert other_session.status == SessionStatus.CANCELLED

    # Registered, cancelled, signed up, session cancelled: the pages only queued four tasks.
    assert DBTaskResult.objects.ready().count() == 4
    assert not OutgoingMail.objects.exists()
    run_worker()  # the mails are written; the server refuses each, which waits for its retry
    assert OutgoingMail.objects.count() == 4
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {(MailStatus.QUEUED, 1)}

    with (
        SMTPSink(port=port) as sink,
        time_machine.travel(timezone.now() + dt.timedelta(minutes=2)),
    ):
        run_worker()
        run_worker()  # a second run finds nothing more to send
    assert sorted(recipient for recipient, _subject in sink.messages) == sorted(
        [staff.user.email, staff.user.email, "hanako@example.jp"]
        + list(other_session.registrations.values_list("staff__user__email", flat=True))
    )
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
    invitation = next(m for m in sink.raw if "invite.ics" in str(m))
    assert "text/calendar" in str(invitation)


@pytest.mark.django_db(transaction=True)
def test_a_mail_task_left_running_by_a_dead_worker_runs_again(database_queue):
    from classes.services.notifications import notify_signed_up
    from tests.classes.factories import SignUpFactory

    signup = SignUpFactory(email="hanako@example.jp")
    notify_signed_up(signup_pk=signup.pk)
    # A worker claimed the compose task, then was killed (kill -9) before finishing it.
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())
    with SMTPSink() as sink:
        database_queue.MAILERS = {"default": sink.mailer()}
        run_worker()
        assert sink.messages == []  # nobody takes a running task
        later = timezone.now() + mail_queue.STALLED_AFTER + dt.timedelta(minutes=1)
        with time_machine.travel(later):
            mail_queue.retry_due_mail()
            run_worker()
    assert [r for r, _s in sink.messages] == ["hanako@example.jp"]


# -- two workers on one PostgreSQL database ----------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_send_two_hundred_mails_once_each(database_queue):
    with SMTPSink() as sink:
        database_queue.MAILERS = {"default": sink.mailer()}
        session = SessionFactory()
        mail_queue.queue_mails(
            mail_queue.Mail(
                kind="test.load",
                to=f"staff{n}@city.example.jp",
                template="courses/email/registration_waiting",
                context={"session": session, "registration": None, "staff": None},
            )
            for n in range(200)
        )
        assert DBTaskResult.objects.ready().count() == 200
        barrier = threading.Barrier(2)

        def work(worker_id):
            try:
                barrier.wait(timeout=30)
                run_worker(worker_id)
            finally:
                connection.close()

        threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

    recipients = [recipient for recipient, _subject in sink.messages]
    assert sorted(recipients) == sorted(f"staff{n}@city.example.jp" for n in range(200))
    # Each task was claimed by exactly one worker (SELECT ... FOR UPDATE SKIP LOCKED).
    claims = list(DBTaskResult.objects.values_list("worker_ids", flat=True))
    assert len(claims) == 200 and all(len(ids) == 1 for ids in claims)
    assert {ids[0] for ids in claims} == {"w1", "w2"}
    assert OutgoingMail.objects.filter(status=MailStatus.SENT).count() == 200


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_session_mails_each_registrant_on_their_own(database_queue):
    from courses.services.registration import cancel_session

    session = SessionFactory()
    registrations = [RegistrationFactory(session=session) for _ in range(3)]
    refused = registrations[1].staff.user.email
    with SMTPSink(refuse=frozenset({refused})) as sink:
        database_queue.MAILERS = {"default": sink.mailer()}
        cancel_session(session=session)
        run_worker()
    # One recipient refused by the server does not stop the others' mails.
    assert sorted(r for r, _s in sink.messages) == sorted(
        r.staff.user.email for r in registrations if r.staff.user.email != refused
    )
    waiting = OutgoingMail.objects.get(recipient=refused)
    assert waiting.status == MailStatus.QUEUED and "550" in waiting.last_error
    assert OutgoingMail.objects.filter(status=MailStatus.SENT).count() == 2
