"""Fill the pinyin sort key of the names already stored (new saves fill it themselves)."""

from django.db import migrations

from kam.lib.sorting import name_sort_key

MODELS = ['Account', 'AccountGroup', 'Competitor']


def fill(apps: object, schema_editor: object) -> None:
    for model_name in MODELS:
        model = apps.get_model("accounts", model_name)
        rows = list(model.objects.only("pk", "name"))
        for row in rows:
            row.name_sort_key = name_sort_key(row.name)
        model.objects.bulk_update(rows, ["name_sort_key"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_name_sort_key'),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
