"""import_households and import_support: encodings, all or nothing, idempotent."""

import datetime as dt

import pytest
from django.core.management import call_command

from learning.csvimport import ImportFailed
from support.models import AuditAction, AuditEntry, District, Household, SupportKind, SupportRecord
from support.services.audit import Actor
from support.services.imports import import_households, import_support
from tests.support.factories import HouseholdFactory

ACTOR = Actor.command("tests")

pytestmark = pytest.mark.django_db

HOUSEHOLDS = (
    "整理番号,地区,世帯人数,把握日,状態,終了日,理由,連絡先氏名,電話番号,住所\r\n"
    "K-001,鹿島,3,2024/04/01,支援中,,機器なし、通信費,鹿嶋 一郎,0299-11-1111,鹿嶋市平井1\r\n"
    "K-002,高松,1,2023-10-01,終了,2025-03-31,回線なし,高松 花子,,\r\n"
    "K-003,鹿島,2,2025-03-31,open,,,,,\r\n"
)
SUPPORT = (
    "整理番号,支援日,支援内容\r\n"
    "K-001,2024-04-01,機器貸出\r\n"
    "K-001,2024/05/01,オンライン手続支援\r\n"
    "K-002,2024-06-01,connection\r\n"
    "K-003,2025-04-01,スマホ教室への案内\r\n"
)


