"""Seed version 1 of the key-person ladder template (T7 rungs, anchors and parameters)."""

import importlib

from django.db import migrations


def seed(apps: object, schema_editor: object) -> None:
    # The same seeding as 0002: it creates the templates of instruments that have none yet.
    module = importlib.import_module("kam.assessments.migrations.0002_default_templates")
    module.seed_templates(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_key_person_tools")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
