"""Schemathesis' stateful run: scenarios that follow the document's OpenAPI links, e.g. create a
client, read it, change it with the `version` it answered, move it to another phase, record a
conversation and buy a trajectory for it and change that trajectory's status; with every
default check, also those that need a scenario (a created record can be read at once, a
deleted one is gone).

Derandomized, each scenario from the same database (rolled back after it), a caseworker with
records in scope (catalogue writes as a functional administrator)."""

from typing import Any, ClassVar

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings

from tests.api.contract_world import World, api_schema, follow_the_rules, make_world

schema = api_schema()


class Scenario(schema.as_state_machine()):  # type: ignore[misc]
    world: ClassVar[World]

    def setup(self) -> None:
        self.transaction = transaction.atomic()
        self.transaction.__enter__()

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.transaction.__exit__(None, None, None)

    def before_call(self, case: Any) -> None:
        follow_the_rules(case, self.world)


@pytest.mark.django_db
def test_scenarios_along_the_links_keep_the_contract():
    Scenario.world = make_world()
    Scenario.run(
        settings=settings(
            phases=[Phase.generate],  # as schemathesis runs scenarios: no shrinking
            max_examples=50,
            stateful_step_count=10,
            derandomize=True,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
