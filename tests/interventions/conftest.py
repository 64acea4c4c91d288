"""The catalogue every trajectory test buys from."""

import datetime

import pytest

from tests.factories import PhasePeriodFactory, ProviderFactory, ServiceTypeFactory


@pytest.fixture
def work_fit(db):
    """A werkfit trajectory for clients in phases 2 and 3."""
    return ServiceTypeFactory.create(code="WF001", name="Werkfit-traject", phases="23")


@pytest.fixture
def provider(db):
    return ProviderFactory.create(name="Re-integratie Midden BV")


@pytest.fixture
def in_phase_2(client_file):
    return PhasePeriodFactory.create(
        client=client_file, phase="2", started_on=datetime.date(2020, 1, 1)
    )
