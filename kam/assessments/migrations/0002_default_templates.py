"""Seed version 1 of every instrument's template with the spec's defaults."""

from decimal import Decimal

from django.db import migrations

from kam.assessments.defaults import DEFAULT_TEMPLATES


def seed_templates(apps: object, schema_editor: object) -> None:
    template_model = apps.get_model("assessments", "AssessmentTemplate")
    criterion_model = apps.get_model("assessments", "Criterion")
    for definition in DEFAULT_TEMPLATES:
        if template_model.objects.filter(tool_code=definition["tool_code"]).exists():
            continue
        low, high = definition["scale"]
        template = template_model.objects.create(
            tool_code=definition["tool_code"],
            version=1,
            name_zh=definition["name_zh"],
            name_en=definition["name_en"],
            scale_min=Decimal(low),
            scale_max=Decimal(high),
            aggregation=definition["aggregation"],
            special_formula=definition.get("special_formula", ""),
            groups=definition.get("groups", []),
            group_weights=definition.get("group_weights", {}),
            bands=definition.get("bands", []),
            gates=definition.get("gates", []),
            parameters=definition.get("parameters", {}),
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
                scale_min=item["low"],
                scale_max=item["high"],
                anchors=item["anchors"],
            )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(seed_templates, migrations.RunPython.noop)]
