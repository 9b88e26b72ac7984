from learning.commands import CsvImportCommand
from support.models import AuditAction
from support.services.audit import log_access
from support.services.imports import import_support


class Command(CsvImportCommand):
    help = "Import support given (reference, date, kind; optional employee_id, note; Japanese headers too)."

    def run_import(self, data, options):
        result = import_support(data=data, dry_run=options["dry_run"])
        if not options["dry_run"] and result.created:
            log_access(
                action=AuditAction.IMPORT,
                households=result.households,
                detail=f"import_support {options['file']}",
            )
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        return [f"{prefix}created {result.created}, unchanged {result.unchanged}"]
