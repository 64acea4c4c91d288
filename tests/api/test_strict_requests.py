"""What the API document calls invalid, the API refuses (400, a message per field or
parameter), and the document states the rules the API checks: no unknown field in a body (a
typo must not be dropped silently), JSON types as documented, dates in their plausible range
and written as YYYY-MM-DD, amounts as decimal text, a PATCH's `version`; a query parameter
sent empty or malformed is refused rather than ignored."""

import datetime
import re

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from interventions.models import Conversation, Trajectory, WorkPlan
from tests.api_client import api_as
from tests.factories import (
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    SignalFactory,
    TrajectoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def api(caseworker):
    return api_as(caseworker)


@pytest.fixture
def records(client_file):
    """A record behind every write that needs one."""
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2024, 1, 1))
    kind = ServiceTypeFactory.create(phases="1234")
    provider = ProviderFactory.create()
    return {
        "client": client_file,
        "trajectory": TrajectoryFactory.create(
            client=client_file, service_type=kind, provider=provider
        ),
        "signal": SignalFactory.create(client=client_file),
        "service_type": kind,
        "provider": provider,
    }


def writes(records) -> list[tuple[str, str]]:
    client = records["client"]
    return [
        ("post", "/api/v1/clients/"),
        ("patch", f"/api/v1/clients/{client.pk}/"),
        ("post", f"/api/v1/clients/{client.pk}/phase-transitions/"),
        ("post", "/api/v1/conversations/"),
        ("post", "/api/v1/contact-exemptions/"),
        ("post", "/api/v1/phase-exemptions/"),
        ("post", "/api/v1/workplans/"),
        ("post", "/api/v1/trajectories/"),
        ("patch", f"/api/v1/trajectories/{records['trajectory'].pk}/"),
        ("post", f"/api/v1/signals/{records['signal'].pk}/dismiss/"),
    ]


def test_every_write_refuses_a_field_it_does_not_know(api, records):
    for method, path in writes(records):
        response = getattr(api, method)(path, {"summmary": "typo"}, format="json")

        assert response.status_code == 400, path
        assert response.json() == {"summmary": ["Onbekend veld."]}, path


@pytest.mark.parametrize("path", ["/api/v1/teams/", "/api/v1/providers/", "/api/v1/service-types/"])
def test_catalogue_writes_refuse_a_field_they_do_not_know(path):
    administrator = UserFactory.create(username="fb", role="functional_admin")

    response = api_as(administrator).post(path, {"naam": "Typo"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"naam": ["Onbekend veld."]}


def test_a_read_only_field_in_a_body_is_refused_not_ignored(api, client_file):
    response = api.patch(
        f"/api/v1/clients/{client_file.pk}/",
        {"version": client_file.version, "current_phase": "3", "id": 99},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "current_phase": ["Dit veld kan niet worden gewijzigd."],
        "id": ["Dit veld kan niet worden gewijzigd."],
    }


def a_conversation(client_file, **changes) -> dict:
    return {
        "client": client_file.pk,
        "held_on": TODAY.isoformat(),
        "status": "held",
        "channel": "phone",
    } | changes


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("client", "1", "Verwacht een geheel getal."),
        ("client", True, "Verwacht een geheel getal."),
        ("client", 1.0, "Verwacht een geheel getal."),
        ("with_client", "true", "Verwacht true of false."),
        ("with_client", 1, "Verwacht true of false."),
        ("summary", 5, "Verwacht tekst tussen aanhalingstekens."),
        ("status", ["held"], "Verwacht tekst tussen aanhalingstekens."),
        ("held_on", 20250101, "Verwacht tekst tussen aanhalingstekens."),
        ("duration_minutes", "25", "Verwacht een geheel getal."),
    ],
)
def test_a_value_of_another_json_type_than_documented_is_refused(
    api, client_file, field, value, message
):
    response = api.post(
        "/api/v1/conversations/", a_conversation(client_file, **{field: value}), format="json"
    )

    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert not Conversation.objects.exists()


