"""Every route x every role x (a client of the user's own team, another team's client, anonymous).

The matrix below says what each role gets; the test sends the request and compares. A route
that is not in the matrix fails `test_every_route_is_in_the_matrix`, so a new endpoint cannot
ship without someone deciding who may use it.

Codes: 200 shown (or a form shown again), 302 redirect (anonymous: to the login), 400 refused
input, 401 API without credentials, 403 role may not, 404 outside the user's scope, 405 method.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from knox.models import AuthToken

from interventions.models import ContactExemption
from phases.models import PhaseExemption
from tests.api_client import token_for
from tests.factories import (
    AgreementFactory,
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    SignalFactory,
    TeamFactory,
    TrajectoryFactory,
    UserFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("caseworker", "team_manager", "auditor", "functional_admin", "anonymous")


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # {pk}, {agreement}, {trajectory}, {signal}: the scope's records
    # status per role for the user's own team's client; `other` for another team's client
    # (when it differs); anonymous is the last entry
    own: tuple[int, int, int, int, int]
    other: tuple[int, int, int, int, int] | None = None
    api: bool = False


def per_role(caseworker, manager, auditor, admin, anonymous=302):
    return (caseworker, manager, auditor, admin, anonymous)


READ_FILE = Route("GET", "", per_role(200, 200, 200, 404), per_role(404, 404, 200, 404))
WRITE_FILE = Route("POST", "", per_role(200, 200, 403, 404), per_role(404, 404, 403, 404))
API_READ_FILE = Route(
    "GET", "", per_role(200, 200, 200, 404, 401), per_role(404, 404, 200, 404, 401), api=True
)


def file_route(base: Route, path: str, **changes) -> Route:
    return Route(
        changes.get("method", base.method),
        path,
        changes.get("own", base.own),
        changes.get("other", base.other),
        base.api,
    )


MATRIX: dict[str, Route] = {
    # public
    "healthz": Route("GET", "/healthz/", per_role(200, 200, 200, 200, 200)),
    "login": Route("GET", "/login/", per_role(302, 302, 302, 302, 200)),
    "logout": Route("POST", "/logout/", per_role(302, 302, 302, 302, 302)),
    "set_language": Route("POST", "/i18n/setlang/", per_role(302, 302, 302, 302, 302)),
    # the user's own account
    "password_change": Route("GET", "/account/wachtwoord/", per_role(200, 200, 200, 200)),
    # the second factor (not required in tests): nobody has a device yet, so the code page
    # sends them to set one up
    "mfa_verify": Route("GET", "/account/verificatie/", per_role(302, 302, 302, 302)),
    "mfa_setup": Route("GET", "/account/verificatie/instellen/", per_role(200, 200, 200, 200)),
    "my_sessions": Route("GET", "/account/sessies/", per_role(200, 200, 200, 200)),
    "end_other_sessions": Route(
        "POST", "/account/sessies/beeindigen/", per_role(302, 302, 302, 302, 302)
    ),
    # start and lists
    "home": Route("GET", "/", per_role(302, 302, 302, 200)),
    "caseload": Route("GET", "/clienten/", per_role(200, 200, 200, 200)),
    "export_conversations": Route("GET", "/gesprekken/export.csv", per_role(200, 200, 200, 200)),
    "handover": Route("GET", "/clienten/overdracht/", per_role(403, 200, 403, 403)),
    "import_clients": Route("GET", "/clienten/import/", per_role(403, 403, 403, 200)),
    "notifications": Route("GET", "/meldingen/", per_role(200, 200, 200, 200)),
    "notifications_mark_read": Route("POST", "/meldingen/gelezen/", per_role(302, 302, 302, 302)),
    # one client's file
    "client_detail": file_route(READ_FILE, "/clienten/{pk}/"),
    "client_history": file_route(READ_FILE, "/clienten/{pk}/historie/"),
    "reveal_bsn": file_route(READ_FILE, "/clienten/{pk}/bsn/", method="POST"),
    "exemptions": file_route(READ_FILE, "/clienten/{pk}/vrijstellingen/"),
    "work_plan": file_route(READ_FILE, "/clienten/{pk}/werkplan/"),
    "trajectories": file_route(READ_FILE, "/clienten/{pk}/trajecten/"),
    "change_phase": file_route(
        READ_FILE,
        "/clienten/{pk}/fase/",
        own=per_role(200, 200, 403, 404),
        other=per_role(404, 404, 403, 404),
    ),
    "log_contact": file_route(WRITE_FILE, "/clienten/{pk}/gesprek/"),
    "add_contact_exemption": file_route(WRITE_FILE, "/clienten/{pk}/vrijstellingen/contact/"),
    "add_phase_exemption": file_route(WRITE_FILE, "/clienten/{pk}/vrijstellingen/fase/"),
    "agree_work_plan": file_route(WRITE_FILE, "/clienten/{pk}/werkplan/afspreken/"),
    "agreement_status": file_route(
        WRITE_FILE,
        "/clienten/{pk}/afspraken/{agreement}/status/",
        own=per_role(302, 302, 403, 404),
    ),
    "trajectory_action": file_route(WRITE_FILE, "/clienten/{pk}/trajecten/{trajectory}/pause/"),
    # audit and dashboards
    "access_log": Route("GET", "/inzagelog/", per_role(403, 403, 200, 403)),
    "change_search": Route("GET", "/wijzigingen/", per_role(403, 403, 200, 403)),
    "dashboard": Route("GET", "/dashboard/", per_role(200, 200, 200, 200)),
    "dashboard_page": Route("GET", "/dashboard/productie/", per_role(200, 200, 200, 200)),
    "report_export": Route("GET", "/dashboard/caseload.csv", per_role(200, 200, 200, 200)),
    "drilldown": Route("GET", "/dashboard/clienten/", per_role(200, 200, 200, 403)),
    # REST API
    "api-root": Route("GET", "/api/v1/", per_role(200, 200, 200, 200, 401), api=True),
    "api-schema": Route("GET", "/api/schema/", per_role(200, 200, 200, 200, 401), api=True),
    "api-docs": Route("GET", "/api/docs/", per_role(200, 200, 200, 200, 401), api=True),
    "signal-list": Route("GET", "/api/v1/signals/", per_role(200, 200, 200, 200, 401), api=True),
    "signal-detail": file_route(API_READ_FILE, "/api/v1/signals/{signal}/"),
    "signal-dismiss": Route(
        "POST",
        "/api/v1/signals/{signal}/dismiss/",
        # a role that changes no files at all is refused before any lookup: 403, for any id
        per_role(400, 400, 403, 403, 401),
        per_role(404, 404, 403, 403, 401),
        api=True,
    ),
    "client-history": file_route(API_READ_FILE, "/api/v1/clients/{pk}/history/"),
    "client-detail": file_route(API_READ_FILE, "/api/v1/clients/{pk}/"),
    "client-list": Route("GET", "/api/v1/clients/", per_role(200, 200, 200, 200, 401), api=True),
    "team-list": Route("GET", "/api/v1/teams/", per_role(200, 200, 200, 200, 401), api=True),
    "client-phases": file_route(API_READ_FILE, "/api/v1/clients/{pk}/phases/"),
    "client-phase-transitions": Route(
        "POST",
        "/api/v1/clients/{pk}/phase-transitions/",
        per_role(400, 400, 403, 403, 401),
        per_role(404, 404, 403, 403, 401),
        api=True,
    ),
    "conversation-list": Route(
        "GET", "/api/v1/conversations/", per_role(200, 200, 200, 200, 401), api=True
    ),
    "conversation-detail": file_route(API_READ_FILE, "/api/v1/conversations/{conversation}/"),
    "contact-exemption-list": Route(
        "GET", "/api/v1/contact-exemptions/", per_role(200, 200, 200, 200, 401), api=True
    ),
    "contact-exemption-detail": file_route(
        API_READ_FILE, "/api/v1/contact-exemptions/{contact_exemption}/"
    ),
    "workplan-list": Route(
        "GET", "/api/v1/workplans/", per_role(200, 200, 200, 200, 401), api=True
    ),
    "workplan-detail": file_route(API_READ_FILE, "/api/v1/workplans/{plan}/"),
    "trajectory-list": Route(
        "GET", "/api/v1/trajectories/", per_role(200, 200, 200, 200, 401), api=True
    ),
    "trajectory-detail": file_route(API_READ_FILE, "/api/v1/trajectories/{trajectory}/"),
    "provider-list": Route(
        "GET", "/api/v1/providers/", per_role(200, 200, 200, 200, 401), api=True
    ),
    "service-type-list": Route(
        "GET", "/api/v1/service-types/", per_role(200, 200, 200, 200, 401), api=True
    ),
    "phase-exemption-list": Route(
        "GET", "/api/v1/phase-exemptions/", per_role(200, 200, 200, 200, 401), api=True
    ),
    "phase-exemption-detail": file_route(
        API_READ_FILE, "/api/v1/phase-exemptions/{phase_exemption}/"
    ),
    "report-phase-distribution": Route(
        "GET",
        "/api/v1/reports/phase-distribution/?year=2025",
        per_role(200, 200, 200, 200, 401),
        api=True,
    ),
    "access-log": Route("GET", "/api/v1/access-log/", per_role(403, 403, 200, 403, 401), api=True),
}


def named_routes() -> set[str]:
    """Every named route outside the admin site (the admin has its own test below)."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith("admin/"):
                    continue
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_route_is_in_the_matrix():
    assert named_routes() - set(MATRIX) == set(), "add the new route to MATRIX"
    assert set(MATRIX) - named_routes() == set(), "a route in MATRIX no longer exists"


