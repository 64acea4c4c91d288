"""GET /api/v1/signals/, its detail and POST .../dismiss/: roles, scope, filters, paging, errors."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.roles import Role
from signals.models import Signal
from tests.api_client import token_for
from tests.factories import (
    CaseworkerFactory,
    ClientFactory,
    SignalFactory,
    TeamFactory,
    UserFactory,
)

LIST = "/api/v1/signals/"
CONTRACT_FIELDS = {
    "id",
    "client",
    "kind",
    "status",
    "raised_on",
    "resolved_on",
    "details",
    "rule_version",
}


def detail(signal: Signal) -> str:
    return f"{LIST}{signal.pk}/"


def dismiss(signal: Signal) -> str:
    return f"{LIST}{signal.pk}/dismiss/"


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def signal(client_file) -> Signal:
    """An open no-contact signal of a client in `team`."""
    return SignalFactory.create(client=client_file)


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Team Amersfoort 2")


@pytest.fixture
def other_signal(other_team) -> Signal:
    """An open signal of a client in another team."""
    return SignalFactory.create(client=ClientFactory(team=other_team))


@pytest.fixture
def outsider(other_team):
    """A caseworker of another team than the signal's client."""
    return CaseworkerFactory(username="ad.vermeulen", team=other_team)


@pytest.fixture
def auditor(db):
    return UserFactory(username="auditor.smit", role=Role.AUDITOR)


@pytest.fixture
def functional_admin(db):
    return UserFactory(username="fb.dekker", role=Role.FUNCTIONAL_ADMIN)


def as_user(api: APIClient, user) -> APIClient:
    api.force_authenticate(user)
    return api


def assert_untouched(signal: Signal) -> None:
    history_rows = signal.history.count()
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN
    assert (signal.dismissed_reason, signal.dismissed_until, signal.dismissed_by) == (
        "",
        None,
        None,
    )
    assert signal.history.count() == history_rows


# Anonymous ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", [("get", "list"), ("get", "detail"), ("post", "dismiss")])
def test_anonymous_request_is_refused_with_401(api, signal, method, path):
    url = {"list": LIST, "detail": detail(signal), "dismiss": dismiss(signal)}[path]

    response = getattr(api, method)(url, {"reason": "x", "until": tomorrow()}, format="json")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert_untouched(signal)


def test_a_wrong_token_is_refused_with_401(api, signal):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert api.get(LIST).status_code == 401


# Roles and scope ---------------------------------------------------------------------------


def test_caseworker_lists_only_the_signals_of_their_own_team(api, caseworker, signal, other_signal):
    response = as_user(api, caseworker).get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert (body["count"], ids(response)) == (1, [signal.pk])
    row = body["results"][0]
    assert set(row) >= CONTRACT_FIELDS
    assert row["client"] == signal.client_id
    assert row["kind"] == "no_contact"
    assert row["status"] == "open"
    assert row["raised_on"] == "2025-01-06"
    assert row["rule_version"] == signal.rule_version_id
    assert row["details"] == {"last_contact_on": None, "window_start": "2024-01-06"}


def test_caseworker_reads_a_signal_of_their_team(api, caseworker, signal):
    response = as_user(api, caseworker).get(detail(signal))

    assert response.status_code == 200
    assert response.json()["id"] == signal.pk


def test_caseworker_of_another_team_does_not_find_the_signal(api, outsider, signal, other_signal):
    as_user(api, outsider)

    assert ids(api.get(LIST)) == [other_signal.pk]
    assert api.get(detail(signal)).status_code == 404
    response = api.post(dismiss(signal), {"reason": "Ziek", "until": tomorrow()}, format="json")
    assert response.status_code == 404
    assert_untouched(signal)


def test_auditor_lists_every_signal(api, auditor, signal, other_signal):
    response = as_user(api, auditor).get(LIST)

    assert response.status_code == 200
    assert set(ids(response)) == {signal.pk, other_signal.pk}
    assert api.get(detail(signal)).status_code == 200


def test_auditor_may_not_dismiss(api, auditor, signal):
    response = as_user(api, auditor).post(
        dismiss(signal), {"reason": "Ziek", "until": tomorrow()}, format="json"
    )

    assert response.status_code == 403
    assert_untouched(signal)


