"""Training records now point at the core's staff directory (learning.Staff); the old
models leave the courses app's state. Nothing changes in the database: the foreign keys
already reference the renamed tables."""

import django.db.models.deletion
from django.db import migrations, models


def _to_learning_staff(model_name, related_name, **extra):
    return migrations.AlterField(
        model_name=model_name,
        name="staff",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.CASCADE,
            related_name=related_name,
            to="learning.staff",
            **extra,
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_staff_directory_tables_to_learning"),
        ("learning", "0004_staff_directory"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                _to_learning_staff("registration", "registrations", verbose_name="staff member"),
                _to_learning_staff("completion", "completions", verbose_name="staff member"),
                _to_learning_staff("exemption", "exemptions", verbose_name="staff member"),
                _to_learning_staff(
                    "externaltraining", "external_trainings", verbose_name="staff member"
                ),
                _to_learning_staff("behindreminder", "+"),
                migrations.DeleteModel(name="Assignment"),
                migrations.DeleteModel(name="Staff"),
                migrations.DeleteModel(name="Department"),
            ],
        ),
    ]
