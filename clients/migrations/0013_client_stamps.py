"""Client stamps: the database stamps a client whenever a row of its file is written.

Statement-level triggers (with transition tables, so one bulk insert of ten thousand signals
is one upsert) on the client and on every table of its file. PostgreSQL only: on SQLite the
table stays empty and nothing is cached by it (`clients.stamps`).
"""

import django.db.models.deletion
from django.db import migrations, models

# table: how a row names its client (an SQL expression over the row's columns)
BY_PARENT = "(SELECT parent.client_id FROM {table} parent WHERE parent.id = {column})"
CLIENT_OF_ROW = {
    "clients_client": "id",
    "clients_caseworkerassignment": "client_id",
    "clients_teamassignment": "client_id",
    "clients_workcapacitydecision": "client_id",
    "clients_reassessment": "client_id",
    "phases_phaseperiod": "client_id",
    "phases_phaseexemption": "client_id",
    "interventions_conversation": "client_id",
    "interventions_workplan": "client_id",
    "interventions_agreement": BY_PARENT.format(
        table="interventions_workplan", column="work_plan_id"
    ),
    "interventions_workplanletter": BY_PARENT.format(
        table="interventions_workplan", column="work_plan_id"
    ),
    "interventions_trajectory": "client_id",
    "interventions_trajectorypause": BY_PARENT.format(
        table="interventions_trajectory", column="trajectory_id"
    ),
    "interventions_contactexemption": "client_id",
    "signals_signal": "client_id",
    "referrals_referral": "client_id",
    "work_job": "client_id",
    "work_jobrenewal": BY_PARENT.format(table="work_job", column="job_id"),
    "work_provision": "client_id",
    "participation_rungassessment": "client_id",
}

# The transition tables new_rows and old_rows hold the statement's rows. All their clients get
# one new number (a statement is one change), written in client order: two bulk writers
# wait for each other instead of deadlocking.
STAMP_FUNCTION = """
CREATE SEQUENCE IF NOT EXISTS clients_clientstamp_seq;
CREATE OR REPLACE FUNCTION clients_stamp_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_of text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT %1$s AS id FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT %1$s AS id FROM old_rows'
    ELSE 'SELECT %1$s AS id FROM new_rows UNION SELECT %1$s FROM old_rows'
  END;
BEGIN
  EXECUTE format(
    'INSERT INTO clients_clientstamp (client_id, stamp) '
    'SELECT DISTINCT id, $1 FROM (' || rows_of || ') AS touched WHERE id IS NOT NULL '
    'ORDER BY id ON CONFLICT (client_id) DO UPDATE SET stamp = EXCLUDED.stamp',
    TG_ARGV[0]
  ) USING nextval('clients_clientstamp_seq');
  RETURN NULL;
END
$$;
"""
TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _statements() -> list[str]:
    statements = [STAMP_FUNCTION]
    for table, client in CLIENT_OF_ROW.items():
        for event, transition in TRANSITIONS.items():
            name = f"{table}_stamp_{event.lower()}"
            statements.append(
                f"DROP TRIGGER IF EXISTS {name} ON {table};"
                f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transition} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION clients_stamp_rows('{client}');"
            )
    return statements


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Without parameters: the function's format() holds a literal %s.
    with schema_editor.connection.cursor() as cursor:
        for statement in _statements():
            cursor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in CLIENT_OF_ROW:
        for event in TRANSITIONS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_stamp_{event.lower()} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS clients_stamp_rows()")
    schema_editor.execute("DROP SEQUENCE IF EXISTS clients_clientstamp_seq")


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0012_reassessment_decision_set_null"),
        ("phases", "0005_text_limits"),
        ("interventions", "0008_planned_conversation_indexes"),
        ("signals", "0003_work_signal_kinds"),
        ("referrals", "0001_initial"),
        ("work", "0001_initial"),
        ("participation", "0003_rung_superseded_on"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClientStamp",
            fields=[
                (
                    "client",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="stamp",
                        serialize=False,
                        to="clients.client",
                    ),
                ),
                ("stamp", models.BigIntegerField()),
            ],
            options={"default_permissions": ()},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
