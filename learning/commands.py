"""What every ``import_*`` management command shares: read the file, report, exit 1 on failure."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from learning.csvimport import ImportFailed


class CsvImportCommand(BaseCommand):
    """Subclasses implement ``run_import(data, options)`` returning lines to print."""

    supports_dry_run = True

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8 with or without BOM, or CP932/Shift_JIS)")
        if self.supports_dry_run:
            parser.add_argument(
                "--dry-run", action="store_true", help="check and count, write nothing"
            )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        # Command-line output is in English; the web pages show the same errors in Japanese.
        with translation.override("en"):
            try:
                lines = self.run_import(data, options)
            except ImportFailed as failure:
                self.stderr.write(f"{path}: nothing was imported.")
                for error in failure.errors:
                    self.stderr.write(error)
                sys.exit(1)
        for line in lines:
            self.stdout.write(line)

    def run_import(self, data: bytes, options) -> list[str]:
        raise NotImplementedError
