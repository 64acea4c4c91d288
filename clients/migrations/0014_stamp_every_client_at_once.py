"""A statement that touches many clients stamps them all at once, in one row.

The nightly signals run after a bulk load raises signals for most clients in one INSERT; giving
each of them a stamp cost a third of a second, for entries in the cache that nobody would reuse
anyway. Above a threshold (5,000 clients, or the setting `wajong.stamp_every_client_above` of
the transaction) the statement stamps the row for client 0, which every set's digest includes
(`clients.stamps`), so every kept entry is built anew.
"""

from importlib import import_module

from django.db import migrations

STAMP_FUNCTION = """
CREATE OR REPLACE FUNCTION clients_stamp_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rows_of text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT %1$s AS id FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT %1$s AS id FROM old_rows'
    ELSE 'SELECT %1$s AS id FROM new_rows UNION SELECT %1$s FROM old_rows'
  END;
  many integer := coalesce(
    nullif(current_setting('wajong.stamp_every_client_above', true), '')::integer, 5000
  );
  touched bigint[];
  number bigint;
BEGIN
  EXECUTE format(
    'SELECT array_agg(DISTINCT id ORDER BY id) FROM (' || rows_of || ') AS t WHERE id IS NOT NULL',
    TG_ARGV[0]
  ) INTO touched;
  IF touched IS NULL THEN
    RETURN NULL;
  END IF;
  IF cardinality(touched) > many THEN
    touched := ARRAY[0];  -- every client
  END IF;
  number := nextval('clients_clientstamp_seq');
  -- In client order: two writers wait for each other instead of deadlocking.
  INSERT INTO clients_clientstamp (client_id, stamp)
  SELECT id, number FROM unnest(touched) AS id
  ON CONFLICT (client_id) DO UPDATE SET stamp = EXCLUDED.stamp;
  RETURN NULL;
END
$$;
"""


def replace_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:  # no parameters: format() holds %
            cursor.execute(STAMP_FUNCTION)


def restore_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        before = import_module("clients.migrations.0013_client_stamps")
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(before.STAMP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("clients", "0013_client_stamps")]

    operations = [migrations.RunPython(replace_function, restore_function)]
