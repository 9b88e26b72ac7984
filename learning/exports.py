"""Cells for every CSV and XLSX export: nothing a spreadsheet would run as a formula.

Names, departments and notes come from people and files we do not control. Excel,
LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, once trimmed, with a tab or carriage return) as a formula: ``=HYPERLINK(...)``
or ``+cmd|' /C calc'!A0``. Following OWASP's advice on CSV injection, such a text cell
is written with a leading apostrophe, which shows it as text.
"""

import re

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number already written as text ("-3", "12.5") is no formula: it stays a number.
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
# C0 controls other than tab, line feed and carriage return: an XLSX file (XML) cannot
# hold them (openpyxl refuses the whole file), and in a CSV they only hide text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_cell(value):
    """``value`` as an export cell: numbers, booleans, dates and None unchanged; text
    without control characters, with a leading ``'`` when it would start a formula."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(values) -> list:
    """Every cell of a row through ``safe_cell``."""
    return [safe_cell(value) for value in values]
