"""Leaving the benefit has a reason: required with the day out of service from now on."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from casework.importer import import_clients
from clients.models import Client, Regime
from clients.services import create_client, update_client
from tests.factories import ClientFactory, make_bsn

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_day_out_of_service_without_a_reason_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        update_client(
            client=client_file,
            expected_version=client_file.version,
            changes={"out_of_service_on": D(2024, 6, 30)},
            by=caseworker,
        )

    assert "out_of_service_reason" in excinfo.value.message_dict
    assert Client.objects.get(pk=client_file.pk).out_of_service_on is None


def test_a_day_out_of_service_with_its_reason_is_recorded(client_file, caseworker):
    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"out_of_service_on": D(2024, 6, 30), "out_of_service_reason": "retirement"},
        by=caseworker,
    )

    row = Client.objects.get(pk=client_file.pk)
    assert (row.out_of_service_on, row.get_out_of_service_reason_display()) == (
        D(2024, 6, 30),
        "Pensioen",
    )


def test_an_unknown_reason_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        update_client(
            client=client_file,
            expected_version=client_file.version,
            changes={"out_of_service_on": D(2024, 6, 30), "out_of_service_reason": "bored"},
            by=caseworker,
        )

    assert "out_of_service_reason" in excinfo.value.message_dict


def test_a_reason_without_a_day_is_refused(client_file, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        update_client(
            client=client_file,
            expected_version=client_file.version,
            changes={"out_of_service_reason": "death"},
            by=caseworker,
        )

    assert "out_of_service_reason" in excinfo.value.message_dict


def test_back_in_service_clears_the_reason(client_file, caseworker):
    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"out_of_service_on": D(2024, 6, 30), "out_of_service_reason": "abroad"},
        by=caseworker,
    )

    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"out_of_service_on": None},
        by=caseworker,
    )

    assert Client.objects.get(pk=client_file.pk).out_of_service_reason == ""


def test_an_older_client_out_of_service_without_a_reason_can_still_be_edited(team, caseworker):
    old = ClientFactory.create(team=team, out_of_service_on=D(2020, 1, 1))

    update_client(
        client=old, expected_version=old.version, changes={"first_name": "Anna"}, by=caseworker
    )

    assert Client.objects.get(pk=old.pk).first_name == "Anna"


def test_a_new_client_out_of_service_needs_the_reason(team, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        create_client(
            bsn="111222333",
            first_name="Sanne",
            last_name="de Boer",
            date_of_birth=D(1960, 3, 14),
            regime=Regime.OWAJONG,
            in_service_since=D(2000, 9, 1),
            out_of_service_on=D(2024, 3, 14),
            team=team,
            by=caseworker,
        )

    assert "out_of_service_reason" in excinfo.value.message_dict


HEADER = (
    "bsn;voornaam;achternaam;geboortedatum;regeling;in_zorg_sinds;uit_zorg_per;reden_uit_zorg;team"
)


def test_the_import_needs_the_reason_with_a_day_out_of_service(team):
    data = "\r\n".join(
        [
            HEADER,
            f"{make_bsn(1)};Anna;Smit;01-05-1960;owajong;2000-01-01;2024-01-01;;{team.name}",
            f"{make_bsn(2)};Bert;Smit;01-05-1960;owajong;2000-01-01;2024-01-01;retirement;{team.name}",
        ]
    ).encode()

    result = import_clients(data + b"\r\n", filename="uit.csv", by=None)

    assert [(e.line, e.heading) for e in result.errors] == [(2, "reden_uit_zorg")]


def test_the_import_records_the_reason(team):
    data = "\r\n".join(
        [
            HEADER,
            f"{make_bsn(2)};Bert;Smit;01-05-1960;owajong;2000-01-01;2024-01-01;retirement;{team.name}",
        ]
    ).encode()

    result = import_clients(data + b"\r\n", filename="uit.csv", by=None)

    assert result.ok
    assert Client.objects.get(bsn=make_bsn(2)).out_of_service_reason == "retirement"