def test_list_items_of_another_json_type_are_refused():
    administrator = UserFactory.create(username="fb", role="functional_admin")
    body = {"code": "X1", "name": "Iets", "category": "work_fit", "phases": [2, 3]}

    response = api_as(administrator).post("/api/v1/service-types/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {"phases": ["Verwacht tekst tussen aanhalingstekens."]}


@pytest.mark.parametrize(
    "day", ["20250101", "2025-1-5", "2025-W01-1", "01-02-2025", "2025-01-01T00:00"]
)
def test_a_date_not_written_as_yyyy_mm_dd_is_refused(api, client_file, day):
    response = api.post(
        "/api/v1/conversations/", a_conversation(client_file, held_on=day), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["held_on"]


@pytest.mark.parametrize("cost", ["1e3", "-1", "1.", ".5", "", " 10", "1.234", "123456789"])
def test_an_amount_that_is_not_decimal_text_is_refused(api, records, cost):
    body = {
        "client": records["client"].pk,
        "service_type": records["service_type"].pk,
        "provider": records["provider"].pk,
        "purpose": "Werkritme",
        "purchased_on": TODAY.isoformat(),
        "cost": cost,
    }

    response = api.post("/api/v1/trajectories/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["cost"]
    assert Trajectory.objects.count() == 1  # the fixture's


def test_an_amount_as_a_json_number_is_refused_and_as_text_accepted(api, records):
    body = {
        "client": records["client"].pk,
        "service_type": records["service_type"].pk,
        "provider": records["provider"].pk,
        "purpose": "Werkritme",
        "purchased_on": TODAY.isoformat(),
        "repeat_justification": "Opnieuw",
    }

    number = api.post("/api/v1/trajectories/", body | {"cost": 4250}, format="json")
    text = api.post("/api/v1/trajectories/", body | {"cost": "4250.5"}, format="json")

    assert number.status_code == 400
    assert number.json() == {"cost": ["Verwacht tekst tussen aanhalingstekens."]}
    assert text.status_code == 201
    assert text.json()["cost"] == "4250.50"


def test_a_new_work_plan_cannot_be_sent_superseded(api, client_file):
    body = {"client": client_file.pk, "goal": "Werk", "status": "superseded"}

    response = api.post("/api/v1/workplans/", body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    assert not WorkPlan.objects.exists()


def test_a_signal_is_set_aside_from_today_for_at_most_ten_years(api, client_file):
    signal = SignalFactory.create(client=client_file)
    path = f"/api/v1/signals/{signal.pk}/dismiss/"

    blank = api.post(path, {"reason": "  ", "until": TODAY.isoformat()}, format="json")
    absurd = api.post(path, {"reason": "Werkt", "until": "9999-12-31"}, format="json")

    assert blank.json() == {"reason": ["Geef een reden om het signaal terzijde te leggen."]}
    assert list(absurd.json()) == ["until"]
    ok = api.post(path, {"reason": "Werkt", "until": TODAY.isoformat()}, format="json")
    assert ok.status_code == 200


# Query parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, query",
    [
        ("/api/v1/conversations/", {"status": ""}),
        ("/api/v1/conversations/", {"client": ""}),
        ("/api/v1/conversations/", {"held_on_after": ""}),
        ("/api/v1/conversations/", {"held_on_after": "01-02-2025"}),
        ("/api/v1/conversations/", {"held_on_before": "20250102"}),
        ("/api/v1/clients/", {"has_open_signal": "abc"}),
        ("/api/v1/clients/", {"has_open_signal": ""}),
        ("/api/v1/clients/", {"phase": ""}),
        ("/api/v1/clients/", {"team": "0"}),
        ("/api/v1/clients/", {"search": "x" * 101}),
        ("/api/v1/clients/", {"search": "a\x00b"}),
        ("/api/v1/signals/", {"kind": "other"}),
        ("/api/v1/reports/phase-distribution/", {"year": ""}),
        ("/api/v1/reports/phase-distribution/", {"year": "2014"}),
        ("/api/v1/reports/phase-distribution/", {"year": str(TODAY.year + 1)}),
        ("/api/v1/reports/phase-distribution/", {"year": "", "team": "0"}),
        ("/api/v1/reports/placements/", {"year": "2014"}),
        ("/api/v1/reports/placements/", {"year": "", "team": "0"}),
        ("/api/v1/reports/work/", {"on": ""}),
        ("/api/v1/reports/work/", {"on": "2025-13-01"}),
        ("/api/v1/reports/work/", {"on": "", "team": "0"}),
    ],
)
def test_a_known_parameter_empty_or_malformed_is_a_400_on_it(api, path, query):
    response = api.get(path, query)

    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_a_report_for_a_team_outside_ones_own_is_a_404(api, caseworker):
    response = api.get("/api/v1/reports/phase-distribution/", {"year": TODAY.year, "team": 999})

    assert response.status_code == 404


@pytest.mark.parametrize("query", [{"to": ""}, {"from": "x"}, {"kind": ""}, {"user": "0"}])
def test_the_history_refuses_empty_or_malformed_filters(api, client_file, query):
    response = api.get(f"/api/v1/clients/{client_file.pk}/history/", query)

    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_the_history_of_an_unknown_user_is_empty_not_an_error(api, client_file):
    response = api.get(f"/api/v1/clients/{client_file.pk}/history/", {"user": "987654"})

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("value, found", [("true", 0), ("false", 1), ("1", 0), ("FALSE", 1)])
def test_yes_no_parameters_read_true_and_false(api, client_file, value, found):
    assert api.get("/api/v1/clients/", {"has_open_signal": value}).json()["count"] == found


def test_unknown_query_parameters_are_ignored(api, client_file):
    assert api.get("/api/v1/clients/", {"sort": "name", "x": ""}).json()["count"] == 1


# What the document states ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def document():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_no_request_body_may_hold_a_field_the_document_does_not_name(document):
    requests = {n: c for n, c in document["components"]["schemas"].items() if n.endswith("Request")}

    assert len(requests) >= 14
    assert {
        name for name, c in requests.items() if c.get("additionalProperties") is not False
    } == set()


def test_plausible_dates_are_stated_as_a_pattern_of_their_range(document):
    held_on = document["components"]["schemas"]["ConversationRequest"]["properties"]["held_on"]
    pattern = re.compile(held_on["pattern"])
    last = TODAY + datetime.timedelta(days=2 * 366)

    assert held_on["format"] == "date"
    assert pattern.match("1900-01-01") and pattern.match(last.isoformat())
    assert not pattern.match("1899-12-31")
    assert not pattern.match((last + datetime.timedelta(days=1)).isoformat())
    # An answer shows what was stored: no pattern there.
    assert (
        "pattern" not in document["components"]["schemas"]["Conversation"]["properties"]["held_on"]
    )


def test_ids_amounts_lengths_and_text_rules_are_stated(document):
    schemas = document["components"]["schemas"]
    client = schemas["TrajectoryRequest"]["properties"]["client"]
    cost = schemas["TrajectoryRequest"]["properties"]["cost"]
    name = schemas["ClientRequest"]["properties"]["first_name"]
    summary = schemas["ConversationRequest"]["properties"]["summary"]

    assert (client["minimum"], client["maximum"]) == (1, 2**63 - 1)
    assert re.fullmatch(cost["pattern"], "4250.00") and not re.fullmatch(cost["pattern"], "1e3")
    assert name["maxLength"] == 100
    assert not re.match(name["pattern"], " \t\x1f") and re.match(name["pattern"], " Sanne ")
    assert not re.match(summary["pattern"], "a\x00") and re.match(summary["pattern"], "")
    assert schemas["ClientRequest"]["properties"]["bsn"]["pattern"] == "^[0-9]{9}$"


def test_what_a_patch_must_send_is_required(document):
    schemas = document["components"]["schemas"]

    assert schemas["PatchedClientRequest"]["required"] == ["version"]
    assert sorted(schemas["TrajectoryChangeRequest"]["required"]) == ["on", "status"]
    assert schemas["NewWorkPlanStatusEnum"]["enum"] == ["draft", "agreed"]


def test_the_report_year_is_stated_with_its_bounds(document):
    operation = document["paths"]["/api/v1/reports/phase-distribution/"]["get"]
    year = next(p for p in operation["parameters"] if p["name"] == "year")

    assert (year["schema"]["minimum"], year["schema"]["maximum"]) == (2015, TODAY.year)
    assert year["required"] is True
