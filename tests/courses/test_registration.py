import datetime as dt

import pytest
import time_machine
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.models import Attendance, Registration, RegistrationStatus, SessionStatus
from courses.services.registration import (
    RegistrationError,
    add_walk_in,
    cancel_registration,
    cancel_session,
    record_attendance,
    register_for_session,
    waiting_position,
)
from tests.courses.factories import CourseFactory, SessionFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def ics_text(message) -> str:
    content = message.attachments[0][1]
    return content.decode() if isinstance(content, bytes) else content


def statuses(session):
    return list(
        session.registrations.order_by("requested_at", "pk").values_list("staff__name", "status")
    )


def test_registering_takes_a_seat_and_mails_a_calendar_invitation(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=2, course__title="RPA入門")
    staff = StaffFactory(user__email="taro@city.example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_session(staff=staff, session=session)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["taro@city.example.jp"]
    assert "RPA入門" in message.subject
    filename, content, mimetype = message.attachments[0]
    assert filename == "invite.ics" and mimetype.startswith("text/calendar")
    event = vobject.readOne(content.decode() if isinstance(content, bytes) else content).vevent
    assert event.summary.value == "RPA入門"
    assert event.dtstart.value == session.starts_at


def test_a_full_session_puts_people_on_the_waiting_list_in_order():
    session = SessionFactory(capacity=1)
    first, second, third = (
        StaffFactory(name="一番"),
        StaffFactory(name="二番"),
        StaffFactory(name="三番"),
    )
    now = timezone.now()
    register_for_session(staff=first, session=session, now=now)
    r2 = register_for_session(staff=second, session=session, now=now + dt.timedelta(seconds=1))
    r3 = register_for_session(staff=third, session=session, now=now + dt.timedelta(seconds=2))
    assert statuses(session) == [("一番", "confirmed"), ("二番", "waiting"), ("三番", "waiting")]
    assert (waiting_position(r2), waiting_position(r3)) == (1, 2)


def test_cancelling_promotes_the_first_person_waiting_who_is_told_by_email(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(capacity=1)
    first = StaffFactory(name="一番")
    second = StaffFactory(name="二番", user__email="second@city.example.jp")
    third = StaffFactory(name="三番")
    now = timezone.now()
    mine = register_for_session(staff=first, session=session, now=now)
    register_for_session(staff=second, session=session, now=now + dt.timedelta(seconds=1))
    register_for_session(staff=third, session=session, now=now + dt.timedelta(seconds=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration=mine)
    assert statuses(session) == [("一番", "cancelled"), ("二番", "confirmed"), ("三番", "waiting")]
    promoted = [m for m in mail.outbox if m.to == ["second@city.example.jp"]]
    assert len(promoted) == 1 and "空き" in promoted[0].subject
    cancelled = [m for m in mail.outbox if m.to == [first.user.email]]
    cancel = ics_text(cancelled[0])
    assert "METHOD:CANCEL" in cancel and "STATUS:CANCELLED" in cancel
    event = vobject.readOne(cancel).vevent
    assert event.organizer.value.startswith("mailto:")
    assert event.attendee.value == f"mailto:{first.user.email}"
    assert int(event.sequence.value) >= 1


def test_leaving_the_waiting_list_promotes_nobody():
    session = SessionFactory(capacity=1)
    register_for_session(staff=StaffFactory(), session=session)
    waiting = register_for_session(staff=StaffFactory(), session=session)
    cancel_registration(registration=waiting)
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1


def test_nobody_can_register_twice_for_one_session():
    session = SessionFactory()
    staff = StaffFactory()
    register_for_session(staff=staff, session=session)
    with pytest.raises(RegistrationError, match="既に申し込んで"):
        register_for_session(staff=staff, session=session)
    assert Registration.objects.count() == 1


def test_registering_again_after_cancelling_reuses_the_one_row_at_the_end_of_the_queue():
    session = SessionFactory(capacity=1)
    staff = StaffFactory()
    first = register_for_session(staff=staff, session=session)
    cancel_registration(registration=first)
    register_for_session(staff=StaffFactory(), session=session)
    again = register_for_session(staff=staff, session=session)
    assert again.pk == first.pk and again.status == RegistrationStatus.WAITING


def test_the_database_refuses_a_second_row_for_the_same_person_and_session():
    from django.db import IntegrityError, transaction

    registration = Registration.objects.create(
        session=SessionFactory(),
        staff=StaffFactory(),
        status="confirmed",
        requested_at=timezone.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            session=registration.session,
            staff=registration.staff,
            status="waiting",
            requested_at=timezone.now(),
        )


def test_registration_closes_at_the_deadline():
    session = SessionFactory()
    with pytest.raises(RegistrationError, match="締切"):
        register_for_session(
            staff=StaffFactory(),
            session=session,
            now=session.registration_deadline + dt.timedelta(minutes=1),
        )
    assert register_for_session(
        staff=StaffFactory(), session=session, now=session.registration_deadline
    )


def test_staff_cannot_cancel_after_the_cancellation_deadline_but_organisers_can():
    session = SessionFactory()
    registration = register_for_session(staff=StaffFactory(), session=session)
    late = session.cancellation_deadline + dt.timedelta(minutes=1)
    with pytest.raises(RegistrationError, match="取消"):
        cancel_registration(registration=registration, now=late)
    cancel_registration(registration=registration, now=late, by_organiser=True)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_cancelled_and_held_sessions_take_no_registrations():
    for status in (SessionStatus.CANCELLED, SessionStatus.HELD):
        with pytest.raises(RegistrationError):
            register_for_session(staff=StaffFactory(), session=SessionFactory(status=status))


def test_online_courses_have_no_sessions_to_register_for():
    session = SessionFactory(course=CourseFactory(kind="online"))
    with pytest.raises(RegistrationError):
        register_for_session(staff=StaffFactory(), session=session)


def test_attendance_is_marked_in_bulk_and_walk_ins_are_added_beyond_capacity():
    session = SessionFactory(capacity=2)
    a = register_for_session(staff=StaffFactory(), session=session)
    b = register_for_session(staff=StaffFactory(), session=session)
    started = session.starts_at + dt.timedelta(minutes=5)
    assert (
        record_attendance(
            session=session,
            marks={a.pk: Attendance.PRESENT, b.pk: Attendance.EXCUSED},
            now=started,
        )
        == 2
    )
    walk_in = add_walk_in(session=session, staff=StaffFactory(), now=started)
    assert walk_in.walk_in and walk_in.attendance == Attendance.PRESENT
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    with pytest.raises(RegistrationError):
        record_attendance(session=session, marks={a.pk: "asleep"})


def test_cancelling_a_session_tells_everyone_registered(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=1)
    register_for_session(staff=StaffFactory(), session=session)
    register_for_session(staff=StaffFactory(), session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.sequence == 1
    assert len(mail.outbox) == 2
    assert all("STATUS:CANCELLED" in ics_text(m) for m in mail.outbox)


def test_staff_register_and_cancel_through_the_pages(staff_client):
    session = SessionFactory(capacity=1)
    response = staff_client.post(reverse("courses:register", args=[session.pk]), follow=True)
    assert "申込みが完了しました" in response.content.decode()
    registration = Registration.objects.get()
    response = staff_client.post(
        reverse("courses:cancel_registration", args=[registration.pk]), follow=True
    )
    assert "取り消しました" in response.content.decode()


def test_nobody_cancels_someone_elses_registration(staff_client):
    other = register_for_session(staff=StaffFactory(), session=SessionFactory())
    response = staff_client.post(reverse("courses:cancel_registration", args=[other.pk]))
    assert response.status_code == 404  # someone else's: its existence is not told
    other.refresh_from_db()
    assert other.status == RegistrationStatus.CONFIRMED


def test_organisers_manage_only_their_own_courses_sessions(client):
    from learning.permissions import Duty
    from tests.factories import UserFactory

    organiser = UserFactory(duties=[Duty.COURSE_ORGANISER])
    StaffFactory(user=organiser)
    mine = SessionFactory(course=CourseFactory(organisers=[organiser]))
    theirs = SessionFactory()
    client.force_login(organiser)
    assert client.get(reverse("courses:organise_session", args=[mine.pk])).status_code == 200
    assert client.get(reverse("courses:organise_session", args=[theirs.pk])).status_code == 403
    registration = register_for_session(staff=StaffFactory(), session=mine)
    with time_machine.travel(mine.starts_at + dt.timedelta(hours=1)):
        client.force_login(organiser)  # the login of a week ago would have expired
        response = client.post(
            reverse("courses:organise_session", args=[mine.pk]),
            {f"r{registration.pk}": "late", "and_held": "1"},
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    mine.refresh_from_db()
    assert registration.attendance == "late" and mine.status == SessionStatus.HELD


def test_ordinary_staff_cannot_open_the_organiser_pages(staff_client):
    assert staff_client.get(reverse("courses:organise")).status_code == 403
    assert (
        staff_client.get(
            reverse("courses:organise_session", args=[SessionFactory().pk])
        ).status_code
        == 403
    )


def test_a_session_is_named_by_its_tokyo_time_not_utc():
    import datetime as dt

    from learning.fiscal import TOKYO
    from tests.courses.factories import CourseFactory

    session = SessionFactory(
        course=CourseFactory(title="情報セキュリティ研修"),
        starts_at=dt.datetime(2026, 6, 1, 9, 30, tzinfo=TOKYO),
    )
    assert str(session) == "情報セキュリティ研修 2026-06-01 09:30"