@pytest.fixture
def world(db):
    """Two teams, each with a client that has a plan, an agreement, a trajectory and a signal;
    a user of every role in the first team."""
    mine, theirs = TeamFactory.create(name="Team Eigen"), TeamFactory.create(name="Team Ander")
    caseworker = CaseworkerFactory.create(username="m.cw", team=mine)
    manager = UserFactory.create(username="m.tm", role="team_manager", team=mine)
    mine.manager = manager
    mine.save()
    users = {
        "caseworker": caseworker,
        "team_manager": manager,
        "auditor": UserFactory.create(username="m.aud", role="auditor"),
        "functional_admin": UserFactory.create(
            username="m.fb", role="functional_admin", is_staff=True
        ),
    }
    records = {}
    today = datetime.date.today()
    for scope, team in (("own", mine), ("other", theirs)):
        client = ClientFactory.create(team=team, in_service_since=datetime.date(2015, 1, 1))
        PhasePeriodFactory.create(client=client, phase="2", started_on=datetime.date(2024, 1, 1))
        plan = WorkPlanFactory.create(client=client)
        records[scope] = {
            "plan": plan.pk,
            "pk": client.pk,
            "agreement": AgreementFactory.create(work_plan=plan).pk,
            "trajectory": TrajectoryFactory.create(client=client).pk,
            "signal": SignalFactory.create(client=client).pk,
            "conversation": ConversationFactory.create(client=client, caseworker=caseworker).pk,
            "contact_exemption": ContactExemption.objects.create(
                client=client, reason="medical", valid_from=today, valid_until=today
            ).pk,
            "phase_exemption": PhaseExemption.objects.create(
                client=client, phase="2", reason="medical", valid_from=today, review_on=today
            ).pk,
        }
    return users, records


