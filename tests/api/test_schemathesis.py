"""Schemathesis against the OpenAPI document, with every default check: no server error, every
answer in the documented status, content type, headers and schema, valid data accepted and
invalid data refused, a missing credential refused, an undocumented method answered 405. Every
operation, signed in as a caseworker with records of every kind in scope (catalogue writes as
a functional administrator), with generated requests both valid and malformed. (It found ids
too large for the database answering 500, list and history answers that broke their
documented shape, an undocumented 404 for `?page=0`, Django's page for `/clients/0.5/`, and
bodies the document called valid that the API refused.)

Hypothesis is derandomized (the same examples on every run) and each example starts from the
same database: its writes are rolled back after it."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings

from tests.api.contract_world import api_schema, follow_the_rules, make_world

schema = api_schema()


@pytest.fixture
def world(db):
    return make_world()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_keeps_its_contract(case, world):
    with transaction.atomic():
        follow_the_rules(case, world)
        case.call_and_validate()
        transaction.set_rollback(True)
