"""The staff directory moves to the core (learning): first its tables take the core's names.

Rows, keys and foreign keys stay as they are; only the table names change. The models
themselves move in learning 0004 and courses 0005 (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_plan_competencies_and_targets"),
    ]

    operations = [
        migrations.AlterModelTable(name="department", table="learning_department"),
        migrations.AlterModelTable(name="staff", table="learning_staff"),
        migrations.AlterModelTable(name="assignment", table="learning_assignment"),
    ]
