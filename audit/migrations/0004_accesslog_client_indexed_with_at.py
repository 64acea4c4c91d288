import django.db.models.deletion
from django.db import migrations, models

# Only the index goes: Django's own AlterField would also drop the foreign key and add it
# again, which checks every row of the log while it holds the table.
INDEX = "audit_accesslog_client_id_1c40a34b"


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_unusual_reading"),
        ("clients", "0014_stamp_every_client_at_once"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslog",
                    name="client",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="clients.client",
                        verbose_name="cliënt",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "audit_accesslog" ("client_id")',
                ),
            ],
        ),
    ]
