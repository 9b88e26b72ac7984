from django.db import migrations

DUTIES = ["人事担当", "研修担当", "公民館職員", "支援担当", "報告閲覧者"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in DUTIES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
