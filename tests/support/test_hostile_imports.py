"""Whatever support staff upload, the household and support imports answer with
ImportFailed (nothing written) or a clean import: never another exception (a 500 in the
browser), never half a file, never a formula stored."""

import csv
import datetime as dt
import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from learning import csvimport
from learning.csvimport import ImportFailed
from learning.text import forbidden_characters
from support.models import District, Household, SupportRecord
from support.services.audit import Actor
from support.services.imports import import_households, import_support
from tests.factories import StaffFactory
from tests.support.factories import ClosedHouseholdFactory, HouseholdFactory

ACTOR = Actor.command("tests")

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 5, 1)
DB_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FORMULAS = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "-cmd",
    "\t=1+1",
    " =1+1",
]
HOSTILE = [
    *FORMULAS,
    "<script>alert(1)</script>",
    "'; DROP TABLE support_household; --",
    "\x1b[31m",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\x00",
    "\u2028",
    "😀",
    '"',
    "\r\n",
    "長" * 2100,
]
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
hostile = st.sampled_from(HOSTILE) | any_text


def column(header: str, good: list[str], bad: list[str]):
    """A header, the cells a clean file has in it, and the cells any file may have."""
    return header, st.sampled_from(good), st.one_of(st.sampled_from(good + bad), hostile)


HOUSEHOLD_COLUMNS = [
    column("整理番号", ["K-001", "K-002", "CLOSED-1", "Ｋ－００３", "K-9"], ["R" * 31, ""]),
    column("地区", ["鹿島", "高松", "新しい地区"], ["地" * 51, ""]),
    column("世帯人数", ["1", "3", "３０", ""], ["0", "31", "-1", "1e3"]),
    column("把握日", ["2024-04-01", "2024/5/1"], ["2099-01-01", "2024-02-30", "0000-01-01", ""]),
    column("状態", ["支援中", "open"], ["終了", "closed", "?"]),
    column("終了日", [""], ["2025-03-31", "2020-01-01", "2099-12-31"]),
    column("終了理由", ["", "転出", "other"], ["?"]),
    column("理由", ["", "機器なし、通信費", "回線なし;その他"], ["?"]),
    column("把握経路", ["", "福祉", "survey"], ["?"]),
    column("同意", ["", "1", "はい"], ["maybe"]),
    column("連絡先氏名", ["鹿嶋 一郎", "", "山田😀"], ["=1+1"]),
    column("電話番号", ["0299-11-1111", ""], ["-cmd", "+81 90"]),
    column("住所", ["鹿嶋市平井1", ""], ["@A1"]),
    column("備考", ["", "メモ\n二行目", "<script>alert(1)</script>"], ["長" * 2001]),
    column("unknown column", ["x", "=1+1"], [""]),
]
SUPPORT_COLUMNS = [
    column("整理番号", ["K-001", "K-002", "CLOSED-1"], ["NOPE", ""]),
    column("支援日", ["2024-05-01", "2024/6/1"], ["2099-01-01", "2023-02-30", ""]),
    column("支援内容", ["機器貸出", "connection", "オンライン手続支援"], ["転送"]),
    column("職員番号", ["", "E-77"], ["E-NOPE"]),
    column("備考", ["", "メモ"], ["=1+1"]),
]
REQUIRED = {"整理番号", "地区", "世帯人数", "把握日", "状態", "支援日", "支援内容"}
EXCEL_ENCODINGS = ["utf-8", "utf-8-sig", "cp932"]
ENCODINGS = [*EXCEL_ENCODINGS, "shift_jis", "euc-jp", "utf-16", "latin-1"]


@st.composite
def csv_files(draw, columns):
    """Either a clean file (every required column, right spellings, text that is odd but
    allowed) or anything: columns missing, wrong and hostile cells, any encoding."""
    clean = draw(st.sampled_from([True, False]))
    if clean:
        required = [entry for entry in columns if entry[0] in REQUIRED]
        optional = draw(st.lists(st.sampled_from(columns), unique=True))
        chosen = draw(st.permutations(required + [c for c in optional if c not in required]))
    else:
        chosen = draw(
            st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns), unique=True)
        )
    cells = [good if clean else anything for _header, good, anything in chosen]
    rows = draw(st.lists(st.tuples(*cells), min_size=int(clean), max_size=4))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow([header for header, _good, _anything in chosen])
    writer.writerows(rows)
    encoding = draw(st.sampled_from(EXCEL_ENCODINGS if clean else ENCODINGS))
    return buffer.getvalue().encode(encoding, errors="replace")


