"""Demo data for `make run`: accounts for every role plus each app's demo records.

Idempotent: running it again finds what is there and adds nothing twice.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from learning import plugins
from learning.demo import DEMO_PASSWORD, seed_accounts


class Command(BaseCommand):
    help = "Load demo data (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            accounts = seed_accounts(stdout=self.stdout)
            # Each app's demo module (Contributions.demo) in INSTALLED_APPS order: later
            # apps may use earlier apps' records.
            for config, module in plugins.modules("demo"):
                self.stdout.write(f"seeding {config.label} …")
                module.seed(accounts=accounts, stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for account in accounts.values():
            self.stdout.write(f"  {account.label:<28} {account.email}")
        self.stdout.write("Open http://127.0.0.1:8000/ and log in with one of them.")
