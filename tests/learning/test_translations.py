"""Every message has a Japanese translation, and the committed .mo matches the .po."""

import gettext
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/ja/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("locale/ja/LC_MESSAGES/django.po")
)


def test_there_is_a_japanese_catalogue_for_the_project_and_every_app():
    parts = {path.relative_to(ROOT).parts[0] for path in CATALOGUES}
    assert {"locale", "courses", "classes", "support"} <= parts


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated_and_compiled(po_path):
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    with po_path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if not entry.msgid_plural
        and compiled.gettext(
            entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
        )
        != entry.msgstr
    ]
    assert not stale, f".mo is older than .po for: {stale[:5]} (run make messages)"
