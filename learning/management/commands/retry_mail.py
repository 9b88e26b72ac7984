"""Cron, every 10 minutes: put back in the queue mail whose worker died mid-send, and mail
whose retry is overdue (its task is gone). Safe to run at any time, twice at once too."""

from django.core.management.base import BaseCommand

from learning.mail import retry_due_mail


class Command(BaseCommand):
    help = (
        "Queue again the e-mails left 'being sent' by a worker that stopped, and those whose "
        "retry is overdue. Each mail is still sent once."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"e-mails queued again: {retry_due_mail()}")