def stored_counts():
    return District.objects.count(), Household.objects.count(), SupportRecord.objects.count()


def looks_like_a_formula(value: str) -> bool:
    return value[:1] in ("=", "+", "@") or (value[:1] == "-" and not value[1:2].isdigit())


def assert_all_or_nothing(importer, data: bytes):
    """The import succeeds with exactly what it reports, or refuses and changes nothing."""
    with transaction.atomic():
        districts, households, records = stored_counts()
        try:
            result = importer(actor=ACTOR, data=data, today=TODAY)
        except ImportFailed as failure:
            event("refused")
            assert failure.errors
            assert all("行目" in error for error in failure.errors), failure.errors
            assert stored_counts() == (districts, households, records)
        else:
            event("imported")
            after = stored_counts()
            if importer is import_households:
                assert after[0] == districts + len(result.new_districts)
                assert after[1] == households + result.created
                for household in Household.objects.all():
                    for value in (
                        household.reference,
                        household.contact_name,
                        household.phone,
                        household.address,
                        household.notes,
                        household.district.name,
                    ):
                        assert not looks_like_a_formula(value), value
                        # The text rule: line breaks in the notes only, nothing invisible.
                        multiline = value == household.notes
                        assert not forbidden_characters(value, multiline=multiline), value
            else:
                assert after[2] == records + result.created
                for note in SupportRecord.objects.values_list("note", flat=True):
                    assert not looks_like_a_formula(note)
                    assert not forbidden_characters(note, multiline=True), note
        transaction.set_rollback(True)


@pytest.fixture
def known_households():
    HouseholdFactory(reference="K-001", identified_on=dt.date(2024, 4, 1))
    HouseholdFactory(reference="K-002", identified_on=dt.date(2023, 10, 1))
    ClosedHouseholdFactory(reference="CLOSED-1", identified_on=dt.date(2023, 4, 1))
    StaffFactory(employee_id="E-77")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), importer=st.sampled_from([import_households, import_support]))
def test_random_bytes_are_refused_or_imported_never_anything_else(data, importer):
    assert_all_or_nothing(importer, data)


@DB_SETTINGS
@given(data=csv_files(HOUSEHOLD_COLUMNS))
def test_the_household_import_is_all_or_nothing_for_any_file(known_households, data):
    assert_all_or_nothing(import_households, data)


@DB_SETTINGS
@given(data=csv_files(SUPPORT_COLUMNS))
def test_the_support_import_is_all_or_nothing_for_any_file(known_households, data):
    assert_all_or_nothing(import_support, data)


@pytest.mark.parametrize("importer", [import_households, import_support])
@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_in_a_text_cell_is_refused_with_its_line(known_households, importer, formula):
    if importer is import_households:
        text = (
            f"整理番号,地区,世帯人数,把握日,状態,連絡先氏名\nK-9,鹿島,1,2024-04-01,open,{formula}\n"
        )
    else:
        text = f"整理番号,支援日,支援内容,備考\nK-001,2024-05-01,connection,{formula}\n"
    with pytest.raises(ImportFailed) as failure:
        importer(actor=ACTOR, data=text.encode(), today=TODAY)
    assert failure.value.errors[0].startswith("2行目")
    assert not SupportRecord.objects.exists()
    assert not Household.objects.filter(reference="K-9").exists()


@pytest.mark.parametrize("importer", [import_households, import_support])
@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xef\xbb\xbf",
        b"\x00\x01\x02",
        b"\xff\xfe\xfd",
        "整理番号,地区\n".encode("utf-16"),
        "整理番号\n".encode("euc-jp") + b"\x80\x80",
        b"reference,district\n",
        b'"unterminated\n',
        b"a,b\n" * 10,
        "整理番号,整理番号,地区\nK,K,鹿島\n".encode(),
    ],
)
def test_garbage_is_refused_with_a_line_number(importer, data):
    with pytest.raises(ImportFailed) as failure:
        importer(actor=ACTOR, data=data, today=TODAY)
    assert failure.value.errors and "行目" in failure.value.errors[0]
    assert stored_counts() == (0, 0, 0)


