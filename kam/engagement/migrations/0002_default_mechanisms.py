"""Seed the six communication mechanisms with their key points and default cadences (T5.2)."""

from decimal import Decimal

from django.db import migrations

from kam.engagement.defaults import DEFAULT_MECHANISMS

TEXT_FIELDS = ("purpose", "preparation", "agenda", "follow_up")


def seed_mechanisms(apps: object, schema_editor: object) -> None:
    mechanism_model = apps.get_model("engagement", "Mechanism")
    cadence_model = apps.get_model("engagement", "MechanismCadence")
    for position, definition in enumerate(DEFAULT_MECHANISMS, start=1):
        if mechanism_model.objects.filter(code=definition["code"]).exists():
            continue
        values = {
            "position": position,
            "name_zh": definition["name_zh"],
            "name_en": definition["name_en"],
            "our_level": definition["our_level"],
            "customer_level": definition["customer_level"],
        }
        for field in TEXT_FIELDS:
            values[f"{field}_zh"] = definition[f"{field}_zh"]
            values[f"{field}_en"] = definition[f"{field}_en"]
        mechanism = mechanism_model.objects.create(code=definition["code"], **values)
        for category, cadence in definition["cadences"].items():
            cadence_model.objects.create(
                mechanism=mechanism,
                category=category,
                per_year=Decimal(cadence["per_year"]),
                is_on_demand=cadence["is_on_demand"],
            )


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]

    operations = [migrations.RunPython(seed_mechanisms, migrations.RunPython.noop)]
