"""Seed version 1 of the social-style questionnaire (T9.3) on the one scoring engine."""

from decimal import Decimal

from django.db import migrations

from kam.cards.defaults import SOCIAL_STYLE


def seed_social_style(apps: object, schema_editor: object) -> None:
    template_model = apps.get_model("assessments", "AssessmentTemplate")
    criterion_model = apps.get_model("assessments", "Criterion")
    definition = SOCIAL_STYLE
    if template_model.objects.filter(tool_code=definition["tool_code"]).exists():
        return
    low, high = definition["scale"]
    template = template_model.objects.create(
        tool_code=definition["tool_code"],
        version=1,
        name_zh=definition["name_zh"],
        name_en=definition["name_en"],
        scale_min=Decimal(low),
        scale_max=Decimal(high),
        aggregation=definition["aggregation"],
        groups=definition["groups"],
        parameters=definition["parameters"],
        is_current=True,
    )
    for position, item in enumerate(definition["criteria"]):
        criterion_model.objects.create(
            template=template,
            position=position,
            code=item["code"],
            group=item["group"],
            label_zh=item["label_zh"],
            label_en=item["label_en"],
            weight=Decimal(str(item["weight"])),
            anchors=item["anchors"],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cards", "0001_initial"),
        ("assessments", "0005_key_person_tools"),
    ]

    operations = [migrations.RunPython(seed_social_style, migrations.RunPython.noop)]
