"""Every list of the REST API costs a pinned number of queries, at 3 rows and at 30.

The API's lists are found, not remembered: every GET route the schema documents as a page of
rows (or an array), and every viewset's list action the URL resolver holds, must have a pin
here. A new list endpoint without one fails `test_every_api_list_is_pinned`.

A typical count: the savepoint of the request's transaction, the token with its user, the
user's roles, the count and the page (teams in scope as a subquery), one query per prefetched
relation, the savepoint's release and the read log's one insert.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from . import rows
from .pins import Pin, World, check, results

API = "/api/v1/"


def client_path(tail: str):
    return lambda world: f"{API}clients/{world.client.pk}/{tail}"


def at(path: str):
    return lambda world: API + path


PINS = [
    Pin("team-list", at("teams/"), rows.teams, 5, results),
    Pin("client-list", at("clients/"), rows.clients, 8, results),
    Pin("client-phases", client_path("phases/"), rows.phase_periods, 9, results),
    Pin("client-ladder", client_path("ladder/"), rows.rung_assessments, 9, results),
    Pin(
        "client-history",
        # One kind shown, so the 30 of every kind fit on a page; all kinds are still read.
        client_path("history/?page_size=500&kind=conversation"),
        rows.a_whole_file_by_the_caseworker,
        36,
        lambda response: sum(e["model"] == "conversation" for e in response.json()["results"]),
    ),
    Pin("signal-list", at("signals/"), rows.signals, 8, results),
    Pin(
        "access-log",
        lambda world: f"{API}access-log/?user={world.caseworker.pk}",
        rows.reads,
        7,
        results,
        user="auditor",
    ),
    Pin("conversation-list", at("conversations/"), rows.conversations, 8, results),
    Pin("contact-exemption-list", at("contact-exemptions/"), rows.contact_exemptions, 8, results),
    Pin("phase-exemption-list", at("phase-exemptions/"), rows.phase_exemptions, 8, results),
    Pin("workplan-list", at("workplans/"), rows.work_plans_of_clients, 9, results),
    Pin("trajectory-list", at("trajectories/"), rows.trajectories, 9, results),
    Pin("provider-list", at("providers/"), rows.providers, 5, results),
    Pin("employer-list", at("employers/"), rows.employers, 5, results),
    Pin("job-list", at("jobs/"), rows.jobs, 9, results),
    Pin("provision-list", at("provisions/"), rows.provisions, 8, results),
    Pin("service-type-list", at("service-types/"), rows.service_types, 5, results),
    Pin("organisation-list", at("social-map/"), rows.organisations, 5, results),
    Pin("referral-list", at("referrals/"), rows.referrals, 8, results),
]


@pytest.mark.parametrize("pin", PINS, ids=[pin.id for pin in PINS])
def test_an_api_list_costs_its_pinned_queries_at_3_and_30_rows(pin: Pin, world: World):
    check(pin, world, api=True)


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def lists_in_the_resolver() -> set[str]:
    """Every route of a viewset whose GET is its list action."""
    return {
        pattern.name or route
        for route, pattern in _patterns(get_resolver().url_patterns)
        if (getattr(pattern.callback, "actions", None) or {}).get("get") == "list"
    }


def lists_in_the_schema() -> set[str]:
    """The URL name of every GET the API schema documents as a page of rows or an array."""
    from drf_spectacular.generators import SchemaGenerator

    document = SchemaGenerator().get_schema(request=None, public=True)
    components = document["components"]["schemas"]
    found = set()
    for path, operations in document["paths"].items():
        response = operations.get("get", {}).get("responses", {}).get("200", {})
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        if "$ref" in schema:
            schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        if schema.get("type") == "array" or "results" in schema.get("properties", {}):
            found.add(resolve(re.sub(r"\{[^}]+\}", "1", path)).url_name or path)
    return found


def test_every_api_list_is_pinned():
    in_the_schema = lists_in_the_schema()
    in_the_resolver = lists_in_the_resolver()
    # The finders themselves: both know the lists of today.
    assert {"client-history", "client-phases", "access-log"} <= in_the_schema
    assert {"client-list", "signal-list"} <= in_the_resolver

    unpinned = (in_the_schema | in_the_resolver) - {pin.name for pin in PINS}
    assert not unpinned, f"API lists without a query-count pin: {sorted(unpinned)}"
    gone = {pin.name for pin in PINS} - in_the_schema - in_the_resolver
    assert not gone, f"pins of API lists that no longer exist: {sorted(gone)}"
