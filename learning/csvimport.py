"""The CSV importer every app shares.

HR and support staff keep their lists in Excel, which saves CSV as UTF-8 (with or
without BOM) or as CP932 (Shift_JIS). This module turns such a file into rows keyed
by canonical column names, and collects every problem as ``line N: reason`` (the
header is line 1) so that an import can refuse the whole file at once.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.translation import gettext as _

from learning.text import normalise_line_breaks, text_problem

UTF8_BOM = b"\xef\xbb\xbf"
MAX_BYTES = 20 * 1024 * 1024
T = TypeVar("T")


@dataclass(frozen=True)
class Column:
    """A column and the header names it may appear under."""

    key: str
    aliases: tuple[str, ...]
    required: bool = True
    multiline: bool = False  # notes: line breaks allowed (the text rule, learning/text.py)


class RowError(Exception):
    """A problem in one row; the message is shown to the user after ``line N:``."""


@dataclass
class Row:
    line: int
    values: dict[str, str]
    # Every problem found in the row: the text rule's (from reading) and the parser's.
    problems: list[str] = field(default_factory=list)

    def get(self, key: str) -> str:
        """The cell as typed (trimmed): names and titles keep their full-width characters."""
        return self.values.get(key, "")

    def code(self, key: str) -> str:
        """The cell folded with NFKC, for identifiers typed in full-width (Ａ００１ → A001)."""
        return fold(self.get(key))

    def check(self, parse: Callable[..., T], *args, **kwargs) -> T | None:
        """``parse(*args, **kwargs)``, or None with its RowError kept in ``problems``: a
        parser calls this per cell, so one bad cell does not hide the row's other problems."""
        try:
            return parse(*args, **kwargs)
        except RowError as error:
            self.problems.append(str(error))
            return None


@dataclass
class ImportFailed(Exception):
    """The file was refused; nothing was written."""

    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(self.errors)


