"""Seed the spec's default category policies and the first portfolio settings (T1.3 [D])."""

from django.db import migrations

from kam.scorecard.defaults import DEFAULT_POLICIES, DEFAULT_SETTINGS


def seed(apps: object, schema_editor: object) -> None:
    policy_model = apps.get_model("scorecard", "CategoryPolicy")
    settings_model = apps.get_model("scorecard", "PortfolioSettings")
    for policy in DEFAULT_POLICIES:
        policy_model.objects.get_or_create(code=policy["code"], defaults=policy)
    if not settings_model.objects.exists():
        settings_model.objects.create(**DEFAULT_SETTINGS)


class Migration(migrations.Migration):
    dependencies = [("scorecard", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
