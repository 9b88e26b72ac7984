from learning.commands import CsvImportCommand
from support.services.audit import Actor
from support.services.imports import import_households


class Command(CsvImportCommand):
    help = (
        "Import households needing support (reference, district, members, identified_on, "
        "status, closed_on, reasons, contact_name, phone, address; Japanese headers too)."
    )

    def run_import(self, data, options):
        result = import_households(
            data=data,
            actor=Actor.command("import_households"),
            source=str(options["file"]),
            dry_run=options["dry_run"],
            progress=self.progress,
        )
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        lines = [
            f"{prefix}created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        ]
        if result.new_districts:
            lines.append("new districts: " + ", ".join(result.new_districts))
        return lines