def test_functional_admin_sees_no_signals(api, functional_admin, signal):
    """Functional administrators see no client files (clients.querysets.visible_to), so no
    signals either: the list is empty rather than forbidden, the detail a 404."""
    as_user(api, functional_admin)

    response = api.get(LIST)
    assert (response.status_code, response.json()["count"]) == (200, 0)
    assert api.get(detail(signal)).status_code == 404


def test_functional_admin_may_not_dismiss(api, functional_admin, signal):
    response = as_user(api, functional_admin).post(
        dismiss(signal), {"reason": "Ziek", "until": tomorrow()}, format="json"
    )

    assert response.status_code == 403
    assert_untouched(signal)


def test_team_manager_of_the_clients_team_may_dismiss(api, manager, signal):
    response = as_user(api, manager).post(
        dismiss(signal), {"reason": "Afgestemd met cliënt", "until": tomorrow()}, format="json"
    )

    assert response.status_code == 200
    signal.refresh_from_db()
    assert (signal.status, signal.dismissed_by) == (Signal.Status.DISMISSED, manager)


def test_an_auditor_who_is_also_a_caseworker_dismisses_only_in_their_own_team(
    api, caseworker, signal, other_signal
):
    caseworker.groups.add(Group.objects.get(name=Role.AUDITOR))
    as_user(api, caseworker)

    assert set(ids(api.get(LIST))) == {signal.pk, other_signal.pk}
    refused = api.post(
        dismiss(other_signal), {"reason": "Ziek", "until": tomorrow()}, format="json"
    )
    assert refused.status_code == 403
    assert_untouched(other_signal)


def test_a_token_signs_in_and_needs_no_csrf_token(signal, caseworker):
    api = APIClient(enforce_csrf_checks=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(caseworker)}")

    assert ids(api.get(LIST)) == [signal.pk]
    response = api.post(dismiss(signal), {"reason": "Ziek", "until": tomorrow()}, format="json")
    assert response.status_code == 200


def test_a_session_post_without_csrf_token_is_refused(signal, caseworker):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(caseworker)

    assert ids(api.get(LIST)) == [signal.pk]
    response = api.post(dismiss(signal), {"reason": "Ziek", "until": tomorrow()}, format="json")
    assert response.status_code == 403
    assert_untouched(signal)


# Filters and paging ------------------------------------------------------------------------


@pytest.fixture
def three_signals(client_file, other_team):
    """Two signals of `client_file` (team 1), one resolved signal of a client in `other_team`."""
    other_client = ClientFactory(team=other_team)
    return {
        "no_contact": SignalFactory.create(client=client_file),
        "stalled": SignalFactory.create(client=client_file, kind=Signal.Kind.STALLED_PHASE),
        "resolved": SignalFactory.create(
            client=other_client,
            status=Signal.Status.RESOLVED,
            resolved_on=datetime.date(2025, 2, 1),
        ),
    }


@pytest.mark.parametrize(
    "parameter, expected",
    [
        ("kind=stalled_phase", {"stalled"}),
        ("status=resolved", {"resolved"}),
        ("status=open", {"no_contact", "stalled"}),
        ("client={client}", {"no_contact", "stalled"}),
        ("team={other_team}", {"resolved"}),
        ("kind=no_contact&status=open", {"no_contact"}),
    ],
)
def test_a_filter_narrows_the_list(api, auditor, three_signals, other_team, parameter, expected):
    client_id = three_signals["no_contact"].client_id
    query = parameter.format(client=client_id, other_team=other_team.pk)

    response = as_user(api, auditor).get(f"{LIST}?{query}")

    assert response.status_code == 200
    assert set(ids(response)) == {three_signals[name].pk for name in expected}


def test_filters_on_a_client_or_team_out_of_scope_find_nothing(
    api, caseworker, three_signals, other_team
):
    response = as_user(api, caseworker).get(f"{LIST}?team={other_team.pk}")
    assert (response.status_code, response.json()["count"]) == (200, 0)


