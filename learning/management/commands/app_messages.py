"""makemessages, one catalogue per part of the system.

Each app keeps its own ``<app>/locale`` (strings from ``<app>/`` and ``templates/<app>/``);
the project catalogue in ``locale/`` holds ``learning/`` and the shared templates.
Separate catalogues let people work on different apps without editing one file.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages

APPS = ("courses", "classes", "support")


class Command(makemessages.Command):
    help = "Update every Japanese catalogue (learning/ and each app)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--part", choices=("learning", *APPS), action="append", dest="parts")

    def handle(self, *args, **options):
        parts = options.pop("parts") or ("learning", *APPS)
        options.update(
            locale=["ja"],
            extensions=["html", "txt", "py"],
            ignore_patterns=[".venv", "tests", "node_modules", "staticfiles"],
        )
        for part in parts:
            self._part = part
            self.stdout.write(f"messages: {part}")
            super().handle(*args, **options)

    def _belongs(self, path: str) -> bool:
        relative = Path(path).resolve().relative_to(settings.BASE_DIR)
        top = relative.parts[0]
        if self._part == "learning":
            if top == "templates":
                return len(relative.parts) < 3 or relative.parts[1] not in APPS
            return top == "learning"
        return top == self._part or (top == "templates" and relative.parts[1:2] == (self._part,))

    def find_files(self, root):
        files = [f for f in super().find_files(root) if self._belongs(f.path)]
        locale_dir = str(
            settings.BASE_DIR / ("locale" if self._part == "learning" else f"{self._part}/locale")
        )
        Path(locale_dir).mkdir(exist_ok=True)
        if locale_dir not in self.locale_paths:
            self.locale_paths.insert(0, locale_dir)
        for translatable in files:
            translatable.locale_dir = locale_dir
        return files
