import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from learning.csvimport import ImportFailed
from learning.directory.roster import import_roster
from learning.models import Assignment, Department, Staff
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

JAPANESE_ROSTER = (
    "職員番号,氏名,メールアドレス,所属,職責,適用日,在職\r\n"
    "A001,山田 太郎,yamada@city.example.jp,情報政策課,管理職,2026/04/01,在職\r\n"
    "A002,佐藤 花子,sato@city.example.jp,市民課,リーダー的職員,2026-04-01,1\r\n"
    "A003,鈴木 一郎,suzuki@city.example.jp,市民課,一般職員,,\r\n"
)


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_cp932_file_with_japanese_headers_creates_staff_departments_and_accounts(tmp_path, capsys):
    call_command("import_staff", str(write(tmp_path, JAPANESE_ROSTER, "cp932")))
    assert "created 3, updated 0, unchanged 0" in capsys.readouterr().out
    yamada = Staff.objects.get(employee_id="A001")
    assert yamada.name == "山田 太郎"
    assert yamada.user.email == "yamada@city.example.jp"
    assert not yamada.user.has_usable_password()  # users set one through password reset
    assert yamada.assignments.get().role == "manager"
    assert set(Department.objects.values_list("name", flat=True)) == {"情報政策課", "市民課"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "shift_jis"])
def test_every_excel_encoding_is_detected(encoding):
    result = import_roster(data=JAPANESE_ROSTER.encode(encoding), today=dt.date(2026, 5, 1))
    assert result.created == 3


def test_english_headers_and_role_keys_work_too():
    data = b"employee_id,name,email,department,role\nB1,Ann,ann@city.example.jp,IT,ict\n"
    import_roster(data=data, today=dt.date(2026, 5, 1))
    assert Staff.objects.get(employee_id="B1").assignments.get().effective_from == dt.date(
        2026, 5, 1
    )


def test_running_the_same_file_twice_changes_nothing(tmp_path, capsys):
    path = write(tmp_path, JAPANESE_ROSTER)
    call_command("import_staff", str(path))
    history = list(
        Assignment.objects.values_list(
            "staff__employee_id", "role", "department__name", "effective_from"
        )
    )
    capsys.readouterr()
    call_command("import_staff", str(path))
    assert "created 0, updated 0, unchanged 3" in capsys.readouterr().out
    assert (
        list(
            Assignment.objects.values_list(
                "staff__employee_id", "role", "department__name", "effective_from"
            )
        )
        == history
    )


def test_a_transfer_adds_history_from_the_effective_date():
    import_roster(data=JAPANESE_ROSTER.encode(), today=dt.date(2026, 4, 1))
    moved = "職員番号,氏名,メールアドレス,所属,職責,適用日\nA003,鈴木 一郎,suzuki@city.example.jp,情報政策課,ICT担当部門職員,2027-04-01\n"
    result = import_roster(data=moved.encode())
    assert result.updated == 1
    history = list(
        Staff.objects.get(employee_id="A003")
        .assignments.order_by("effective_from")
        .values_list("role", "department__name", "effective_from")
    )
    assert history == [
        ("general", "市民課", dt.date(2026, 4, 1)),
        ("ict", "情報政策課", dt.date(2027, 4, 1)),
    ]


