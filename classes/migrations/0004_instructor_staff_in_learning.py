"""Instructors point at the core's staff directory (state only: the table was renamed)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("classes", "0003_labels"),
        ("learning", "0004_staff_directory"),
    ]
    # Before the old model leaves the courses app's state.
    run_before = [("courses", "0005_staff_directory_in_learning")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="instructor",
                    name="staff",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Leave empty for a volunteer.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="instructor_profiles",
                        to="learning.staff",
                        verbose_name="staff record",
                    ),
                ),
            ],
        ),
    ]