@pytest.mark.parametrize("importer", [import_households, import_support])
def test_a_file_over_20_mb_is_refused_before_it_is_read(importer):
    row = "K-1,鹿島,1,2024-04-01,open\n".encode()
    data = "整理番号,地区,世帯人数,把握日,状態\n".encode() + row * (csvimport.MAX_BYTES // len(row))
    assert len(data) > csvimport.MAX_BYTES
    with (
        mock.patch("learning.csvimport.decode", side_effect=AssertionError("parsed")),
        pytest.raises(ImportFailed) as failure,
    ):
        importer(actor=ACTOR, data=data, today=TODAY)
    assert "20 MBを超えています" in failure.value.errors[0]
    assert stored_counts() == (0, 0, 0)


def test_an_error_half_way_through_the_file_leaves_nothing_behind(known_households):
    rows = "".join(f"N-{n},新地区{n},1,2024-04-01,open\n" for n in range(50))
    data = f"整理番号,地区,世帯人数,把握日,状態\n{rows}N-50,新地区,1,2024-04-01,=1+1\n".encode()
    with pytest.raises(ImportFailed):
        import_households(actor=ACTOR, data=data, today=TODAY)
    assert not District.objects.filter(name__startswith="新地区").exists()
    assert Household.objects.count() == 3


# The same files through the browser: the page answers, nothing is stored ---------------


@pytest.fixture
def uploader(support_client):
    return support_client


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=csv_files(HOUSEHOLD_COLUMNS) | csv_files(SUPPORT_COLUMNS) | st.binary(max_size=500),
    what=st.sampled_from(["households", "support", "nonsense"]),
)
def test_an_upload_is_previewed_or_refused_never_a_500(uploader, data, what):
    before = stored_counts()
    response = uploader.post(
        reverse("support:import"),
        {"what": what, "file": SimpleUploadedFile("名簿.csv", data, content_type="text/csv")},
        follow=True,
    )
    assert response.status_code == 200
    assert stored_counts() == before  # the preview is a dry run


def test_an_upload_over_5_mb_is_refused_by_the_form(uploader):
    data = b"reference,district\n" + b"x" * (5 * 2**20)
    response = uploader.post(
        reverse("support:import"),
        {"what": "households", "file": SimpleUploadedFile("big.csv", data)},
    )
    assert response.status_code == 200
    assert "5MBを超えています" in response.content.decode()
    assert stored_counts() == (0, 0, 0)


@pytest.mark.parametrize("importer", [import_households, import_support])
@pytest.mark.parametrize(
    "cell", ["鹿嶋\u200b一郎", "鹿嶋\u202e一郎", "鹿嶋\x1b一郎", "鹿嶋\u2028一郎"]
)
def test_an_invisible_or_control_character_is_refused_naming_the_column(
    known_households, importer, cell
):
    if importer is import_households:
        text = f"整理番号,地区,世帯人数,把握日,状態,連絡先氏名\nK-9,鹿島,1,2024-04-01,open,{cell}\n"
        column = "連絡先氏名"
    else:
        text = f"整理番号,支援日,支援内容,備考\nK-001,2024-05-01,connection,{cell}\n"
        column = "備考"
    with pytest.raises(ImportFailed) as failure:
        importer(actor=ACTOR, data=text.encode(), today=TODAY)
    (error,) = failure.value.errors
    assert error.startswith(f"2行目: {column}に使えない文字")
    assert not SupportRecord.objects.exists()


def test_line_breaks_are_kept_in_notes_but_refused_in_names(known_households):
    notes = (
        '整理番号,地区,世帯人数,把握日,状態,備考\nK-9,鹿島,1,2024-04-01,open,"一行目\r\n二行目"\n'
    )
    import_households(actor=ACTOR, data=notes.encode(), today=TODAY)
    assert Household.objects.get(reference="K-9").notes == "一行目\n二行目"
    name = (
        '整理番号,地区,世帯人数,把握日,状態,連絡先氏名\nK-10,鹿島,1,2024-04-01,open,"鹿嶋\n一郎"\n'
    )
    with pytest.raises(ImportFailed) as failure:
        import_households(actor=ACTOR, data=name.encode(), today=TODAY)
    # The record spans lines 2-3 of the file; the importer names the line it ends on.
    assert failure.value.errors == [
        "3行目: 連絡先氏名は1行で入力してください（改行は使えません）。"
    ]
