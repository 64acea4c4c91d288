"""Schemathesis against the OpenAPI document: every operation, signed in as a caseworker with
data in scope, with generated requests both valid and malformed. No response may be a server
error or break the documented schema. (It found ids too large for the database answering 500,
and list and history responses that did not match their documented shape.)"""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.api_client import token_for
from tests.factories import (
    AgreementFactory,
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    SignalFactory,
    TeamFactory,
    TrajectoryFactory,
    WorkPlanFactory,
)

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


class DjangoApp:
    """The WSGI app, made at the first request (inside a test, so with the test settings).

    Like Django's test client it keeps the test's database connection open around a request
    (the handler would close it at the end), so the request sees the test's data.
    """

    handler = None

    def __call__(self, environ, start_response):
        if self.handler is None:
            self.handler = get_wsgi_application()
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return self.handler(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


schema.app = DjangoApp()


@pytest.fixture
def token(db):
    """A caseworker with a client that has a record of every kind, so ids can be found."""
    team = TeamFactory.create(name="Team Schema")
    worker = CaseworkerFactory.create(username="schema.cw", team=team)
    client = ClientFactory.create(
        team=team, caseworker=worker, in_service_since=datetime.date(2015, 1, 1)
    )
    PhasePeriodFactory.create(client=client, phase="2", started_on=datetime.date(2024, 1, 1))
    AgreementFactory.create(work_plan=WorkPlanFactory.create(client=client, status="superseded"))
    ConversationFactory.create(client=client, caseworker=worker)
    WorkPlanFactory.create(client=client, version=2)
    TrajectoryFactory.create(
        client=client, service_type=ServiceTypeFactory.create(), provider=ProviderFactory.create()
    )
    SignalFactory.create(client=client)
    return token_for(worker)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_operation_fails_or_breaks_its_schema(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