def test_a_bad_row_refuses_the_whole_file_and_reports_every_line(tmp_path, capsys):
    StaffFactory(employee_id="OLD1")
    bad = (
        "職員番号,氏名,メールアドレス,所属,職責,適用日\n"
        "A001,山田 太郎,yamada@city.example.jp,情報政策課,管理職,2026-04-01\n"
        "A002,佐藤 花子,not-an-email,市民課,リーダー的職員,2026-04-01\n"
        "A003,鈴木 一郎,suzuki@city.example.jp,市民課,部長,2026-04-01\n"
        "A004,田中 次郎,tanaka@city.example.jp,市民課,一般職員,2026-02-30\n"
        "A001,山田 太郎,yamada2@city.example.jp,情報政策課,管理職,2026-04-01\n"
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_staff", str(write(tmp_path, bad)))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err
    assert "line 3: “not-an-email” is not an e-mail address" in err
    assert "line 4: role “部長” is not one of" in err
    assert "line 5: effective from “2026-02-30” is not a real date" in err
    assert "line 6: employee id A001 already appears on line 2" in err
    assert list(Staff.objects.values_list("employee_id", flat=True)) == ["OLD1"]
    assert not Department.objects.filter(name="情報政策課").exists()


def test_missing_columns_are_reported_on_line_1():
    with pytest.raises(ImportFailed) as failure:
        import_roster(data="職員番号,氏名\nA1,x\n".encode())
    assert any(error.startswith("1行目") and "email" in error for error in failure.value.errors)


def test_a_file_that_is_not_text_is_refused_with_a_line_number():
    with pytest.raises(ImportFailed) as failure:
        import_roster(data=b"employee_id,name\n\xff\xfe\x00\x81garbage\n")
    assert failure.value.errors[0].startswith("2行目")


def test_an_email_owned_by_another_account_is_refused():
    get_user_model().objects.create_user(email="taken@city.example.jp")
    data = b"employee_id,name,email,department,role\nC1,Ann,taken@city.example.jp,IT,ict\n"
    with pytest.raises(ImportFailed) as failure:
        import_roster(data=data)
    assert "2行目" in failure.value.errors[0]


def test_retired_staff_lose_their_login():
    import_roster(data=JAPANESE_ROSTER.encode(), today=dt.date(2026, 4, 1))
    retired = "職員番号,氏名,メールアドレス,所属,職責,在職\nA003,鈴木 一郎,suzuki@city.example.jp,市民課,一般職員,退職\n"
    import_roster(data=retired.encode(), today=dt.date(2026, 4, 1))
    suzuki = Staff.objects.get(employee_id="A003")
    assert not suzuki.active and not suzuki.user.is_active


def test_dry_run_counts_but_writes_nothing(tmp_path, capsys):
    call_command("import_staff", str(write(tmp_path, JAPANESE_ROSTER)), "--dry-run")
    assert "dry run, nothing written: created 3" in capsys.readouterr().out
    assert not Staff.objects.exists()


def test_hr_previews_then_confirms_an_upload(hr_client):
    url = reverse("courses:roster_import")
    upload = write_upload(JAPANESE_ROSTER.encode("cp932"))
    preview = hr_client.post(url, {"file": upload}, follow=True)
    assert preview.status_code == 200
    assert "3 件を新規登録" in preview.content.decode()
    assert not Staff.objects.filter(employee_id__startswith="A").exists()
    job_url = preview.redirect_chain[-1][0]
    confirmed = hr_client.post(job_url, {"confirm": "1"}, follow=True)
    assert Staff.objects.filter(employee_id__startswith="A").count() == 3
    assert "名簿を取り込みました" in confirmed.content.decode()


def test_hr_sees_bad_rows_in_japanese_and_nothing_is_saved(hr_client):
    bad = "職員番号,氏名,メールアドレス,所属,職責\nA1,山田,yamada@city.example.jp,課,部長\n"
    response = hr_client.post(
        reverse("courses:roster_import"), {"file": write_upload(bad.encode())}, follow=True
    )
    body = response.content.decode()
    assert "取り込みませんでした" in body
    assert "2行目: 職責「部長」" in body
    assert not Staff.objects.filter(employee_id="A1").exists()


def test_only_hr_may_import_the_roster(staff_client, client):
    assert staff_client.get(reverse("courses:roster_import")).status_code == 403
    staff_client.logout()
    response = client.get(reverse("courses:roster_import"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def write_upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("roster.csv", data, content_type="text/csv")


# Every problem of a row, no silent cuts, constant queries -----------------------------

HEADER = "職員番号,氏名,メールアドレス,所属,職責,適用日\n"


def refused(text: str, encoding: str = "utf-8") -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        import_roster(data=text.encode(encoding), today=dt.date(2026, 5, 1))
    assert not Staff.objects.exists()
    return failure.value.errors


def test_every_problem_of_a_bad_row_is_reported_not_only_the_first():
    errors = refused(HEADER + ",=山田,not-an-email,,部長,2026-02-30\n")
    assert [error.split("。")[0].split("使える値")[0] for error in errors] == [
        "2行目: 職員番号が空です",
        "2行目: 氏名を数式の記号（= + - @）で始めることはできません",
        "2行目: 「not-an-email」はメールアドレスではありません",
        "2行目: 所属が空です",
        "2行目: 職責「部長」は使えません",
        "2行目: 適用日「2026-02-30」は存在しない日付です",
    ]


@pytest.mark.parametrize("column", ["name", "department"])
def test_a_name_or_department_over_100_characters_is_refused_not_cut(column):
    name, department = "山田 太郎", "市民課"
    if column == "name":
        name = "長" * 101
    else:
        department = "課" * 101
    errors = refused(HEADER + f"A001,{name},a@city.example.jp,{department},一般職員,\n")
    label = "氏名" if column == "name" else "所属"
    assert errors == [f"2行目: {label}が100文字を超えています"]
    assert not Department.objects.exists()


@pytest.mark.parametrize(
    ("cell", "shown"),
    [("山田\u200b太郎", "U+200B"), ("山田\u202e太郎", "U+202E"), ("山田\x1b太郎", "U+001B")],
)
def test_invisible_and_control_characters_are_refused_naming_the_column(cell, shown):
    errors = refused(HEADER + f"A001,{cell},a@city.example.jp,市民課,一般職員,\n")
    assert len(errors) == 1
    assert errors[0].startswith("2行目: 氏名") and shown in errors[0]


@pytest.mark.parametrize("pasted", ["鈴木", "佐藤 花子"])
def test_a_file_mixing_utf8_and_cp932_rows_is_refused(pasted):
    # UTF-8 鈴木 is valid CP932 too: the row was imported as 驤ｴ譛ｨ without a word.
    data = (HEADER + "A001,山田 太郎,a@city.example.jp,市民課,一般職員,\n").encode("cp932")
    data += f"A002,{pasted},b@city.example.jp,市民課,一般職員,\n".encode()
    with pytest.raises(ImportFailed) as failure:
        import_roster(data=data, today=dt.date(2026, 5, 1))
    assert len(failure.value.errors) == 1
    assert failure.value.errors[0].startswith("3行目:") and "1行目" in failure.value.errors[0]
    assert not Staff.objects.exists()


def test_a_cp932_file_with_half_width_katakana_is_not_taken_for_mixed():
    text = (
        HEADER
        + "A001,ﾔﾏﾀﾞ ﾀﾛｳ,a@city.example.jp,ｼﾐﾝｶ,一般職員,\nA002,ﾃｽ,b@city.example.jp,課,一般職員,\n"
    )
    assert import_roster(data=text.encode("cp932"), today=dt.date(2026, 5, 1)).created == 2


def roster_of(rows: int, *, moved: bool = False) -> bytes:
    lines = [HEADER.strip()]
    for n in range(rows):
        department = f"部署{(n + (1 if moved else 0)) % 7}"
        day = "2027-04-01" if moved else "2026-04-01"
        lines.append(f"S{n:04d},職員 {n},s{n}@city.example.jp,{department},一般職員,{day}")
    return "\n".join(lines).encode()


@pytest.mark.parametrize("rows", [8, 80])
def test_the_roster_import_costs_the_same_queries_whatever_the_file_size(
    django_assert_num_queries, rows
):
    StaffFactory(employee_id="OTHER")  # the directory is not empty
    with django_assert_num_queries(11):
        assert import_roster(data=roster_of(rows), today=dt.date(2026, 5, 1)).created == rows
    with django_assert_num_queries(9):
        result = import_roster(data=roster_of(rows, moved=True), today=dt.date(2026, 5, 1))
    assert result.updated == rows
    assert Assignment.objects.filter(effective_from=dt.date(2027, 4, 1)).count() == rows


def test_an_upload_over_20_mb_is_refused_before_it_is_read(hr_client):
    from unittest import mock

    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("roster.csv", HEADER.encode() + b"x" * (20 * 2**20))
    # The view reads the file only to start the import job: the form refused it by its size.
    with mock.patch("courses.views.roster.jobs.start_job") as start_job:
        response = hr_client.post(reverse("courses:roster_import"), {"file": big})
    assert response.status_code == 200
    assert "ファイルが20MBを超えています。" in response.content.decode()
    start_job.assert_not_called()
