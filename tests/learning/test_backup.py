"""A backup taken with dumpdata restores every record with loaddata."""

import io
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command

# Transactional: flush and loaddata need real commits. Tests that run after it (pytest-django
# runs transactional tests last) build what they need with factories.
pytestmark = pytest.mark.django_db(transaction=True)

EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


def counts() -> Counter:
    return Counter(
        {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.app_label not in ("contenttypes", "sessions")
            and model._meta.label != "auth.Permission"
        }
    )


def test_dumpdata_then_loaddata_keeps_every_record(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    before = counts()
    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--exclude",
        *EXCLUDE[:1],
        "--exclude",
        EXCLUDE[1],
        "--exclude",
        EXCLUDE[2],
        "--output",
        str(backup),
        "--indent",
        "0",
    )
    call_command("flush", "--noinput")
    assert sum(counts().values()) < sum(before.values())
    call_command("loaddata", str(backup), stdout=io.StringIO())
    assert counts() == before
