"""makemessages, one catalogue per part of the system.

Each app keeps its own ``<app>/locale`` (strings from ``<app>/`` and ``templates/<app>/``);
the project catalogue in ``locale/`` holds ``learning/`` and the shared templates.
Separate catalogues let people work on different apps without editing one file, and the
catalogues are written so that two branches merge cleanly: entries sorted by message,
no source locations, no creation date. A message that moves from one part to another
keeps its Japanese: untranslated entries are filled from the other catalogues.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.commands import makemessages

from learning.plugins import local_app_labels

LOCALE = "ja"
SORTED = ["--sort-output"]


def _catalogue_path(part: str) -> Path:
    base = settings.BASE_DIR / ("locale" if part == "learning" else f"{part}/locale")
    return base / LOCALE / "LC_MESSAGES" / "django.po"


def _known_translations(parts) -> dict[tuple[str | None, str], polib.POEntry]:
    known = {}
    for part in parts:
        path = _catalogue_path(part)
        if path.exists():
            for entry in polib.pofile(str(path)).translated_entries():
                known.setdefault((entry.msgctxt, entry.msgid), entry)
    return known


class Command(makemessages.Command):
    help = "Update every Japanese catalogue (learning/ and each app)."
    msgmerge_options = [*makemessages.Command.msgmerge_options, *SORTED, "--no-fuzzy-matching"]
    msguniq_options = [*makemessages.Command.msguniq_options, *SORTED]
    msgattrib_options = [*makemessages.Command.msgattrib_options, *SORTED]
    xgettext_options = [*makemessages.Command.xgettext_options, *SORTED]

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--part", action="append", dest="parts")

    def handle(self, *args, **options):
        self._apps = local_app_labels()
        every_part = ("learning", *self._apps)
        parts = options.pop("parts") or every_part
        known = _known_translations(every_part)
        options.update(
            locale=[LOCALE],
            extensions=["html", "txt", "py"],
            ignore_patterns=[".venv", "tests", "node_modules", "staticfiles"],
            no_location=True,
        )
        for part in parts:
            self._part = part
            self.stdout.write(f"messages: {part}")
            super().handle(*args, **options)
            self._tidy(_catalogue_path(part), known)

    def _tidy(self, path: Path, known) -> None:
        """Fill what another catalogue already translates; drop the creation date."""
        if not path.exists():
            return
        catalogue = polib.pofile(str(path), wrapwidth=79)
        for entry in catalogue.untranslated_entries():
            source = known.get((entry.msgctxt, entry.msgid))
            if source is not None and not entry.msgid_plural:
                entry.msgstr = source.msgstr
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        catalogue.metadata.pop("POT-Creation-Date", None)
        catalogue.save()
        text = re.sub(r'"POT-Creation-Date: .*\\n"\n', "", path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")

    def _belongs(self, path: str) -> bool:
        relative = Path(path).resolve().relative_to(settings.BASE_DIR)
        top = relative.parts[0]
        if self._part == "learning":
            if top == "templates":
                return len(relative.parts) < 3 or relative.parts[1] not in self._apps
            return top == "learning"
        return top == self._part or (top == "templates" and relative.parts[1:2] == (self._part,))

    def find_files(self, root):
        files = [f for f in super().find_files(root) if self._belongs(f.path)]
        locale_dir = str(_catalogue_path(self._part).parents[2])
        Path(locale_dir).mkdir(exist_ok=True)
        if locale_dir not in self.locale_paths:
            self.locale_paths.insert(0, locale_dir)
        for translatable in files:
            translatable.locale_dir = locale_dir
        return files
