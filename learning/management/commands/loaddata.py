"""``loaddata`` that restores backups of closed fiscal years as they were.

The closed-year triggers (``learning.closing``) would refuse the rows of a closed year; a
backup is the official record, so they are suspended inside the load's transaction and
are back, whatever happens, when it ends."""

from django.core.management.commands import loaddata

from learning.closing import guards_suspended


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        with guards_suspended(using=options["database"]):
            return super().handle(*fixture_labels, **options)
