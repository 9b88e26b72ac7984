"""What every ``import_*`` management command shares: read the file, report, exit 1 on failure."""

import sys
import time
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
        self.stderr.write(f"reading {path} ({len(data):,} bytes) …")
        self._started = time.monotonic()
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
        self.stderr.write(f"done in {time.monotonic() - self._started:.1f} s")

    def progress(self, done: int, total: int) -> None:
        """Passed to long imports: a line every tenth of the file (on stderr, so the
        counts on stdout stay easy to read by scripts)."""
        step = max(total // 10, 1)
        if done == total or done % step == 0:
            elapsed = time.monotonic() - self._started
            self.stderr.write(
                f"  {done:,}/{total:,} rows written ({100 * done // max(total, 1)}%, {elapsed:.1f} s)"
            )

    def run_import(self, data: bytes, options) -> list[str]:
        raise NotImplementedError
