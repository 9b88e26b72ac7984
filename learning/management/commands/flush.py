"""``flush`` that may empty a database holding closed fiscal years (the closed-year
triggers of ``learning.closing`` are suspended inside its transaction)."""

from django.core.management.commands import flush

from learning.closing import guards_suspended


class Command(flush.Command):
    def handle(self, **options):
        with guards_suspended(using=options["database"]):
            return super().handle(**options)
