"""Starting from a spreadsheet: households and support records from CSV, all or nothing.

The same rules as the roster import (learning.csvimport): UTF-8 or CP932, English or
Japanese headers, every bad row reported as ``line N: reason``, nothing written unless
every row is good, and importing the same file again changes nothing.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.closing import YearGuard, year_guard
from learning.csvimport import (
    Column,
    Row,
    RowError,
    duplicate_errors,
    parse_all,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    parse_text,
    raise_if_errors,
    read_rows,
)
from learning.models import Staff
from support.models import (
    AuditAction,
    ClosedReason,
    District,
    Household,
    HouseholdStatus,
    IdentifiedHow,
    Reason,
    SupportKind,
    SupportRecord,
)
from support.services.audit import Actor, record_change
from support.services.households import reason_fields

HOUSEHOLD_COLUMNS = (
    Column("reference", ("整理番号",)),
    Column("district", ("地区",)),
    Column("members", ("世帯人数",)),
    Column("identified_on", ("把握日",)),
    Column("status", ("状態",)),
    Column("closed_on", ("終了日",), required=False),
    Column("closed_reason", ("終了理由",), required=False),
    Column("reasons", ("理由",), required=False),
    Column("identified_how", ("把握経路",), required=False),
    Column("consent_recorded", ("同意",), required=False),
    Column("contact_name", ("連絡先氏名",), required=False),
    Column("phone", ("電話番号",), required=False),
    Column("address", ("住所",), required=False),
    Column("notes", ("備考",), required=False, multiline=True),
)
SUPPORT_COLUMNS = (
    Column("reference", ("整理番号",)),
    Column("date", ("支援日",)),
    Column("kind", ("支援内容",)),
    Column("employee_id", ("職員番号", "担当職員番号"), required=False),
    Column("note", ("備考",), required=False, multiline=True),
)

STATUS_SPELLINGS = {
    "open": HouseholdStatus.NEEDS_SUPPORT,
    "支援中": HouseholdStatus.NEEDS_SUPPORT,
    "要支援": HouseholdStatus.NEEDS_SUPPORT,
    "closed": HouseholdStatus.CLOSED,
    "終了": HouseholdStatus.CLOSED,
    "支援終了": HouseholdStatus.CLOSED,
}
REASON_SPELLINGS = {
    "no_device": Reason.NO_DEVICE,
    "機器がない": Reason.NO_DEVICE,
    "機器なし": Reason.NO_DEVICE,
    "端末なし": Reason.NO_DEVICE,
    "no_connection": Reason.NO_CONNECTION,
    "通信環境がない": Reason.NO_CONNECTION,
    "通信環境なし": Reason.NO_CONNECTION,
    "回線なし": Reason.NO_CONNECTION,
    "cannot_afford": Reason.CANNOT_AFFORD,
    "通信費を負担できない": Reason.CANNOT_AFFORD,
    "通信費負担困難": Reason.CANNOT_AFFORD,
    "通信費": Reason.CANNOT_AFFORD,
    "other": Reason.OTHER,
    "その他": Reason.OTHER,
}
IDENTIFIED_HOW_SPELLINGS = {
    "welfare_referral": IdentifiedHow.WELFARE_REFERRAL,
    "福祉部門からの紹介": IdentifiedHow.WELFARE_REFERRAL,
    "福祉": IdentifiedHow.WELFARE_REFERRAL,
    "own_application": IdentifiedHow.OWN_APPLICATION,
    "本人申請": IdentifiedHow.OWN_APPLICATION,
    "申請": IdentifiedHow.OWN_APPLICATION,
    "survey": IdentifiedHow.SURVEY,
    "調査": IdentifiedHow.SURVEY,
    "other": IdentifiedHow.OTHER,
    "その他": IdentifiedHow.OTHER,
}
CLOSED_REASON_SPELLINGS = {
    "no_longer_needed": ClosedReason.NO_LONGER_NEEDED,
    "支援不要": ClosedReason.NO_LONGER_NEEDED,
    "moved_away": ClosedReason.MOVED_AWAY,
    "転出": ClosedReason.MOVED_AWAY,
    "declined": ClosedReason.DECLINED,
    "辞退": ClosedReason.DECLINED,
    "other": ClosedReason.OTHER,
    "その他": ClosedReason.OTHER,
}
KIND_SPELLINGS = {
    "device_loan": SupportKind.DEVICE_LOAN,
    "機器貸出": SupportKind.DEVICE_LOAN,
    "access_place": SupportKind.ACCESS_PLACE,
    "自由にict機器を使える場の利用": SupportKind.ACCESS_PLACE,
    "ict機器を使える場の利用": SupportKind.ACCESS_PLACE,
    "connection": SupportKind.CONNECTION,
    "通信環境支援": SupportKind.CONNECTION,
    "class_referral": SupportKind.CLASS_REFERRAL,
    "スマホ教室への案内": SupportKind.CLASS_REFERRAL,
    "スマートフォン教室への案内": SupportKind.CLASS_REFERRAL,
    "procedure": SupportKind.PROCEDURE,
    "オンライン手続支援": SupportKind.PROCEDURE,
    "other": SupportKind.OTHER,
    "その他": SupportKind.OTHER,
}
REASON_SEPARATORS = re.compile(r"[;；、,/・|\s]+")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_districts: list[str] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    dry_run: bool = False


def _text(row: Row, key: str, column: str, max_length: int) -> str:
    return parse_text(row.get(key), column=column, max_length=max_length)


def _not_future(value: dt.date, column: str, today: dt.date) -> dt.date:
    if value > today:
        raise RowError(
            _("%(column)s %(value)s is in the future") % {"column": column, "value": value}
        )
    return value


def _parse_household(row: Row, *, today: dt.date) -> dict:
    reference = _text(row, "reference", _("reference number"), 30)
    if not reference:
        raise RowError(_("the reference number is empty"))
    district = _text(row, "district", _("district"), 50)
    if not district:
        raise RowError(_("the district is empty"))
    identified_on = _not_future(
        parse_date(row.get("identified_on"), column=_("identified on")), _("identified on"), today
    )
    status = parse_choice(row.get("status"), column=_("status"), choices=STATUS_SPELLINGS)
    closed_on, closed_reason = None, ""
    if status == HouseholdStatus.CLOSED:
        if not row.get("closed_on"):
            raise RowError(_("a closed household needs the day it was closed"))
        closed_on = parse_date(row.get("closed_on"), column=_("closed on"))
        if closed_on < identified_on:
            raise RowError(_("it is closed before the day it was identified"))
        closed_reason = (
            parse_choice(
                row.get("closed_reason"),
                column=_("reason for closing"),
                choices=CLOSED_REASON_SPELLINGS,
            )
            if row.get("closed_reason")
            else ClosedReason.OTHER
        )
    elif row.get("closed_on"):
        raise RowError(_("a household that needs support has no closing day"))
    reasons = [
        parse_choice(word, column=_("reasons"), choices=REASON_SPELLINGS)
        for word in REASON_SEPARATORS.split(row.get("reasons"))
        if word
    ]
    return {
        "reference": reference,
        "district": district,
        "members": parse_int(
            row.get("members") or "1", column=_("number of members"), minimum=1, maximum=30
        ),
        "identified_on": identified_on,
        "status": str(status),
        "closed_on": closed_on,
        "closed_reason": str(closed_reason),
        **reason_fields(reasons),
        "identified_how": str(
            parse_choice(
                row.get("identified_how"),
                column=_("how identified"),
                choices=IDENTIFIED_HOW_SPELLINGS,
            )
            if row.get("identified_how")
            else IdentifiedHow.OTHER
        ),
        "consent_recorded": parse_bool(
            row.get("consent_recorded"), column=_("consent recorded"), default=False
        ),
        "contact_name": _text(row, "contact_name", _("contact person"), 100),
        "phone": _text(row, "phone", _("phone"), 30),
        "address": _text(row, "address", _("address"), 200),
        "notes": _text(row, "notes", _("notes"), 2000),
    }


def _differs(household: Household, key: str, value) -> bool:
    if key == "district":  # compare ids: reading household.district would query per row
        return household.district_id != value.pk
    return getattr(household, key) != value


def import_households(
    *,
    data: bytes,
    actor: Actor,
    source: str = "",
    dry_run: bool = False,
    today: dt.date | None = None,
    progress=None,
) -> ImportResult:
    """Create or update households by reference number. Raises ImportFailed (nothing
    written) when any row is bad; unknown districts are created and listed."""
    today = today or timezone.localdate()
    rows = read_rows(data, HOUSEHOLD_COLUMNS)
    parsed, errors = parse_all(rows, lambda row: _parse_household(row, today=today))
    errors += duplicate_errors(
        parsed,
        lambda item: item["reference"],
        _("reference number %(value)s already appears on line %(line)d"),
    )
    raise_if_errors(errors)
    result = ImportResult(dry_run=dry_run)
    with transaction.atomic():
        districts = {district.name: district for district in District.objects.all()}
        existing = {
            household.reference: household
            for household in Household.objects.filter(
                reference__in=[item["reference"] for _r, item in parsed]
            )
        }
        new_households: list[Household] = []
        for _row, item in parsed:
            name = item.pop("district")
            if name not in districts:
                districts[name] = District.objects.create(name=name)
                result.new_districts.append(name)
            item["district"] = districts[name]
            household = existing.get(item["reference"])
            if household is None:
                household = Household(**item)
                # The row rules (closing day, members, …) were checked when parsing and
                # uniqueness for the whole file; the database constraints still stand guard.
                # Skipping the per-row queries of those checks makes 40,000 rows take
                # seconds, not minutes; the rows go in together below.
                household.full_clean(
                    exclude=["district"], validate_unique=False, validate_constraints=False
                )
                new_households.append(household)
                result.created += 1
            else:
                changed = [key for key, value in item.items() if _differs(household, key, value)]
                if changed:
                    for key in changed:
                        setattr(household, key, item[key])
                    household.full_clean()
                    household.save(update_fields=[*changed, "updated_at"])
                    result.updated += 1
                else:
                    result.unchanged += 1
            result.households.append(household)
            if progress is not None:
                progress(len(result.households), len(parsed))
        # One INSERT per thousand new households instead of one per row (40,000 rows took
        # minutes row by row); primary keys come back for the audit log.
        Household.objects.bulk_create(new_households, batch_size=1000)
        if dry_run:
            transaction.set_rollback(True)
        elif result.created or result.updated:
            record_change(
                actor=actor,
                action=AuditAction.IMPORT,
                households=result.households,
                detail=f"households {source}".strip(),
            )
    return result


def _parse_support(row: Row, *, today: dt.date, guard: YearGuard) -> dict:
    reference = row.get("reference")
    if not reference:
        raise RowError(_("the reference number is empty"))
    date = _not_future(parse_date(row.get("date"), column=_("date")), _("date"), today)
    guard.check_row(date)
    kind = parse_choice(row.get("kind"), column=_("kind of support"), choices=KIND_SPELLINGS)
    return {
        "reference": reference,
        "date": date,
        "kind": str(kind),
        "employee_id": row.get("employee_id"),
        "note": _text(row, "note", _("note"), 2000),
    }


def import_support(
    *,
    data: bytes,
    actor: Actor,
    source: str = "",
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """Add support records to known households. A record with the same household, day
    and kind counts as already imported. Raises ImportFailed (nothing written) on any bad row."""
    today = today or timezone.localdate()
    rows = read_rows(data, SUPPORT_COLUMNS)
    guard = year_guard()
    parsed, errors = parse_all(rows, lambda row: _parse_support(row, today=today, guard=guard))
    errors += duplicate_errors(
        parsed,
        lambda item: (item["reference"], item["date"].isoformat(), item["kind"]),
        _("the same support %(value)s already appears on line %(line)d"),
    )
    households = {
        household.reference: household
        for household in Household.objects.filter(
            reference__in={item["reference"] for _r, item in parsed}
        )
    }
    staff = {
        member.employee_id: member
        for member in Staff.objects.filter(
            employee_id__in={item["employee_id"] for _r, item in parsed if item["employee_id"]}
        )
    }
    for row, item in parsed:
        household = households.get(item["reference"])
        if household is None:
            errors.append(
                (row.line, _("no household has the reference number %(reference)s") % item)
            )
        elif household.is_closed and item["date"] > household.closed_on:
            errors.append(
                (row.line, _("household %(reference)s was closed before this day") % item)
            )
        if item["employee_id"] and item["employee_id"] not in staff:
            errors.append(
                (row.line, _("no staff member has the employee id %(employee_id)s") % item)
            )
    raise_if_errors(errors)

    result = ImportResult(dry_run=dry_run)
    with transaction.atomic():
        existing = set(
            SupportRecord.objects.filter(household__in=households.values()).values_list(
                "household_id", "date", "kind"
            )
        )
        new_records = []
        for _row, item in parsed:
            household = households[item["reference"]]
            if (household.pk, item["date"], item["kind"]) in existing:
                result.unchanged += 1
                continue
            new_records.append(
                SupportRecord(
                    household=household,
                    date=item["date"],
                    kind=item["kind"],
                    staff=staff.get(item["employee_id"]),
                    note=item["note"],
                )
            )
        SupportRecord.objects.bulk_create(new_records)
        result.created = len(new_records)
        result.households = list(households.values())
        if dry_run:
            transaction.set_rollback(True)
        elif result.created:
            record_change(
                actor=actor,
                action=AuditAction.IMPORT,
                households=result.households,
                detail=f"support {source}".strip(),
            )
    return result
