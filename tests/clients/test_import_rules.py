"""The import refuses what `create_client` refuses, with the same message: both apply the
rules of `clients.rules`, so a rule changed there holds for both."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.importer import import_clients
from clients.models import Client
from clients.services import create_client
from tests.clients.test_import import csv, row
from tests.factories import CaseworkerFactory, TeamFactory, make_bsn

pytestmark = pytest.mark.django_db
D = datetime.date
# A week ahead: still in the future if the run passes midnight after collecting.
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)

# a mistake: (its field, the file's cells, create_client's arguments)
CASES: dict[str, tuple[str, dict[str, str], dict[str, Any]]] = {
    "eleven test": ("bsn", {"bsn": "123456789"}, {"bsn": "123456789"}),
    "eight digits": ("bsn", {"bsn": "12345678"}, {"bsn": "12345678"}),
    "in service before birth": (
        "in_service_since",
        {"born": "2001-05-01", "since": "2000-01-01"},
        {"date_of_birth": D(2001, 5, 1), "in_service_since": D(2000, 1, 1)},
    ),
    "out of service before in service": (
        "out_of_service_on",
        {"since": "2020-01-01", "until": "2019-12-31"},
        {"in_service_since": D(2020, 1, 1), "out_of_service_on": D(2019, 12, 31)},
    ),
    "born next week": (
        "date_of_birth",
        {"born": NEXT_WEEK.isoformat()},
        {"date_of_birth": NEXT_WEEK},
    ),
    "a name too long": ("first_name", {"first": "x" * 101}, {"first_name": "x" * 101}),
    "an unknown regime": ("regime", {"regime": "wajong2099"}, {"regime": "wajong2099"}),
}


def create(team, **changes):
    arguments = {
        "bsn": make_bsn(1),
        "first_name": "Voornaam1",
        "last_name": "Achternaam1",
        "date_of_birth": D(2001, 5, 1),
        "regime": "wajong2010",
        "in_service_since": D(2020, 1, 1),
        "team": team,
        "by": None,
    } | changes
    with pytest.raises(ValidationError) as excinfo:
        create_client(**arguments)
    return excinfo.value.message_dict


def import_errors(data: bytes, field: str) -> list[str]:
    result = import_clients(data, filename="f.csv", by=None)
    assert not Client.objects.exists()
    return [error.message for error in result.errors if error.column == field]


@pytest.mark.parametrize("case", CASES)
def test_the_import_refuses_what_create_client_refuses_with_its_message(team, case):
    field, cells, arguments = CASES[case]

    refused = create(team, **arguments)
    reported = import_errors(csv(row(1, team.name, phases="", **cells)), field)

    assert refused[field] and reported == refused[field]


def test_a_contact_person_outside_the_team_is_refused_alike(team):
    elsewhere = CaseworkerFactory.create(
        username="ad.elders", team=TeamFactory.create(name="Team Elders")
    )

    refused = create(team, caseworker=elsewhere)
    reported = import_errors(csv(row(1, team.name, "ad.elders", phases="")), "caseworker")

    assert refused["caseworker"] and reported == refused["caseworker"]
