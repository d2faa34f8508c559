"""Seed the spec's default category policies and the first portfolio settings (T1.3 [D])."""

from django.db import migrations

from kam.scorecard.defaults import DEFAULT_POLICIES, DEFAULT_SETTINGS


def seed(apps: object, schema_editor: object) -> None:
    policy_model = apps.get_model("scorecard", "CategoryPolicy")
    settings_model = apps.get_model("scorecard", "PortfolioSettings")
    # Fields that later migrations add (broad_kpi_targets, 0005) are left to those migrations.
    fields = {field.name for field in policy_model._meta.get_fields()}
    for policy in DEFAULT_POLICIES:
        defaults = {name: value for name, value in policy.items() if name in fields}
        policy_model.objects.get_or_create(code=policy["code"], defaults=defaults)
    if not settings_model.objects.exists():
        settings_model.objects.create(**DEFAULT_SETTINGS)


class Migration(migrations.Migration):
    dependencies = [("scorecard", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
