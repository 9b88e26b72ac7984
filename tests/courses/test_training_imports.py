import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from courses.models import Completion, Course
from learning.fiscal import TOKYO
from tests.courses.factories import CourseFactory, OnlineCourseFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stated_clock():
    """The completions below are dated May 2026: import them on a day after that."""
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)):
        yield


PLAN = (
    "研修コード,研修名,種別,対象,セキュリティ,能力\n"
    "SEC-2026,情報セキュリティ研修,市開催研修,1,1,情報セキュリティについての知識;digital-thinking\n"
    "RPA-01,RPA入門,session,1,0,RPA等ICTを活用した業務執行能力\n"
    "ELN-01,eラーニング基礎,オンライン研修,,,\n"
    "EXT-01,自治大学校,派遣・外部研修,0,,\n"
)


def run(tmp_path, command, text, encoding="cp932"):
    path = tmp_path / "file.csv"
    path.write_bytes(text.encode(encoding))
    call_command(command, str(path))


def test_the_training_plan_creates_courses_with_kinds_flags_and_competencies(tmp_path, capsys):
    run(tmp_path, "import_courses", PLAN)
    assert "created 4, updated 0, unchanged 0" in capsys.readouterr().out
    security = Course.objects.get(code="SEC-2026")
    assert security.is_security and security.kind == "session"
    assert set(security.competencies.values_list("code", flat=True)) == {
        "general-security",
        "digital-thinking",
    }
    assert Course.objects.get(code="ELN-01").kind == "online"
    assert Course.objects.get(code="ELN-01").counts_toward_target
    assert not Course.objects.get(code="EXT-01").counts_toward_target


def test_the_plan_upserts_by_code_and_a_second_run_changes_nothing(tmp_path, capsys):
    run(tmp_path, "import_courses", PLAN)
    run(tmp_path, "import_courses", PLAN)
    assert "created 0, updated 0, unchanged 4" in capsys.readouterr().out.splitlines()[-1]
    renamed = PLAN.replace("RPA入門", "RPA入門（改訂）")
    run(tmp_path, "import_courses", renamed, "utf-8-sig")
    assert "updated 1" in capsys.readouterr().out
    assert Course.objects.get(code="RPA-01").title == "RPA入門（改訂）"


def test_a_bad_plan_row_refuses_the_file_with_line_numbers(tmp_path, capsys):
    bad = "code,title,kind,competencies\nA,x,session,\nB,y,webinar,\nC,z,online,空を飛ぶ能力\nA,w,online,\n"
    with pytest.raises(SystemExit):
        run(tmp_path, "import_courses", bad, "utf-8")
    err = capsys.readouterr().err
    assert "line 3: kind “webinar” is not one of" in err
    assert "line 4: unknown competency “空を飛ぶ能力”" in err
    assert "line 5: course code A already appears on line 2" in err
    assert not Course.objects.exists()


def test_completions_import_and_reimport_changes_nothing(tmp_path, capsys):
    StaffFactory(employee_id="A001")
    OnlineCourseFactory(code="ELN-01")
    text = "職員番号,研修コード,修了日\nA001,ELN-01,2026/05/10\n"
    run(tmp_path, "import_completions", text)
    run(tmp_path, "import_completions", text)
    assert "created 0, already recorded 1" in capsys.readouterr().out.splitlines()[-1]
    completion = Completion.objects.get()
    assert completion.completed_on == dt.date(2026, 5, 10)


def test_completions_with_unknown_people_or_courses_write_nothing(tmp_path, capsys):
    StaffFactory(employee_id="A001")
    CourseFactory(code="ELN-01", kind="online")
    text = "employee_id,course_code,completed_on\nA001,ELN-01,2026-05-10\nZ999,ELN-01,2026-05-10\nA001,NOPE,2026-05-10\nA001,ELN-01,yesterday\n"
    with pytest.raises(SystemExit):
        run(tmp_path, "import_completions", text, "utf-8")
    err = capsys.readouterr().err
    assert "line 3: no staff member has employee id “Z999”" in err
    assert "line 4: no course has the code “NOPE”" in err
    assert "line 5: completed on must be a date" in err
    assert not Completion.objects.exists()
