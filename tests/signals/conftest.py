"""What the signal tests share."""

import datetime

import pytest

from clients.models import Client
from tests.factories import ClientFactory, PhasePeriodFactory


@pytest.fixture
def person(team, caseworker) -> Client:
    """Active for years, phase 4 (never stalls), no conversations yet."""
    client = ClientFactory.create(
        team=team, caseworker=caseworker, in_service_since=datetime.date(2015, 1, 1)
    )
    PhasePeriodFactory.create(client=client, phase="4", started_on=datetime.date(2016, 1, 1))
    return client
