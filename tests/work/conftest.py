import pytest

from tests.factories import EmployerFactory


@pytest.fixture
def employer(db):
    return EmployerFactory.create(name="Bakkerij Van Dam", payroll_tax_number="123456789L01")
