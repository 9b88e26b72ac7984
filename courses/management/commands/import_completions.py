from courses.services.training_import import import_completions
from learning.commands import CsvImportCommand


class Command(CsvImportCommand):
    help = "Import online-training completions: employee_id, course_code, completed_on."
    supports_dry_run = False

    def run_import(self, data, options):
        counts = import_completions(data=data)
        return [f"created {counts.created}, already recorded {counts.unchanged}"]
