"""The plan's target: each district centre holds 2 classes a year, FY2023 (令和5年度) to
FY2026 (令和8年度). FY2022 was preparation, so it has no target row."""

from django.db import migrations

PLAN_YEARS = range(2023, 2027)


def seed_targets(apps, schema_editor):
    ClassTarget = apps.get_model("classes", "ClassTarget")
    for year in PLAN_YEARS:
        ClassTarget.objects.get_or_create(
            fiscal_year=year, centre_kind="district", defaults={"classes_per_centre": 2}
        )


def remove_targets(apps, schema_editor):
    ClassTarget = apps.get_model("classes", "ClassTarget")
    ClassTarget.objects.filter(fiscal_year__in=PLAN_YEARS, centre_kind="district").delete()


class Migration(migrations.Migration):
    dependencies = [("classes", "0001_initial")]

    operations = [migrations.RunPython(seed_targets, remove_targets)]