@pytest.mark.parametrize("query", ["kind=unknown", "status=gone", "client=abc", "team=1.5"])
def test_a_bad_filter_value_is_a_400_naming_the_parameter(api, auditor, signal, query):
    response = as_user(api, auditor).get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_page_size_is_honoured(api, auditor, three_signals):
    response = as_user(api, auditor).get(f"{LIST}?page_size=2")

    body = response.json()
    assert (body["count"], len(body["results"])) == (3, 2)
    assert "page=2" in body["next"]
    assert ids(api.get(f"{LIST}?page_size=2&page=2")) == [three_signals["no_contact"].pk]


def test_pages_hold_at_most_500_and_a_larger_size_is_refused(api, auditor, client_file):
    norm = SignalFactory.create(client=client_file).rule_version
    Signal.objects.bulk_create(
        Signal(
            client=client_file,
            kind=Signal.Kind.NO_CONTACT,
            status=Signal.Status.RESOLVED,
            raised_on=datetime.date(2024, 1, 1),
            resolved_on=datetime.date(2024, 2, 1),
            rule_version=norm,
        )
        for _ in range(500)
    )

    body = as_user(api, auditor).get(f"{LIST}?page_size=500").json()
    too_large = as_user(api, auditor).get(f"{LIST}?page_size=1000")

    assert (body["count"], len(body["results"])) == (501, 500)
    assert too_large.status_code == 400
    assert list(too_large.json()) == ["page_size"]


def test_the_list_is_newest_first(api, auditor, client_file):
    older = SignalFactory.create(client=client_file, raised_on=datetime.date(2024, 12, 1))
    newer = SignalFactory.create(
        client=client_file, kind=Signal.Kind.STALLED_PHASE, raised_on=datetime.date(2025, 1, 6)
    )
    assert ids(as_user(api, auditor).get(LIST)) == [newer.pk, older.pk]


def make_signals(n: int, team) -> None:
    for _ in range(n):
        SignalFactory.create(client=ClientFactory(team=team))


def test_list_queries_do_not_grow_with_the_signals(
    api, caseworker, team, django_assert_max_num_queries
):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(caseworker)}")
    make_signals(3, team)
    with CaptureQueriesContext(connection) as three:
        assert len(ids(api.get(f"{LIST}?page_size=100"))) == 3
    make_signals(27, team)
    # Token with its user, roles, teams, count, page, the request's savepoint and its release,
    # and the read log's one insert.
    with django_assert_max_num_queries(8) as thirty:
        assert len(ids(api.get(f"{LIST}?page_size=100"))) == 30
    assert len(three) == len(thirty)


# Dismissing ---------------------------------------------------------------------------------


