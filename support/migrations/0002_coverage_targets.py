from decimal import Decimal

from django.db import migrations

# The plan's targets (measure 14); FY2022 (令和4年度) was planning and has none.
TARGETS = {2023: Decimal("20.0"), 2024: Decimal("40.0"), 2025: Decimal("60.0"), 2026: Decimal("80.0")}


def seed_targets(apps, schema_editor):
    CoverageTarget = apps.get_model("support", "CoverageTarget")
    for fiscal_year, target in TARGETS.items():
        CoverageTarget.objects.get_or_create(
            fiscal_year=fiscal_year, defaults={"target_percent": target}
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(seed_targets, migrations.RunPython.noop)]
