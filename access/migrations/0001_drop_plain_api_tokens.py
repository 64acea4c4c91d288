"""DRF's plain API tokens (rest_framework.authtoken) gave way to knox's hashed ones. Its table
held every token in plain text, so it goes, with the record of its migrations (so the app could
be installed again). Issue new tokens with `manage.py create_api_token`."""

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder

PLAIN_TOKENS = "authtoken_token"


def drop_plain_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if PLAIN_TOKENS in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(PLAIN_TOKENS)}")
    MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [migrations.RunPython(drop_plain_tokens, migrations.RunPython.noop)]
