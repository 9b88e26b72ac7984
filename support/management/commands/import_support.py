from learning.commands import CsvImportCommand
from support.services.audit import Actor
from support.services.imports import import_support


class Command(CsvImportCommand):
    help = "Import support given (reference, date, kind; optional employee_id, note; Japanese headers too)."

    def run_import(self, data, options):
        result = import_support(
            data=data,
            actor=Actor.command("import_support"),
            source=str(options["file"]),
            dry_run=options["dry_run"],
        )
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        return [f"{prefix}created {result.created}, unchanged {result.unchanged}"]
