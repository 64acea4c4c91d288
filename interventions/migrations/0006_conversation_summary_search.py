"""A GIN index for full-text search in conversation reports, on PostgreSQL only (SQLite, used
in development, searches without it). Its expression is the one interventions.search queries."""

from django.db import migrations

INDEX = "conversation_summary_fts_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON interventions_conversation "
            "USING gin (to_tsvector('dutch'::regconfig, COALESCE(summary, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("interventions", "0005_text_limits")]

    operations = [migrations.RunPython(create, drop)]
