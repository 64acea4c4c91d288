"""API tokens (django-rest-knox): stored hashed, with an expiry, made by `create_api_token`."""

import datetime
import io
from importlib import import_module

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import CaseworkerFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/signals/"


def create_token(*args: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def get(token: str):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api.get(LIST)


def test_the_command_prints_a_token_that_signs_in(caseworker):
    token = create_token(caseworker.username)

    assert get(token).status_code == 200


def test_only_a_hash_of_the_token_is_stored(caseworker):
    token = create_token(caseworker.username)

    row = AuthToken.objects.get(user=caseworker)
    stored = [str(value) for value in AuthToken.objects.values_list().get()]
    assert not any(token in value for value in stored)
    assert row.digest != token and len(row.digest) == 128  # sha512


def test_a_token_expires_after_ninety_days_unless_told_otherwise(caseworker):
    create_token(caseworker.username)
    create_token(caseworker.username, "--days", "7")

    expiries = sorted(t.expiry - t.created for t in AuthToken.objects.filter(user=caseworker))

    assert [round(e / datetime.timedelta(days=1)) for e in expiries] == [7, 90]


def test_an_expired_token_is_refused_with_401(caseworker):
    token = create_token(caseworker.username)
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))

    response = get(token)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("days", ["0", "366", "-3"])
def test_a_lifetime_outside_one_day_to_a_year_is_refused(caseworker, days):
    with pytest.raises(CommandError, match="tussen 1 en 365"):
        create_token(caseworker.username, "--days", days)
    assert not AuthToken.objects.exists()


def test_an_unknown_or_inactive_user_gets_no_token(caseworker):
    CaseworkerFactory.create(username="ad.weg", team=caseworker.teams.get(), is_active=False)
    for username in ("ad.onbekend", "ad.weg"):
        with pytest.raises(CommandError, match="Geen actieve medewerker"):
            create_token(username)
    assert not AuthToken.objects.exists()


def test_a_token_header_with_bytes_that_are_not_utf8_is_a_401(caseworker):
    create_token(caseworker.username)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token \xff\xfe-not-utf8")

    assert api.get(LIST).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_the_table_of_plain_tokens_is_dropped_by_the_migration():
    migration = import_module("access.migrations.0001_drop_plain_api_tokens")
    recorder = MigrationRecorder(connection)
    recorder.record_applied("authtoken", "0001_initial")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY)")

    with connection.schema_editor() as editor:
        migration.drop_plain_tokens(None, editor)

    assert "authtoken_token" not in connection.introspection.table_names()
    assert not recorder.migration_qs.filter(app="authtoken").exists()


def test_the_nightly_housekeeping_deletes_expired_tokens(caseworker):
    from access.tasks import clear_expired_access

    create_token(caseworker.username)
    live = create_token(caseworker.username)
    AuthToken.objects.exclude(token_key=live[:15]).update(expiry=timezone.now())

    clear_expired_access()

    assert list(AuthToken.objects.values_list("token_key", flat=True)) == [live[:15]]
