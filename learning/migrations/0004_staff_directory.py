"""The staff directory (departments, staff, role/department history) now belongs to the
core. The tables were renamed by courses 0004; here the models enter the core's state
(nothing changes in the database) and their content types follow, so permissions and
admin history keep pointing at the same rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLE_CHOICES = [
    ("manager", "Supervisory staff (manager)"),
    ("leader", "Leader staff"),
    ("general", "General staff"),
    ("ict", "ICT department staff"),
]
MOVED = ("department", "staff", "assignment")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="learning", model=model).exists():
            ContentType.objects.using(db).filter(app_label="courses", model=model).update(
                app_label="learning"
            )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="learning", model__in=MOVED).update(
        app_label="courses"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_fiscalyearclosing"),
        ("courses", "0004_staff_directory_tables_to_learning"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Department",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                        ("active", models.BooleanField(default=True, verbose_name="active")),
                    ],
                    options={
                        "verbose_name": "department",
                        "verbose_name_plural": "departments",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Staff",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("employee_id", models.CharField(max_length=20, unique=True, verbose_name="employee id")),
                        ("name", models.CharField(max_length=100, verbose_name="name")),
                        ("active", models.BooleanField(default=True, verbose_name="in service")),
                        ("calendar_token", models.CharField(blank=True, db_index=True, max_length=64, verbose_name="calendar feed token")),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="staff", to=settings.AUTH_USER_MODEL, verbose_name="user account")),
                    ],
                    options={
                        "verbose_name": "staff member",
                        "verbose_name_plural": "staff members",
                        "ordering": ["employee_id"],
                    },
                ),
                migrations.CreateModel(
                    name="Assignment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=ROLE_CHOICES, max_length=10, verbose_name="role")),
                        ("effective_from", models.DateField(verbose_name="effective from")),
                        ("department", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="assignments", to="learning.department", verbose_name="department")),
                        ("staff", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assignments", to="learning.staff", verbose_name="staff member")),
                    ],
                    options={
                        "verbose_name": "assignment",
                        "verbose_name_plural": "assignment history",
                        "ordering": ["staff", "-effective_from"],
                        "constraints": [
                            models.UniqueConstraint(fields=("staff", "effective_from"), name="one_assignment_per_staff_per_day"),
                            models.CheckConstraint(condition=models.Q(("role__in", ["manager", "leader", "general", "ict"])), name="assignment_role_is_known"),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, restore_content_types, elidable=True),
    ]
