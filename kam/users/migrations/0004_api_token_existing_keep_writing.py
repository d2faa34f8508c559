# Tokens created before scopes existed could write: they keep doing so (a new token is
# read-only unless its owner chooses otherwise). They expire KAM_API_TOKEN_DEFAULT_DAYS (90)
# days after 0003 ran (the field's default, given to existing rows).

from django.db import migrations


def keep_writing(apps, schema_editor):
    ApiToken = apps.get_model("users", "ApiToken")
    ApiToken.objects.update(scope="read_write")


class Migration(migrations.Migration):

    dependencies = [
        ("users", "0003_api_token_scope_and_expiry"),
    ]

    operations = [migrations.RunPython(keep_writing, migrations.RunPython.noop)]
