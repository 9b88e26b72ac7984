"""Whatever a user uploads, the importers answer with ImportFailed or a clean import:
never another exception (a 500 in the browser), never half a file."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.services.training_import import import_completions, import_courses
from learning.csvimport import Column, ImportFailed, read_rows
from learning.directory.roster import import_roster
from learning.models import Department, Staff
from learning.text import forbidden_characters

HEADER = "職員番号,氏名,メールアドレス,所属,職責\n"
cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30
) | st.sampled_from(
    [
        '=HYPERLINK("http://x")',
        "+1+1",
        "@SUM(A1)",
        "-cmd",
        "<script>alert(1)</script>",
        "管理職",
        "😀",
        "山田\u200b",
        "\u202e課",
        "一\n二",
    ]
)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_escape_as_anything_but_import_failed(data):
    try:
        read_rows(data, [Column("employee_id", ("職員番号",)), Column("name", ("氏名",))])
    except ImportFailed as failure:
        assert failure.errors and all("line" in e or "行目" in e for e in failure.errors)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(cells, min_size=5, max_size=6), min_size=1, max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp932"]),
)
def test_the_roster_import_is_all_or_nothing_for_any_cells(rows, encoding):
    text = (
        HEADER
        + "\n".join(",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows)
        + "\n"
    )
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    with transaction.atomic():
        before = Staff.objects.count()
        try:
            result = import_roster(data=data)
        except ImportFailed:
            assert Staff.objects.count() == before
        else:
            assert Staff.objects.count() == before + result.created
            assert not any(s.name.startswith(("=", "+", "@")) for s in Staff.objects.all())
            for staff in Staff.objects.all():
                assert not forbidden_characters(staff.name), staff.name
            for department in Department.objects.all():
                assert not forbidden_characters(department.name), department.name
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("importer", [import_roster, import_courses, import_completions])
@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01\x02",
        b"\xff\xfe\xfd",
        "見出しだけ\n".encode("cp932"),
        b"a,b\n" * 10,
        b'"unterminated\n',
    ],
)
def test_every_import_refuses_garbage_with_a_line_number(importer, data):
    with pytest.raises(ImportFailed) as failure:
        importer(data=data)
    assert failure.value.errors


@pytest.mark.django_db
def test_a_formula_in_a_roster_cell_is_refused_not_stored():
    data = (HEADER + '=HYPERLINK("http://evil"),山田,y@city.example.jp,課,一般職員\n').encode()
    with pytest.raises(ImportFailed) as failure:
        import_roster(data=data)
    assert "2行目" in failure.value.errors[0]


@pytest.mark.django_db
def test_a_huge_file_is_refused_before_parsing():
    with pytest.raises(ImportFailed) as failure:
        import_roster(data=HEADER.encode() + b"x" * (21 * 1024 * 1024))
    assert "MB" in failure.value.errors[0]


@pytest.mark.parametrize("cell", ["-1+cmd|' /C calc'!A0", "-A1", "=1+1", "+1", "@SUM(A1)", "\t=1"])
def test_formula_like_cells_are_refused(cell):
    from learning.csvimport import RowError, reject_formula

    with pytest.raises(RowError):
        reject_formula(cell, column="x")


@pytest.mark.parametrize("cell", ["-3", "-12.5", "山田", "A-1"])
def test_plain_values_pass_the_formula_check(cell):
    from learning.csvimport import reject_formula

    assert reject_formula(cell, column="x") == cell


# Paths, years and names that used to answer 500 ---------------------------------------


def _nul_urls():
    """Every named URL with a text parameter, with a NUL in that parameter."""
    from django.urls import reverse

    from tests.learning.test_permission_matrix import named_patterns

    urls = []
    for name, pattern in named_patterns():
        converters = pattern.pattern.converters
        text_params = [key for key, conv in converters.items() if conv.regex == "[^/]+"]
        if not text_params:
            continue
        plain = {key: "token" * 5 if key in text_params else "1" for key in converters}
        urls += [reverse(name, kwargs={**plain, key: plain[key] + "\x00"}) for key in text_params]
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/courses/c/%00/", "/classes/signup/%00/", *_nul_urls()])
def test_a_nul_in_the_path_is_not_found_before_any_query(client, django_assert_num_queries, url):
    # PostgreSQL refuses NUL in a string: the lookup of /courses/c/%00/ answered 500 there.
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fy", ["-1", "0", "１", "２０２５", "99999999999999999999", "2025.0", "2_025", "", "\x00", "1"]
)
@pytest.mark.parametrize("action", ["close", "reopen"])
def test_closing_any_odd_fiscal_year_answers_with_a_message(client, fy, action):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    from learning.models import FiscalYearClosing
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("close_fiscal_year"), {"fy": fy, "action": action, "reason": "見直し"}
    )
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert not FiscalYearClosing.objects.exists()


ODD_NAMES = ["😀公民館", "𠮷野公民館", "$\\frac{$", "a$b$c", "ﷺ", "\u202e逆\u200b"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_charts_draw_names_the_font_lacks(client, fmt):
    from django.urls import reverse

    from learning.permissions import Duty
    from tests.classes.factories import CentreFactory
    from tests.factories import UserFactory
    from tests.support.factories import DistrictFactory, HouseholdFactory

    for n, name in enumerate(ODD_NAMES):
        CentreFactory(name=name, slug=f"odd-{n}")
        HouseholdFactory(district=DistrictFactory(name=name))
    client.force_login(UserFactory(duties=[Duty.REPORT_VIEWER, Duty.SUPPORT_STAFF]))
    urls = [
        reverse("classes:status_chart", args=[fmt]),
        *(
            reverse("support:coverage_chart", args=[name, fmt])
            for name in ("history", "districts", "kinds")
        ),
        *(reverse("yearly_report_chart", args=[name, fmt]) for name in ("rates", "trend")),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/")


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["見直し\x1b[2J", "見直し\u202e", "\u200b", "見直し\x00"])
def test_a_reopening_reason_with_control_characters_is_refused(client, reason):
    import datetime as dt

    import time_machine
    from django.contrib.messages import get_messages
    from django.urls import reverse

    from learning.closing import close_fiscal_year
    from learning.fiscal import TOKYO
    from learning.models import FiscalYearClosing
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, tzinfo=TOKYO), tick=False):
        close_fiscal_year(fy=2025, by=admin)
        response = client.post(
            reverse("close_fiscal_year"), {"fy": "2025", "action": "reopen", "reason": reason}
        )
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert message.level_tag == "error" and "再開の理由" in str(message)
    assert FiscalYearClosing.objects.get().reopened_at is None
