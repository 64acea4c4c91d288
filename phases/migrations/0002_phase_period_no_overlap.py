"""No two phase periods of one client overlap, held by the database itself.

PostgreSQL: an exclusion constraint over daterange(started_on, ended_on, '[)').
SQLite (the laptop default): triggers that abort an overlapping insert or update.
Empty periods (ended_on == started_on, a same-day correction) overlap nothing, as in PostgreSQL.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE phases_phaseperiod ADD CONSTRAINT phase_period_no_overlap
    EXCLUDE USING gist (client_id WITH =, daterange(started_on, ended_on, '[)') WITH &&)
    """,
]
POSTGRES_BACKWARD = [
    "ALTER TABLE phases_phaseperiod DROP CONSTRAINT IF EXISTS phase_period_no_overlap",
]

SQLITE_OVERLAP = """
    EXISTS (
        SELECT 1 FROM phases_phaseperiod AS other
        WHERE other.client_id = NEW.client_id AND other.id IS NOT NEW.id
          AND other.started_on < COALESCE(NEW.ended_on, '9999-12-31')
          AND NEW.started_on < COALESCE(other.ended_on, '9999-12-31')
          AND other.started_on < COALESCE(other.ended_on, '9999-12-31')
          AND NEW.started_on < COALESCE(NEW.ended_on, '9999-12-31')
    )
"""
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER phase_period_no_overlap_{event.lower()}
    BEFORE {event} ON phases_phaseperiod
    WHEN {SQLITE_OVERLAP}
    BEGIN SELECT RAISE(ABORT, 'phase_period_no_overlap'); END
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS phase_period_no_overlap_insert",
    "DROP TRIGGER IF EXISTS phase_period_no_overlap_update",
]


def statements_for(vendor: str, forward: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRES_FORWARD if forward else POSTGRES_BACKWARD
    if vendor == "sqlite":
        return SQLITE_FORWARD if forward else SQLITE_BACKWARD
    return []


def forward(apps, schema_editor):
    for sql in statements_for(schema_editor.connection.vendor, forward=True):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in statements_for(schema_editor.connection.vendor, forward=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("phases", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
