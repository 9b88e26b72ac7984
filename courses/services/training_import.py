"""HR's yearly training plan (courses) and online-training completion lists, all or nothing."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.models import Competency, Completion, Course, CourseKind
from learning import fiscal
from learning.closing import year_guard
from learning.csvimport import (
    Column,
    Row,
    RowError,
    duplicate_errors,
    parse_all,
    parse_bool,
    parse_choice,
    parse_date,
    parse_text,
    raise_if_errors,
    read_rows,
    reject_formula,
)
from learning.models import Staff

COURSE_COLUMNS = (
    Column("code", ("研修コード",)),
    Column("title", ("研修名",)),
    Column("kind", ("種別", "研修種別")),
    Column("counts", ("対象",), required=False),
    Column("security", ("セキュリティ",), required=False),
    Column("competencies", ("能力",), required=False),
    Column("description", ("説明", "内容"), required=False, multiline=True),
)

KIND_SPELLINGS = {
    "session": CourseKind.SESSION,
    "市開催研修": CourseKind.SESSION,
    "集合研修": CourseKind.SESSION,
    "online": CourseKind.ONLINE,
    "オンライン研修": CourseKind.ONLINE,
    "オンライン": CourseKind.ONLINE,
    "external": CourseKind.EXTERNAL,
    "派遣・外部研修": CourseKind.EXTERNAL,
    "派遣": CourseKind.EXTERNAL,
    "外部研修": CourseKind.EXTERNAL,
}

COMPLETION_COLUMNS = (
    Column("employee_id", ("職員番号",)),
    Column("course_code", ("研修コード",)),
    Column("completed_on", ("修了日",)),
)


@dataclass(frozen=True)
class CourseLine:
    code: str
    title: str
    kind: str
    counts: bool
    security: bool
    competencies: tuple[int, ...]
    description: str | None


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _competency_lookup() -> dict[str, int]:
    """Competencies may be given by code or by their Japanese label."""
    lookup = {}
    for pk, code, label in Competency.objects.values_list("pk", "code", "label"):
        lookup[code.lower()] = pk
        lookup[label.lower()] = pk
    return lookup


def _parse_course(row: Row, competencies: dict[str, int]) -> CourseLine:
    code = reject_formula(row.code("code"), column=_("course code"))
    if not code:
        raise RowError(_("course code is empty"))
    if len(code) > 30:
        raise RowError(_("course code is longer than 30 characters"))
    title = parse_text(row.get("title"), column=_("title"), max_length=200, required=True)
    kind = parse_choice(row.get("kind"), column=_("kind"), choices=KIND_SPELLINGS)
    counts = parse_bool(row.get("counts"), column=_("counts toward the target"), default=True)
    security = parse_bool(row.get("security"), column=_("security training"), default=False)
    ids = []
    for name in filter(
        None, (part.strip() for part in row.get("competencies").replace("；", ";").split(";"))
    ):
        if name.lower() not in competencies:
            raise RowError(_("unknown competency “%(name)s”") % {"name": name})
        ids.append(competencies[name.lower()])
    description = row.values.get("description")
    return CourseLine(code, title, kind, counts, security, tuple(sorted(set(ids))), description)


def import_courses(*, data: bytes) -> ImportCounts:
    """Upsert courses by code. Raises ImportFailed (nothing written) when any row is bad."""
    rows = read_rows(data, COURSE_COLUMNS)
    lookup = _competency_lookup()
    parsed, errors = parse_all(rows, lambda row: _parse_course(row, lookup))
    errors += duplicate_errors(
        parsed, lambda line: line.code, _("course code %(value)s already appears on line %(line)d")
    )
    raise_if_errors(errors)
    counts = ImportCounts()
    with transaction.atomic():
        existing = {
            c.code: c
            for c in Course.objects.prefetch_related("competencies").filter(
                code__in=[line.code for _row, line in parsed]
            )
        }
        for _row, line in parsed:
            fields = {
                "title": line.title,
                "kind": line.kind,
                "counts_toward_target": line.counts,
                "is_security": line.security,
            }
            if line.description is not None:
                fields["description"] = line.description
            course = existing.get(line.code)
            if course is None:
                course = Course(code=line.code, **fields)
                course.full_clean()
                course.save()
                course.competencies.set(line.competencies)
                counts.created += 1
                continue
            changed = [name for name, value in fields.items() if getattr(course, name) != value]
            for name in changed:
                setattr(course, name, fields[name])
            if changed:
                course.full_clean()
                course.save(update_fields=changed)
            current = tuple(sorted(c.pk for c in course.competencies.all()))
            if line.competencies and current != line.competencies:
                course.competencies.set(line.competencies)
                changed.append("competencies")
            if changed:
                counts.updated += 1
            else:
                counts.unchanged += 1
    return counts


@dataclass(frozen=True)
class CompletionLine:
    staff_id: int
    course_id: int
    completed_on: dt.date


def import_completions(*, data: bytes) -> ImportCounts:
    """Add online completions; one already recorded is left alone (re-import changes nothing)."""
    rows = read_rows(data, COMPLETION_COLUMNS)
    staff_ids = dict(
        Staff.objects.filter(employee_id__in=[r.code("employee_id") for r in rows]).values_list(
            "employee_id", "pk"
        )
    )
    courses = {
        c.code: c for c in Course.objects.filter(code__in=[r.code("course_code") for r in rows])
    }
    guard = year_guard()
    today = timezone.localdate(timezone=fiscal.TOKYO)

    def parse(row: Row) -> CompletionLine:
        employee_id = row.code("employee_id")
        if employee_id not in staff_ids:
            raise RowError(_("no staff member has employee id “%(id)s”") % {"id": employee_id})
        course = courses.get(row.code("course_code"))
        if course is None:
            raise RowError(
                _("no course has the code “%(code)s”") % {"code": row.code("course_code")}
            )
        completed_on = parse_date(row.get("completed_on"), column=_("completed on"))
        if completed_on > today:
            raise RowError(
                _("completed on %(date)s is in the future")
                % {"date": formats.date_format(completed_on, "DATE_FORMAT")}
            )
        guard.check_row(completed_on)
        return CompletionLine(staff_ids[employee_id], course.pk, completed_on)

    parsed, errors = parse_all(rows, parse)
    raise_if_errors(errors)
    counts = ImportCounts()
    with transaction.atomic():
        for _row, line in parsed:
            _completion, created = Completion.objects.get_or_create(
                staff_id=line.staff_id, course_id=line.course_id, completed_on=line.completed_on
            )
            if created:
                counts.created += 1
            else:
                counts.unchanged += 1
    return counts
