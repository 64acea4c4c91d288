"""Which reads may go to the replica (common/replica.py): decided without one, on any database.

tests/production/test_replica.py checks the same against a real streaming replica.
"""

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from clients.models import Client
from common.replica import REPLICA, ReplicaRouter, read_alias, reads_from_replica
from tests.api_client import api_as
from tests.factories import ClientFactory
from tests.processes import settings_under

router = ReplicaRouter()
PRIMARY = "postgres://postgres@127.0.0.1:5432/wajong"


def configured(**env: str) -> dict:
    """The database aliases and routers the settings make from this environment."""
    return settings_under(
        "{'aliases': {a: [d['NAME'], d['PORT'], d['TEST'].get('MIRROR')]"
        " for a, d in s.DATABASES.items()}, 'routers': s.DATABASE_ROUTERS}",
        **env,
    )


def test_without_a_replica_url_there_is_no_second_alias_and_no_router():
    assert configured(DATABASE_URL=PRIMARY) == {
        "aliases": {"default": ["wajong", 5432, None]},
        "routers": [],
    }


def test_a_replica_url_adds_the_alias_mirrored_in_tests_and_the_router():
    replica = "postgres://postgres@127.0.0.1:5433/wajong"
    found = configured(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=replica)
    assert found["aliases"][REPLICA] == ["wajong", 5433, "default"]
    assert found["routers"] == ["common.replica.ReplicaRouter"]


def test_outside_a_report_every_read_goes_to_the_primary():
    assert router.db_for_read(Client) == "default"


def test_a_report_reads_domain_rows_from_the_replica_but_users_from_the_primary():
    with reads_from_replica():
        assert router.db_for_read(Client) == REPLICA
        assert router.db_for_read(User) == "default"
    assert router.db_for_read(Client) == "default"


def test_after_a_write_the_rest_of_the_report_reads_the_primary():
    with reads_from_replica():
        assert router.db_for_write(Client) == "default"
        assert router.db_for_read(Client) == "default"
    with reads_from_replica():
        assert router.db_for_read(Client) == REPLICA  # a new scope starts clean


@pytest.mark.django_db
def test_a_transaction_opened_within_a_report_reads_the_primary():
    with transaction.atomic(), reads_from_replica():  # the request's own transaction
        assert router.db_for_read(Client) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(Client) == "default"
        assert router.db_for_read(Client) == REPLICA


def test_migrations_run_on_the_primary_only_and_relations_span_both():
    assert router.allow_migrate("default", "clients") is True
    assert router.allow_migrate(REPLICA, "clients") is False
    on_replica, on_primary, unsaved = Client(), Client(), Client()
    on_replica._state.db, on_primary._state.db = REPLICA, "default"
    assert router.allow_relation(on_replica, on_primary) is True
    assert router.allow_relation(unsaved, on_primary) is None  # no opinion: Django decides


class RecordingRouter(ReplicaRouter):
    """Notes where each read would go, and reads from the primary: there is no replica here."""

    choices: list[str] = []

    def db_for_read(self, model: type, **hints: object) -> str:
        self.choices.append(read_alias(model))
        return "default"


@pytest.fixture
def choices(settings):
    settings.DATABASE_ROUTERS = [f"{__name__}.RecordingRouter"]
    RecordingRouter.choices = []
    return RecordingRouter.choices


def test_dashboard_drilldown_export_and_report_api_read_from_the_replica(
    client, manager, client_file, choices
):
    client.force_login(manager)
    year = timezone.localdate().year
    for url in (
        "/dashboard/",
        "/dashboard/clienten/",
        "/dashboard/clienten/?export=csv",
    ):
        choices.clear()
        assert client.get(url).status_code == 200, url
        assert REPLICA in choices, url
    last_year = f"{year - 1}-12-31"
    for path, query in (
        ("phase-distribution", {"year": year}),
        ("placements", {"year": year}),
        ("work", {"on": last_year}),
        ("ladder", {"from": f"{year - 2}-12-31", "to": last_year}),
        ("phase-flows", {"phase": "1", "from": f"{year - 2}-01-01", "to": last_year}),
    ):
        choices.clear()
        response = api_as(manager).get(f"/api/v1/reports/{path}/", query)
        assert response.status_code == 200, (path, response.content)
        assert REPLICA in choices, path


def test_caseworker_screens_and_writes_read_from_the_primary(client, caseworker, team, choices):
    ClientFactory.create_batch(2, team=team, caseworker=caseworker)
    client.force_login(caseworker)
    assert client.get("/clienten/").status_code == 200
    assert choices and REPLICA not in choices
