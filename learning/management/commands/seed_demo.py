"""Demo data for `make run`: accounts for every role plus each app's demo records.

Idempotent: running it again finds what is there and adds nothing twice.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from learning.demo import DEMO_PASSWORD, seed_accounts

# Each app's ``demo.seed(*, accounts, stdout)`` adds its records; order matters.
APP_SEEDERS = ("courses.demo", "classes.demo", "support.demo")


class Command(BaseCommand):
    help = "Load demo data (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            accounts = seed_accounts(stdout=self.stdout)
            for module_name in APP_SEEDERS:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as exc:
                    if exc.name != module_name:
                        raise
                    continue
                self.stdout.write(f"seeding {module_name.split('.')[0]} …")
                module.seed(accounts=accounts, stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for account in accounts.values():
            self.stdout.write(f"  {account.label:<28} {account.email}")
        self.stdout.write("Open http://127.0.0.1:8000/ and log in with one of them.")
