from learning.commands import CsvImportCommand
from learning.directory.roster import import_roster


class Command(CsvImportCommand):
    help = "Import HR's staff roster (employee_id, name, email, department, role, effective_from, active)."

    def run_import(self, data, options):
        result = import_roster(data=data, dry_run=options["dry_run"], progress=self.progress)
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        return [
            f"{prefix}created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        ]