def test_dismissing_records_the_reason_the_date_and_the_user(api, caseworker, signal):
    until = tomorrow() + datetime.timedelta(days=90)

    response = as_user(api, caseworker).post(
        dismiss(signal),
        {"reason": "Cliënt is opgenomen in het ziekenhuis", "until": until.isoformat()},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"]) == (signal.pk, "dismissed")
    assert body["dismissed_until"] == until.isoformat()
    assert body["dismissed_reason"] == "Cliënt is opgenomen in het ziekenhuis"
    signal.refresh_from_db()
    assert signal.status == Signal.Status.DISMISSED
    assert signal.dismissed_reason == "Cliënt is opgenomen in het ziekenhuis"
    assert (signal.dismissed_until, signal.dismissed_by) == (until, caseworker)
    latest = signal.history.latest()
    assert latest.history_user == caseworker
    assert latest.history_change_reason == "Cliënt is opgenomen in het ziekenhuis"
    assert latest.status == Signal.Status.DISMISSED


def test_dismissing_until_today_is_allowed(api, caseworker, signal):
    response = as_user(api, caseworker).post(
        dismiss(signal), {"reason": "Gesprek vandaag", "until": timezone.localdate()}, format="json"
    )
    assert response.status_code == 200


def test_dismissing_without_a_reason_is_a_400_and_changes_nothing(api, caseworker, signal):
    response = as_user(api, caseworker).post(dismiss(signal), {"until": tomorrow()}, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()
    assert_untouched(signal)


def test_dismissing_with_a_blank_reason_gives_the_services_message(api, caseworker, signal):
    response = as_user(api, caseworker).post(
        dismiss(signal), {"reason": "   ", "until": tomorrow()}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"reason": ["Geef een reden om het signaal terzijde te leggen."]}
    assert_untouched(signal)


def test_dismissing_without_a_date_is_a_400(api, caseworker, signal):
    response = as_user(api, caseworker).post(dismiss(signal), {"reason": "Ziek"}, format="json")

    assert response.status_code == 400
    assert "until" in response.json()
    assert_untouched(signal)


@pytest.mark.parametrize("until", ["31-12-2030", "2030-02-30", "morgen"])
def test_dismissing_with_a_malformed_date_is_a_400(api, caseworker, signal, until):
    response = as_user(api, caseworker).post(
        dismiss(signal), {"reason": "Ziek", "until": until}, format="json"
    )

    assert response.status_code == 400
    assert "until" in response.json()


def test_dismissing_until_yesterday_is_a_400_with_the_services_message(api, caseworker, signal):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = as_user(api, caseworker).post(
        dismiss(signal), {"reason": "Ziek", "until": yesterday}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "until": ["De datum 'terzijde tot' kan niet in het verleden liggen."]
    }
    assert_untouched(signal)


@pytest.mark.parametrize(
    "state",
    [
        {"status": Signal.Status.RESOLVED, "resolved_on": datetime.date(2025, 2, 1)},
        {
            "status": Signal.Status.DISMISSED,
            "dismissed_until": datetime.date(2099, 1, 1),
            "dismissed_reason": "Eerder terzijde gelegd",
        },
    ],
    ids=["resolved", "dismissed"],
)
def test_only_an_open_signal_can_be_dismissed(api, caseworker, client_file, state):
    signal = SignalFactory.create(client=client_file, **state)

    response = as_user(api, caseworker).post(
        dismiss(signal), {"reason": "Ziek", "until": tomorrow()}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"status": ["Alleen een open signaal kan terzijde worden gelegd."]}
    signal.refresh_from_db()
    assert signal.status == state["status"]
    assert signal.dismissed_by is None


def test_dismiss_of_an_unknown_signal_is_a_404(api, caseworker, db):
    response = as_user(api, caseworker).post(
        f"{LIST}999999/dismiss/", {"reason": "Ziek", "until": tomorrow()}, format="json"
    )
    assert response.status_code == 404


# Root, schema and docs ----------------------------------------------------------------------


def test_the_api_root_lists_the_signals(api, caseworker):
    response = as_user(api, caseworker).get("/api/v1/")

    assert response.status_code == 200
    assert response.json()["signals"].endswith(LIST)


def test_the_schema_describes_the_signal_endpoints(api, caseworker):
    response = as_user(api, caseworker).get("/api/schema/")

    assert response.status_code == 200
    schema = response.content.decode()
    assert "/api/v1/signals/" in schema
    assert "/api/v1/signals/{id}/dismiss/" in schema


def test_the_schema_and_docs_need_a_signed_in_user(api, db):
    assert api.get("/api/schema/").status_code == 401
    docs = api.get("/api/docs/")  # a page for people: to the login, not a bare 401
    assert (docs.status_code, docs["Location"]) == (302, "/login/?next=/api/docs/")


def test_the_docs_load_nothing_from_outside_the_site(caseworker, client):
    client.force_login(caseworker)

    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"https?://[^\s\"'<>)]+", html) == []
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:  # served by the site itself (whitenoise, from the sidecar package)
        assert client.get(asset).status_code == 200, asset


def test_the_change_reason_header_goes_into_the_history(api, caseworker, signal):
    response = as_user(api, caseworker).post(
        dismiss(signal),
        {"reason": "Opgenomen", "until": (tomorrow() + datetime.timedelta(days=30)).isoformat()},
        format="json",
        HTTP_X_CHANGE_REASON="Afgestemd met de teammanager (ticket 4711)",
    )

    assert response.status_code == 200
    assert signal.history.first().history_change_reason == (
        "Afgestemd met de teammanager (ticket 4711)"
    )
    signal.refresh_from_db()
    assert signal.dismissed_reason == "Opgenomen"


def test_the_answer_to_a_dismissal_is_a_logged_read(api, caseworker, signal):
    from audit.models import AccessLog

    as_user(api, caseworker).post(
        dismiss(signal),
        {"reason": "Cliënt is opgenomen", "until": tomorrow().isoformat()},
        format="json",
    )

    assert AccessLog.objects.get(user=caseworker).client_id == signal.client_id
