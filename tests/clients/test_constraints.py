"""Invariants of the client file that the database itself holds, whatever code writes the rows.

Rows are written directly (factories, ``save``, ``update``), bypassing services and
``full_clean``; each refused write runs in its own ``transaction.atomic()`` block so the test
database stays usable afterwards.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction

from clients.models import CaseworkerAssignment, Client
from tests.factories import CaseworkerAssignmentFactory, ClientFactory

pytestmark = pytest.mark.django_db


def test_second_client_with_the_same_bsn_is_refused_by_the_database(client_file):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientFactory.create(bsn=client_file.bsn, team=client_file.team)

    assert Client.objects.filter(bsn=client_file.bsn).count() == 1


def test_out_of_service_date_before_in_service_date_is_refused_by_the_database(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientFactory.create(
            team=team,
            in_service_since=datetime.date(2020, 1, 1),
            out_of_service_on=datetime.date(2019, 12, 31),
        )


def test_out_of_service_on_the_in_service_date_is_refused_by_the_database(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientFactory.create(
            team=team,
            in_service_since=datetime.date(2020, 1, 1),
            out_of_service_on=datetime.date(2020, 1, 1),
        )


def test_out_of_service_the_day_after_in_service_is_accepted_by_the_database(team):
    client = ClientFactory.create(
        team=team,
        in_service_since=datetime.date(2020, 1, 1),
        out_of_service_on=datetime.date(2020, 1, 2),
    )

    assert Client.objects.filter(pk=client.pk, out_of_service_on__isnull=False).exists()


def test_changing_out_of_service_to_before_in_service_is_refused_by_the_database(client_file):
    with pytest.raises(IntegrityError), transaction.atomic():
        Client.objects.filter(pk=client_file.pk).update(
            out_of_service_on=client_file.in_service_since - datetime.timedelta(days=1)
        )


def test_second_open_caseworker_assignment_for_a_client_is_refused_by_the_database(
    client_file, caseworker, colleague
):
    CaseworkerAssignmentFactory.create(
        client=client_file, caseworker=caseworker, started_on=datetime.date(2020, 1, 1)
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseworkerAssignmentFactory.create(
            client=client_file, caseworker=colleague, started_on=datetime.date(2023, 1, 1)
        )

    assert client_file.assignments.filter(ended_on__isnull=True).count() == 1


def test_closed_and_open_caseworker_assignment_for_a_client_are_accepted(
    client_file, caseworker, colleague
):
    CaseworkerAssignmentFactory.create(
        client=client_file,
        caseworker=caseworker,
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2023, 1, 1),
    )
    CaseworkerAssignmentFactory.create(
        client=client_file, caseworker=colleague, started_on=datetime.date(2023, 1, 1)
    )

    assert CaseworkerAssignment.objects.filter(client=client_file).count() == 2


def test_reopening_an_ended_assignment_next_to_an_open_one_is_refused_by_the_database(
    client_file, caseworker, colleague
):
    ended = CaseworkerAssignmentFactory.create(
        client=client_file,
        caseworker=caseworker,
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2023, 1, 1),
    )
    CaseworkerAssignmentFactory.create(
        client=client_file, caseworker=colleague, started_on=datetime.date(2023, 1, 1)
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseworkerAssignment.objects.filter(pk=ended.pk).update(ended_on=None)


def test_assignment_ending_before_it_starts_is_refused_by_the_database(client_file, caseworker):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseworkerAssignmentFactory.create(
            client=client_file,
            caseworker=caseworker,
            started_on=datetime.date(2023, 1, 2),
            ended_on=datetime.date(2023, 1, 1),
        )