def request(client, route: Route, user, ids) -> int:
    path = route.path.format(**ids)
    headers = {}
    if user is not None:
        if route.api and route.path.startswith("/api/v1/"):
            headers["HTTP_AUTHORIZATION"] = f"Token {token_for(user)}"
        else:
            client.force_login(user)
    call = client.post if route.method == "POST" else client.get
    return call(path, **headers).status_code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_the_matrix(client, world, name):
    users, records = world
    route = MATRIX[name]
    scopes = ("own", "other") if "{" in route.path else ("own",)
    found, expected = {}, {}
    for scope in scopes:
        codes = route.own if scope == "own" else (route.other or route.own)
        for role, code in zip(ROLES, codes, strict=True):
            client.logout()
            AuthToken.objects.all().delete()
            found[(role, scope)] = request(client, route, users.get(role), records[scope])
            expected[(role, scope)] = code
    assert found == expected


@pytest.mark.parametrize(
    "role, status", [("functional_admin", 200), ("caseworker", 302), ("auditor", 302)]
)
def test_the_admin_site_is_for_functional_administrators(client, world, role, status):
    users, _ = world
    users[role].is_staff = True  # even a staff flag does not open it to other roles
    users[role].save()
    client.force_login(users[role])
    assert client.get("/admin/").status_code == status
