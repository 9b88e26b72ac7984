from courses.services.training_import import import_courses
from learning.commands import CsvImportCommand


class Command(CsvImportCommand):
    help = "Import HR's training plan: code, title, kind, counts, security, competencies (upsert by code)."
    supports_dry_run = False

    def run_import(self, data, options):
        counts = import_courses(data=data)
        return [f"created {counts.created}, updated {counts.updated}, unchanged {counts.unchanged}"]
