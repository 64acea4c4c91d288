import pytest

from tests.referrals.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory.create(name="Schuldhulp Utrecht", region="Utrecht")
