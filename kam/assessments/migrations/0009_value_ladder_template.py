"""Seed version 1 of the value ladder template (T12 dimensions, tiers, anchors, parameters)."""

import importlib

from django.db import migrations


def seed(apps: object, schema_editor: object) -> None:
    # The same seeding as 0002: it creates the templates of instruments that have none yet.
    module = importlib.import_module("kam.assessments.migrations.0002_default_templates")
    module.seed_templates(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0008_value_ladder_tool")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
