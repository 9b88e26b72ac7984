from learning.commands import CsvImportCommand
from support.models import AuditAction
from support.services.audit import log_access
from support.services.imports import import_households


class Command(CsvImportCommand):
    help = (
        "Import households needing support (reference, district, members, identified_on, "
        "status, closed_on, reasons, contact_name, phone, address; Japanese headers too)."
    )

    def run_import(self, data, options):
        result = import_households(data=data, dry_run=options["dry_run"], progress=self.progress)
        if not options["dry_run"] and (result.created or result.updated):
            log_access(
                action=AuditAction.IMPORT,
                households=result.households,
                detail=f"import_households {options['file']}",
            )
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        lines = [
            f"{prefix}created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        ]
        if result.new_districts:
            lines.append("new districts: " + ", ".join(result.new_districts))
        return lines
