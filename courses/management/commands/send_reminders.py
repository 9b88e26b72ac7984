"""Daily cron job: reminders to staff behind their target and to tomorrow's registrants."""

from django.core.management.base import BaseCommand

from courses.services.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail staff behind their training target in the running year (at most once a month) "
        "and confirmed registrants of tomorrow's sessions (once). Safe to run daily. The mails "
        "go to the mail queue; the workers (manage.py db_worker) send and retry them."
    )

    def handle(self, *args, **options):
        counts = send_reminders()
        self.stdout.write(
            f"behind-target reminders queued: {counts.behind}; "
            f"session reminders queued: {counts.sessions}"
        )
