"""Support records point at the core's staff directory (state only: the table was renamed)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0004_support_by_kind_index"),
        ("learning", "0004_staff_directory"),
    ]
    # Before the old model leaves the courses app's state.
    run_before = [("courses", "0005_staff_directory_in_learning")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="supportrecord",
                    name="staff",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="support_records",
                        to="learning.staff",
                        verbose_name="staff member",
                    ),
                ),
            ],
        ),
    ]
