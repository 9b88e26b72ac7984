"""Daily: erase citizens' names and contacts some days after their class (default from
settings.CLASSES_PERSONAL_DATA_DAYS). Counts and attendance are kept."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from classes.services.purge import purge_personal_data


class Command(BaseCommand):
    help = "Erase citizens' names and contact details N days after their class (safe to run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="days after the class (default: settings.CLASSES_PERSONAL_DATA_DAYS)",
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is None:
            days = settings.CLASSES_PERSONAL_DATA_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more")
        result = purge_personal_data(days=days)
        cutoff = timezone.localtime(result.cutoff)
        self.stdout.write(
            f"erased the names and contacts of {result.signups} sign-ups in {result.classes} "
            f"classes that ended before {cutoff:%Y-%m-%d %H:%M} ({days} days ago); "
            f"deleted {result.mails} e-mails about them and {result.import_jobs} expired "
            "import uploads"
        )