def line_error(line: int, reason: str) -> str:
    return _("line %(line)d: %(reason)s") % {"line": line, "reason": reason}


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not) or CP932, whichever decodes the whole file cleanly. A file whose
    lines mix the two (rows pasted from another file) is refused: read as CP932 its UTF-8
    rows would turn into plausible-looking nonsense."""
    encodings = ("utf-8-sig",) if data.startswith(UTF8_BOM) else ("utf-8", "cp932")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp932":
            _refuse_mixed_encodings(data)
        return text
    _refuse_mixed_encodings(data)
    raise ImportFailed(
        [line_error(_bad_line(data), _("the file is neither UTF-8 nor Shift_JIS (CP932) text"))]
    )


JAPANESE_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff9f]")


def _refuse_mixed_encodings(data: bytes) -> None:
    """For a file that is not UTF-8 as a whole: if one of its lines is UTF-8 Japanese on
    its own, the file mixes the two encodings. (Genuine CP932 Japanese almost never forms
    valid UTF-8 that reads as Japanese.)"""
    utf8_line = cp932_line = None
    for number, raw in enumerate(data.splitlines(), start=1):
        if raw.isascii():
            continue
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            cp932_line = cp932_line or number
            continue
        if JAPANESE_TEXT.search(decoded):
            utf8_line = utf8_line or number
    if utf8_line and cp932_line:
        raise ImportFailed(
            [
                line_error(
                    utf8_line,
                    _(
                        "this line is UTF-8 but line %(other)d is Shift_JIS (CP932): save "
                        "the whole file again in one encoding"
                    )
                    % {"other": cp932_line},
                )
            ]
        )


def _bad_line(data: bytes) -> int:
    """The first line that is not valid UTF-8, for the error message."""
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return 1


def normalise_header(name: str) -> str:
    # Excel users type full-width letters and stray spaces; NFKC folds them.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).lower().lstrip("\ufeff")


def normalise_cell(value: str) -> str:
    return value.strip()


def fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def read_rows(data: bytes, columns: Iterable[Column]) -> list[Row]:
    """Parse ``data`` into rows, or raise ImportFailed listing every problem found."""
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            [line_error(1, _("the file is larger than %(mb)d MB") % {"mb": MAX_BYTES // 2**20})]
        )
    text = decode(data)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFailed([line_error(line, _("the file is not a CSV text file"))])
    columns = list(columns)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed([line_error(1, _("the file is empty"))]) from None
    except csv.Error as exc:
        raise ImportFailed([line_error(1, str(exc))]) from None

    lookup = {
        normalise_header(alias): column.key
        for column in columns
        for alias in (column.key, *column.aliases)
    }
    positions: dict[str, int] = {}
    names: dict[str, str] = {}  # key -> the header as the file spells it, for messages
    errors: list[str] = []
    for index, name in enumerate(header):
        key = lookup.get(normalise_header(name))
        if key is None:
            continue
        if key in positions:
            errors.append(line_error(1, _("column “%(name)s” appears twice") % {"name": name}))
        positions[key] = index
        names[key] = name.strip().lstrip("\ufeff")
    missing = [column for column in columns if column.required and column.key not in positions]
    for column in missing:
        names = " / ".join((column.key, *column.aliases))
        errors.append(
            line_error(1, _("the required column %(names)s is missing") % {"names": names})
        )
    if errors:
        raise ImportFailed(errors)

    rows: list[Row] = []
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                errors.append(line_error(line, _("the row has more cells than the header")))
                continue
            values = {
                key: normalise_cell(record[i]) if i < len(record) else ""
                for key, i in positions.items()
            }
            row = Row(line=line, values=values)
            for column in columns:
                value = values.get(column.key, "")
                problem = value and text_problem(
                    value, field=names[column.key], multiline=column.multiline
                )
                if problem:
                    row.problems.append(problem)
                elif column.multiline and value:
                    values[column.key] = normalise_line_breaks(value)
            rows.append(row)
    except csv.Error as exc:
        errors.append(line_error(reader.line_num, str(exc)))
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([line_error(2, _("the file has a header but no rows"))])
    return rows


def parse_all[T](
    rows: Iterable[Row], parse: Callable[[Row], T]
) -> tuple[list[tuple[Row, T]], list[tuple[int, str]]]:
    """Apply ``parse`` to every row: the parsed rows and every (line, reason) that failed.

    A row fails with all of its ``problems`` (the text rule's, and those ``parse`` kept with
    ``row.check``), plus the RowError ``parse`` raised, if it raised one."""
    parsed: list[tuple[Row, T]] = []
    errors: list[tuple[int, str]] = []
    for row in rows:
        try:
            item = parse(row)
        except RowError as exc:
            row.problems.append(str(exc))
        if row.problems:
            errors += [(row.line, problem) for problem in dict.fromkeys(row.problems)]
        else:
            parsed.append((row, item))
    return parsed, errors


def duplicate_errors(
    parsed: Iterable[tuple[Row, object]], key: Callable[[object], object], message: str
) -> list[tuple[int, str]]:
    """(line, reason) for every row whose ``key`` already appeared on an earlier line.

    ``message`` is a translated string with %(value)s and %(line)d placeholders."""
    seen: dict[object, int] = {}
    errors = []
    for row, item in parsed:
        value = key(item)
        if value in seen:
            errors.append((row.line, message % {"value": value, "line": seen[value]}))
        else:
            seen[value] = row.line
    return errors


def raise_if_errors(errors: list[tuple[int, str]]) -> None:
    """Refuse the file with every problem, in line order."""
    if errors:
        raise ImportFailed(
            [line_error(line, reason) for line, reason in sorted(errors, key=lambda e: e[0])]
        )


# Cell parsers shared by the imports -------------------------------------------------

TRUE_CELLS = {"1", "true", "yes", "y", "○", "はい", "有", "あり", "対象"}
FALSE_CELLS = {"0", "false", "no", "n", "×", "いいえ", "無", "なし", "対象外"}


def parse_bool(
    value: str, *, column: str, default: bool | None = None, extra_true=(), extra_false=()
) -> bool:
    word = fold(value).lower()
    if word == "" and default is not None:
        return default
    if word in TRUE_CELLS or word in extra_true:
        return True
    if word in FALSE_CELLS or word in extra_false:
        return False
    raise RowError(
        _("%(column)s must be 1/0 or true/false, not “%(value)s”")
        % {"column": column, "value": value}
    )


def parse_date(value: str, *, column: str, default: dt.date | None = None) -> dt.date:
    value = fold(value)
    if value == "" and default is not None:
        return default
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", value)
    if not match:
        raise RowError(
            _("%(column)s must be a date like 2026-04-01 or 2026/04/01, not “%(value)s”")
            % {"column": column, "value": value}
        )
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise RowError(
            _("%(column)s “%(value)s” is not a real date") % {"column": column, "value": value}
        ) from None


def parse_int(value: str, *, column: str, minimum: int = 0, maximum: int = 10**6) -> int:
    try:
        number = int(fold(value))
    except ValueError:
        raise RowError(
            _("%(column)s must be a whole number, not “%(value)s”")
            % {"column": column, "value": value}
        ) from None
    if not minimum <= number <= maximum:
        raise RowError(
            _("%(column)s must be between %(minimum)d and %(maximum)d")
            % {"column": column, "minimum": minimum, "maximum": maximum}
        )
    return number


def parse_choice(value: str, *, column: str, choices: dict[str, str]) -> str:
    """Map a cell to a key; ``choices`` maps every accepted spelling (lower-cased) to the key."""
    key = choices.get(fold(value).lower())
    if key is None:
        accepted = ", ".join(sorted(set(choices)))
        raise RowError(
            _("%(column)s “%(value)s” is not one of: %(accepted)s")
            % {"column": column, "value": value, "accepted": accepted}
        )
    return key


def parse_text(value: str, *, column: str, max_length: int, required: bool = False) -> str:
    """A text cell as stored: not empty when ``required``, at most ``max_length``
    characters (never cut short in silence), and no spreadsheet formula."""
    if required and not value:
        raise RowError(_("%(column)s is empty") % {"column": column})
    if len(value) > max_length:
        raise RowError(
            _("%(column)s is longer than %(max)d characters")
            % {"column": column, "max": max_length}
        )
    return reject_formula(value, column=column)


def reject_formula(value: str, *, column: str) -> str:
    """Cells that Excel would run as a formula are refused rather than stored.

    A leading ``-`` is allowed only when the whole cell is a number (``-3``, ``-12.5``)."""
    first = value[:1]
    if first in ("=", "+", "@", "\t", "\r") or (
        first == "-" and not re.fullmatch(r"-\d+(\.\d+)?", value)
    ):
        raise RowError(_("%(column)s must not start with a formula character") % {"column": column})
    return value
