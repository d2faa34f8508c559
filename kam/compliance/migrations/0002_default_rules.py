"""Seed version 1 of the default gift rules [D] and the default local custom notes."""

from django.db import migrations

from kam.compliance.defaults import DEFAULT_CUSTOM_NOTES, DEFAULT_RULES


def seed_rules(apps: object, schema_editor: object) -> None:
    rule_model = apps.get_model("compliance", "GiftPolicyRule")
    note_model = apps.get_model("compliance", "LocalCustomNote")
    for definition in DEFAULT_RULES:
        if rule_model.objects.filter(code=definition["code"]).exists():
            continue
        rule_model.objects.create(version=1, is_current=True, is_active=True, **definition)
    if not note_model.objects.exists():
        for note in DEFAULT_CUSTOM_NOTES:
            note_model.objects.create(**note)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0001_initial")]

    operations = [migrations.RunPython(seed_rules, migrations.RunPython.noop)]
