"""Every CSV and XLSX export writes a cell a spreadsheet would run as a formula as text:
with a leading apostrophe (OWASP's advice on CSV injection), numbers left as numbers."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from learning.exports import safe_cell
from learning.permissions import Duty
from learning.progress import Report, Table
from learning.report_views import table_csv
from tests.classes.factories import CentreFactory
from tests.factories import DepartmentFactory, StaffFactory, UserFactory
from tests.support.factories import DistrictFactory, HouseholdFactory

HYPERLINK = '=HYPERLINK("http://evil","x")'
DDE = "+cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        (DDE, "'" + DDE),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("+81-90-0000-0000", "'+81-90-0000-0000"),
        ("\x1b=1+1", "'=1+1"),  # a control character cannot hide the formula
        ("山田\x00\x07太郎", "山田太郎"),  # XLSX cannot hold C0 controls
        ("改行\nあり", "改行\nあり"),
        ("青木 一郎", "青木 一郎"),
        ("a=b", "a=b"),
        ("", ""),
        ("-3", "-3"),
        ("12.5", "12.5"),
        (-3, -3),
        (Decimal("-1.5"), Decimal("-1.5")),
        (-0.5, -0.5),
        (True, True),
        (None, None),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 1)),
    ],
)
def test_safe_cell_keeps_formulas_as_text_and_numbers_as_numbers(value, expected):
    assert safe_cell(value) == expected


def login(client, *duties):
    user = UserFactory(duties=duties)
    StaffFactory(user=user)
    client.force_login(user)
    return client


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def cells(rows) -> set[str]:
    return {cell for row in rows for cell in row}


def xlsx_cells(response) -> list:
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_neutralised_in_xlsx(response, *values):
    by_value = {cell.value: cell for cell in xlsx_cells(response)}
    for value in values:
        cell = by_value["'" + value]
        assert cell.data_type == "s"
    assert not any(cell.data_type == "f" for cell in by_value.values())


@pytest.mark.django_db
def test_the_compliance_csv_and_xlsx_keep_formulas_as_text(client):
    StaffFactory(name=HYPERLINK, assignment__department=DepartmentFactory(name=DDE))
    login(client, Duty.HR)
    response = client.get(reverse("courses:compliance"), {"_export": "csv"})
    assert response.content.startswith("\ufeffemployee_id,name,".encode())
    assert {"'" + HYPERLINK, "'" + DDE} <= cells(csv_rows(response))

    workbook = client.get(reverse("courses:compliance"), {"_export": "xlsx"})
    assert_neutralised_in_xlsx(workbook, HYPERLINK, DDE)


@pytest.mark.django_db
def test_the_household_csv_and_xlsx_keep_formulas_as_text(client):
    HouseholdFactory(contact_name=HYPERLINK, district=DistrictFactory(name=DDE))
    login(client, Duty.SUPPORT_STAFF)
    url = reverse("support:households")
    assert {"'" + HYPERLINK, "'" + DDE} <= cells(csv_rows(client.get(url + "?_export=csv")))
    assert_neutralised_in_xlsx(client.get(url + "?_export=xlsx"), HYPERLINK, DDE)


@pytest.mark.django_db
def test_a_control_character_in_a_household_does_not_break_the_xlsx_export(client):
    # The staff form accepts it; openpyxl refuses C0 controls in a workbook (was a 500).
    HouseholdFactory(contact_name="山田\x1b[31m太郎", notes="メモ\x0cです")
    login(client, Duty.SUPPORT_STAFF)
    values = [
        cell.value
        for cell in xlsx_cells(client.get(reverse("support:households") + "?_export=xlsx"))
    ]
    assert "山田[31m太郎" in values


@pytest.mark.django_db
def test_a_control_character_in_a_staff_name_does_not_break_the_compliance_xlsx(client):
    StaffFactory(name="職員\x1b名")
    login(client, Duty.HR)
    values = [
        cell.value
        for cell in xlsx_cells(client.get(reverse("courses:compliance"), {"_export": "xlsx"}))
    ]
    assert "職員名" in values


@pytest.mark.django_db
def test_the_class_status_csv_keeps_a_centre_name_as_text(client):
    CentreFactory(name=HYPERLINK)
    login(client, Duty.REPORT_VIEWER)
    response = client.get(reverse("classes:status_csv"))
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "'" + HYPERLINK in cells(csv_rows(response))


@pytest.mark.django_db
def test_the_coverage_csv_keeps_a_district_name_as_text(client):
    HouseholdFactory(district=DistrictFactory(name=DDE), identified_on=dt.date(2024, 5, 1))
    login(client, Duty.SUPPORT_STAFF)  # support staff see every district's figures
    response = client.get(reverse("support:coverage") + "?fy=2024&_export=csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(response)
    assert "'" + DDE in cells(rows)
    assert rows[2][2:5] == ["1", "0", "0"]  # figures stay plain numbers


@pytest.mark.django_db
def test_the_open_data_csv_keeps_a_district_name_as_text(client):
    DistrictFactory(name=HYPERLINK)
    rows = csv_rows(client.get(reverse("opendata:csv", args=["support"])))
    assert rows[0][0] == "fiscal_year"
    assert "'" + HYPERLINK in cells(rows)
    assert HYPERLINK not in cells(rows)


@pytest.mark.django_db
def test_the_yearly_report_csv_keeps_a_department_name_as_text(client):
    StaffFactory(assignment__department=DepartmentFactory(name=DDE))
    login(client, Duty.REPORT_VIEWER)
    response = client.get(reverse("yearly_report_csv", kwargs={"key": "m9_by_department"}))
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "'" + DDE in cells(csv_rows(response))


def test_a_report_table_keeps_text_safe_and_negative_numbers_as_numbers():
    table = Table("t", "t", ["name", "change"], [[HYPERLINK, -2], ["@x", Decimal("-0.5")]])
    report = Report(fy=2026, lines=[], tables=[table], generated_at="2026-11-25T10:00")
    rows = list(csv.reader(io.StringIO(table_csv(report, "t").decode("utf-8-sig"))))
    assert rows[1:] == [["2026", "'" + HYPERLINK, "-2"], ["2026", "'@x", "-0.5"]]
