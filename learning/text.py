"""One rule for every text the system stores, typed in a form or read from a CSV file.

No control characters (terminal escapes, NUL, form feeds), no invisible ones (zero-width
spaces and joiners, soft hyphens, word joiners, BOMs) and no bidi controls that make text
read backwards: they travel into lists, exports, calendars and mail, and let two names
look the same but compare different (the same person twice in a class). Line breaks and
tabs only where the field is multi-line (a TextField / Textarea), stored as ``\\n``.

Forms get the rule from ``learning.forms`` (every form of the apps derives from it);
the CSV importer applies it to every cell (``learning.csvimport``).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

ZERO_WIDTH_JOINER = "\u200d"
LINE_BREAKS_AND_TABS = "\r\n\t"


def normalise_line_breaks(value: str) -> str:
    """``\\r\\n`` and lone ``\\r`` (browsers send CRLF from a textarea) become ``\\n``."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _is_emoji_joiner(value: str, index: int) -> bool:
    """A zero-width joiner that binds two emoji into one (👨‍👩‍👧): allowed; anywhere else
    it only hides a difference between two strings."""
    before = value[index - 1] if index > 0 else ""
    after = value[index + 1] if index + 1 < len(value) else ""
    return (
        before != ""
        and after != ""
        and (unicodedata.category(before) in ("So", "Sk") or before == "\ufe0f")
        and unicodedata.category(after) == "So"
    )


def forbidden_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The characters of ``value`` the rule refuses (each once, in order of appearance)."""
    found: list[str] = []
    for index, char in enumerate(value):
        if char in found or (multiline and char in LINE_BREAKS_AND_TABS):
            continue
        category = unicodedata.category(char)
        if (
            category in ("Cc", "Cs", "Zl", "Zp")
            or category == "Cf"
            and not (char == ZERO_WIDTH_JOINER and _is_emoji_joiner(value, index))
        ):
            found.append(char)
    return found


def describe(chars: list[str]) -> str:
    """``U+200B, U+202E``: what the user cannot see, named so that it can be found."""
    return ", ".join(f"U+{ord(char):04X}" for char in chars[:5]) + ("…" if len(chars) > 5 else "")


def text_problem(value: str, *, field: str, multiline: bool = False) -> str | None:
    """A translated sentence naming ``field`` when ``value`` breaks the rule, else None."""
    chars = forbidden_characters(normalise_line_breaks(value), multiline=multiline)
    if not chars:
        return None
    if not multiline and any(char in "\r\n" for char in chars):
        return _("%(field)s must be on one line (no line breaks).") % {"field": field}
    return _(
        "%(field)s contains characters that cannot be used (invisible, control or "
        "text-direction characters: %(chars)s). Please type it again."
    ) % {"field": field, "chars": describe(chars)}


@deconstructible
class TextRuleValidator:
    """The rule as a Django validator, for one field (its label names it in the message)."""

    code = "forbidden_characters"

    def __init__(self, *, field: str, multiline: bool = False):
        self.field = field
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        problem = text_problem(value, field=str(self.field), multiline=self.multiline)
        if problem:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, TextRuleValidator)
            and self.field == other.field
            and self.multiline == other.multiline
        )
