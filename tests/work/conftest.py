import pytest

from tests.factories import EmployerFactory


@pytest.fixture
def employer(db):
    return EmployerFactory.create(name="Bakkerij Van Dam", payroll_tax_number="123456789L01")


@pytest.fixture
def rival_employer(db, monkeypatch):
    """Another request added the employer with this payroll tax number after this one looked:
    every look (the service's, the model's unique check, the job form's) missed it, so the
    database's unique index refuses this request's INSERT."""
    from casework import work_forms
    from work.models import Employer
    from work.services import employers

    rival = EmployerFactory.create(name="Bakkerij Van Dam", payroll_tax_number="123456789L01")
    monkeypatch.setattr(employers, "_known", lambda number: None)
    monkeypatch.setattr(Employer, "validate_unique", lambda self, exclude=None: None)
    monkeypatch.setattr(work_forms, "known_employer", lambda number: None)
    return rival