def write(tmp_path, text, encoding="utf-8", name="file.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_cp932_file_with_japanese_headers_creates_households_and_districts(tmp_path, capsys):
    call_command("import_households", str(write(tmp_path, HOUSEHOLDS, "cp932")))
    out = capsys.readouterr().out
    assert "created 3, updated 0, unchanged 0" in out and "new districts: 鹿島, 高松" in out
    k1 = Household.objects.get(reference="K-001")
    assert (k1.district.name, k1.members, k1.identified_on) == ("鹿島", 3, dt.date(2024, 4, 1))
    assert k1.reasons == ["no_device", "cannot_afford"]
    assert k1.contact_name == "鹿嶋 一郎"
    k2 = Household.objects.get(reference="K-002")
    assert k2.is_closed and k2.closed_on == dt.date(2025, 3, 31) and k2.closed_reason == "other"
    assert AuditEntry.objects.get().action == AuditAction.IMPORT


def test_support_records_import_with_japanese_kinds(tmp_path, capsys):
    import_households(actor=ACTOR, data=HOUSEHOLDS.encode(), today=dt.date(2025, 5, 1))
    call_command("import_support", str(write(tmp_path, SUPPORT, "cp932")))
    assert "created 4, unchanged 0" in capsys.readouterr().out
    assert set(SupportRecord.objects.values_list("household__reference", "kind")) == {
        ("K-001", SupportKind.DEVICE_LOAN),
        ("K-001", SupportKind.PROCEDURE),
        ("K-002", SupportKind.CONNECTION),
        ("K-003", SupportKind.CLASS_REFERRAL),
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_every_excel_encoding_is_read(encoding):
    assert import_households(actor=ACTOR, data=HOUSEHOLDS.encode(encoding)).created == 3


def test_english_headers_and_keys_work_too():
    data = b"reference,district,members,identified_on,status,closed_on\nE1,North,2,2024-05-01,closed,2024-06-01\n"
    import_households(actor=ACTOR, data=data)
    assert Household.objects.get(reference="E1").closed_on == dt.date(2024, 6, 1)


def test_importing_the_same_files_again_changes_nothing(tmp_path, capsys):
    households, support = (
        write(tmp_path, HOUSEHOLDS, name="h.csv"),
        write(tmp_path, SUPPORT, name="s.csv"),
    )
    call_command("import_households", str(households))
    call_command("import_support", str(support))
    before = (
        list(Household.objects.order_by("pk").values()),
        list(SupportRecord.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )
    capsys.readouterr()
    call_command("import_households", str(households))
    call_command("import_support", str(support))
    out = capsys.readouterr().out
    assert "created 0, updated 0, unchanged 3" in out and "created 0, unchanged 4" in out
    after = (
        list(Household.objects.order_by("pk").values()),
        list(SupportRecord.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )
    assert after == before


def test_a_changed_row_updates_the_household():
    import_households(actor=ACTOR, data=HOUSEHOLDS.encode())
    changed = HOUSEHOLDS.replace("K-003,鹿島,2,", "K-003,鹿島,4,")
    result = import_households(actor=ACTOR, data=changed.encode())
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Household.objects.get(reference="K-003").members == 4


def test_bad_household_rows_are_reported_by_line_and_nothing_is_written(tmp_path, capsys):
    bad = (
        "整理番号,地区,世帯人数,把握日,状態,終了日,理由\n"
        "K-001,鹿島,3,2024-04-01,支援中,,機器なし\n"
        "K-002,鹿島,0,2024-04-01,支援中,,\n"
        "K-003,鹿島,2,2024-02-30,支援中,,\n"
        "K-004,鹿島,2,2024-04-01,終了,,\n"
        "K-005,鹿島,2,2024-04-01,保留,,\n"
        "K-006,鹿島,2,2024-04-01,支援中,,お金\n"
        "K-001,鹿島,2,2024-04-01,支援中,,\n"
        "=HYPERLINK(1),鹿島,2,2024-04-01,支援中,,\n"
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_households", str(write(tmp_path, bad)))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err
    for line in (3, 4, 5, 6, 7, 8, 9):
        assert f"line {line}:" in err, line
    assert "line 2:" not in err
    assert "line 8: reference number K-001 already appears on line 2" in err
    assert not Household.objects.exists() and not District.objects.exists()


def test_support_rows_for_unknown_or_closed_households_are_refused():
    HouseholdFactory(
        reference="C1", status="closed", closed_on=dt.date(2024, 5, 1), closed_reason="other"
    )
    HouseholdFactory(reference="OK1")
    data = (
        b"reference,date,kind\n"
        b"OK1,2024-06-01,connection\n"
        b"NOPE,2024-06-01,connection\n"
        b"C1,2024-06-01,connection\n"
        b"OK1,2024-06-01,teleport\n"
        b"OK1,2024-06-01,connection\n"
    )
    with pytest.raises(ImportFailed) as failure:
        import_support(actor=ACTOR, data=data)
    errors = failure.value.errors
    assert [error.split("行目")[0] for error in errors] == ["3", "4", "5", "6"]
    assert not SupportRecord.objects.exists()


def test_the_web_error_messages_are_japanese():
    with pytest.raises(ImportFailed) as failure:
        import_households(actor=ACTOR, data="整理番号,地区\nA,B\n".encode())
    assert failure.value.errors[0].startswith("1行目")


def test_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_households", str(write(tmp_path, HOUSEHOLDS)), "--dry-run")
    assert "dry run, nothing written: created 3" in capsys.readouterr().out
    assert not Household.objects.exists() and not AuditEntry.objects.exists()


def test_a_binary_file_is_refused_not_crashed():
    with pytest.raises(ImportFailed):
        import_households(actor=ACTOR, data=b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def upload(data: bytes, name="file.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_support_staff_preview_then_confirm_an_upload(support_client):
    from django.urls import reverse

    url = reverse("support:import")
    preview = support_client.post(
        url, {"what": "households", "file": upload(HOUSEHOLDS.encode("cp932"))}, follow=True
    )
    assert preview.status_code == 200
    assert "3 件を新規登録" in preview.content.decode()
    assert not Household.objects.exists()
    viewed = AuditEntry.objects.get()  # the preview names households from the file
    assert viewed.action == AuditAction.LIST and "K-001" in viewed.households_shown
    job_url = preview.redirect_chain[-1][0]
    saved = support_client.post(job_url, {"confirm": "1"}, follow=True)
    assert "取り込みました" in saved.content.decode()
    assert Household.objects.count() == 3
    entry = AuditEntry.objects.filter(action=AuditAction.IMPORT).get()
    assert entry.action == AuditAction.IMPORT and entry.user == support_client.user
    assert entry.ip_address == "127.0.0.1" and "K-001" in entry.households_shown


def test_bad_rows_in_an_upload_are_shown_in_japanese_and_nothing_is_saved(support_client):
    from django.urls import reverse

    bad = "整理番号,支援日,支援内容\nNOPE,2024-06-01,転送\n"
    response = support_client.post(
        reverse("support:import"), {"what": "support", "file": upload(bad.encode())}, follow=True
    )
    body = response.content.decode()
    assert "取り込みませんでした" in body and "2行目" in body
    assert not SupportRecord.objects.exists()


def test_a_confirm_without_a_preview_is_a_message_not_a_500(support_client):
    from django.urls import reverse

    response = support_client.post(reverse("support:import"), {"confirm": "1"})
    assert response.status_code == 302


def test_an_upload_that_is_not_csv_is_refused(support_client):
    from django.urls import reverse

    response = support_client.post(
        reverse("support:import"),
        {"what": "households", "file": upload(b"\x89PNG\x00\x00")},
        follow=True,
    )
    assert response.status_code == 200 and not Household.objects.exists()


def _household_file(count: int, *, start: int = 0) -> bytes:
    lines = ["整理番号,地区,世帯人数,把握日,状態"]
    lines += [f"Q{start + n:05d},鹿島,2,2025/05/01,支援中" for n in range(count)]
    return ("\n".join(lines) + "\n").encode("cp932")


def test_a_large_household_file_costs_the_same_queries_as_a_small_one():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from support.services.imports import import_households

    import_households(
        actor=ACTOR, data=_household_file(1, start=90000)
    )  # the district exists from here on
    with CaptureQueriesContext(connection) as small:
        import_households(actor=ACTOR, data=_household_file(10))
    with CaptureQueriesContext(connection) as large:
        import_households(actor=ACTOR, data=_household_file(300, start=1000))
    assert len(large) == len(small)
