"""Every route x every role x (a client of the user's own team, another team's client, anonymous).

The matrix below says what each role gets; the test sends the request and compares. A route
that is not in the matrix fails `test_every_route_is_in_the_matrix`, so a new endpoint cannot
ship without someone deciding who may use it.

Codes: 200 shown (or a form shown again), 302 redirect (anonymous: to the login), 400 refused
input, 401 API without credentials, 403 role may not, 404 outside the user's scope, 405 method.

The read-log column: `reads` says the route's answer carries clients' personal data. Whatever
the column says, every answer is searched for the clients' data (their names and the words in
their records, their ids in JSON, any answer on a client's own address), and each client found
must have a read-log row from that request, for that user.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.db.models import Max
from django.urls import URLPattern, URLResolver, get_resolver
from knox.models import AuthToken

from audit.models import AccessLog
from interventions.models import ContactExemption
from interventions.services.conversations import log_conversation
from phases.models import PhaseExemption
from tests.api_client import token_for
from tests.factories import (
    AgreementFactory,
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    EmployerFactory,
    JobFactory,
    PhasePeriodFactory,
    ProvisionFactory,
    RungAssessmentFactory,
    SignalFactory,
    TeamFactory,
    TrajectoryFactory,
    UserFactory,
    WorkPlanFactory,
)
from tests.referrals.factories import ReferralFactory

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
    reads: bool = False


def per_role(caseworker, manager, auditor, admin, anonymous=302):
    return (caseworker, manager, auditor, admin, anonymous)


READ_FILE = Route("GET", "", per_role(200, 200, 200, 404), per_role(404, 404, 200, 404), reads=True)
WRITE_FILE = Route(
    "POST", "", per_role(200, 200, 403, 404), per_role(404, 404, 403, 404), reads=True
)
API_READ_FILE = Route(
    "GET",
    "",
    per_role(200, 200, 200, 404, 401),
    per_role(404, 404, 200, 404, 401),
    api=True,
    reads=True,
)

# A role that changes no files is refused before any lookup (403 for any id).
QUEUE_ACTION = Route("POST", "", per_role(302, 302, 403, 403), per_role(404, 404, 403, 403))


def api_list(path: str, *, reads: bool = True, **kwargs) -> Route:
    return Route("GET", path, per_role(200, 200, 200, 200, 401), api=True, reads=reads, **kwargs)


def file_route(base: Route, path: str, **changes) -> Route:
    return Route(
        changes.get("method", base.method),
        path,
        changes.get("own", base.own),
        changes.get("other", base.other),
        base.api,
        changes.get("reads", base.reads),
    )


MATRIX: dict[str, Route] = {
    # public
    "healthz": Route("GET", "/healthz/", per_role(200, 200, 200, 200, 200)),
    "favicon": Route("GET", "/favicon.ico", per_role(302, 302, 302, 302, 302)),
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
    "caseload": Route("GET", "/clienten/?team=on", per_role(200, 200, 200, 200), reads=True),
    "export_conversations": Route(
        "GET", "/gesprekken/export.csv", per_role(200, 200, 200, 200), reads=True
    ),
    "handover": Route("GET", "/clienten/overdracht/", per_role(403, 200, 403, 403), reads=True),
    # bulk actions on a selection (nothing posted: the refused form is shown again)
    "bulk_plan": Route("POST", "/clienten/selectie/gesprek/", per_role(200, 200, 403, 403)),
    "bulk_export": Route("POST", "/clienten/selectie/export/", per_role(200, 200, 200, 200)),
    "bulk_handover": Route("POST", "/clienten/selectie/overdragen/", per_role(403, 200, 403, 403)),
    "import_clients": Route("GET", "/clienten/import/", per_role(200, 200, 403, 200)),
    "import_template": Route("GET", "/clienten/import/sjabloon.csv", per_role(200, 200, 403, 200)),
    "notifications": Route("GET", "/meldingen/", per_role(200, 200, 200, 200)),
    # the work queue and its quick actions (each answers by going back to the queue)
    # (empty here: the world's clients have no fixed contact person; tests/clients covers it)
    "work_queue": Route("GET", "/werk/", per_role(200, 200, 403, 403)),
    "report_search": Route(
        "GET", "/gesprekken/zoeken/?q=Gesprek", per_role(200, 200, 200, 200), reads=True
    ),
    "agenda": Route("GET", "/agenda/", per_role(200, 200, 403, 403), reads=True),
    "calendar_feed_create": Route(
        "POST", "/agenda/abonnement/", per_role(200, 200, 403, 403), reads=True
    ),
    "calendar_feed_revoke": Route(
        "POST", "/agenda/abonnement/intrekken/", per_role(302, 302, 302, 302)
    ),
    # the secret is the key: an unknown one is not found, signed in or not
    "calendar_feed": Route("GET", "/agenda/onbekend.ics", per_role(404, 404, 404, 404, 404)),
    "queue_plan_no_show": file_route(QUEUE_ACTION, "/werk/gesprek/{conversation}/niet-verschenen/"),
    "queue_plan_move": file_route(QUEUE_ACTION, "/werk/gesprek/{conversation}/verzetten/"),
    "queue_signal_dismiss": file_route(QUEUE_ACTION, "/werk/signaal/{signal}/terzijde/"),
    "queue_agreement_done": file_route(QUEUE_ACTION, "/werk/afspraak/{agreement}/afgerond/"),
    "queue_referral_follow_up": file_route(QUEUE_ACTION, "/werk/verwijzing/{referral}/nagaan/"),
    "notifications_mark_read": Route("POST", "/meldingen/gelezen/", per_role(302, 302, 302, 302)),
    # one client's file
    "client_detail": file_route(READ_FILE, "/clienten/{pk}/"),
    "client_history": file_route(READ_FILE, "/clienten/{pk}/historie/"),
    "reveal_bsn": file_route(READ_FILE, "/clienten/{pk}/bsn/", method="POST"),
    "exemptions": file_route(READ_FILE, "/clienten/{pk}/vrijstellingen/"),
    "work_plan": file_route(READ_FILE, "/clienten/{pk}/werkplan/"),
    "trajectories": file_route(READ_FILE, "/clienten/{pk}/trajecten/"),
    "work_capacity": file_route(READ_FILE, "/clienten/{pk}/arbeidsvermogen/"),
    "change_phase": file_route(
        READ_FILE,
        "/clienten/{pk}/fase/",
        own=per_role(200, 200, 403, 404),
        other=per_role(404, 404, 403, 404),
    ),
    "log_contact": file_route(WRITE_FILE, "/clienten/{pk}/gesprek/"),
    "contact_details": file_route(
        READ_FILE,
        "/clienten/{pk}/contactgegevens/",
        own=per_role(200, 200, 403, 404),
        other=per_role(404, 404, 403, 404),
    ),
    "add_contact_exemption": file_route(WRITE_FILE, "/clienten/{pk}/vrijstellingen/contact/"),
    "add_phase_exemption": file_route(WRITE_FILE, "/clienten/{pk}/vrijstellingen/fase/"),
    # nothing posted: the form is refused and the exemptions page shows it again
    "end_contact_exemption": file_route(
        WRITE_FILE, "/clienten/{pk}/vrijstellingen/contact/{contact_exemption}/beeindigen/"
    ),
    "end_phase_exemption": file_route(
        WRITE_FILE, "/clienten/{pk}/vrijstellingen/fase/{phase_exemption}/beeindigen/"
    ),
    "agree_work_plan": file_route(WRITE_FILE, "/clienten/{pk}/werkplan/afspreken/"),
    "work_plan_letter": file_route(READ_FILE, "/clienten/{pk}/werkplan/brief.pdf"),
    "record_work_plan_letter": file_route(WRITE_FILE, "/clienten/{pk}/werkplan/brief/"),
    "agreement_status": file_route(
        WRITE_FILE,
        "/clienten/{pk}/afspraken/{agreement}/status/",
        own=per_role(302, 302, 403, 404),
        reads=False,  # a redirect back to the file
    ),
    # nothing posted: the form is refused and the file shows it again
    "reopen_agreement": file_route(WRITE_FILE, "/clienten/{pk}/afspraken/{agreement}/heropenen/"),
    "trajectory_action": file_route(WRITE_FILE, "/clienten/{pk}/trajecten/{trajectory}/pause/"),
    # the quick forms for work (nothing posted: the form is refused and shown again)
    "record_job": file_route(WRITE_FILE, "/clienten/{pk}/werk/nieuw/"),
    "end_job": file_route(WRITE_FILE, "/clienten/{pk}/werk/{job}/einde/"),
    "record_provision": file_route(WRITE_FILE, "/clienten/{pk}/voorzieningen/nieuw/"),
    "decide_provision": file_route(WRITE_FILE, "/clienten/{pk}/voorzieningen/{provision}/besluit/"),
    "record_referral": file_route(WRITE_FILE, "/clienten/{pk}/doorverwijzingen/nieuw/"),
    "follow_up_referral": file_route(
        WRITE_FILE, "/clienten/{pk}/doorverwijzingen/{referral}/nagaan/"
    ),
    # the world's job is permanent (no renewal form) and its client in phase 2 (a proposal)
    "renew_job": file_route(
        WRITE_FILE,
        "/clienten/{pk}/werk/{job}/verlengen/",
        method="GET",
        own=per_role(302, 302, 403, 404),
        reads=False,  # a redirect back to the file
    ),
    "work_proposal": file_route(
        READ_FILE,
        "/clienten/{pk}/werk/{job}/voorstel/",
        own=per_role(200, 200, 403, 404),
        other=per_role(404, 404, 403, 404),
    ),
    # audit and dashboards
    "access_log": Route("GET", "/inzagelog/", per_role(403, 403, 200, 403), reads=True),
    "change_search": Route(
        "GET", "/wijzigingen/?user={caseworker}", per_role(403, 403, 200, 403), reads=True
    ),
    "dashboard": Route("GET", "/dashboard/", per_role(200, 200, 200, 200)),
    "dashboard_page": Route("GET", "/dashboard/productie/", per_role(200, 200, 200, 200)),
    "report_export": Route("GET", "/dashboard/caseload.csv", per_role(200, 200, 200, 200)),
    "drilldown": Route("GET", "/dashboard/clienten/", per_role(200, 200, 200, 403), reads=True),
    # REST API
    "api-root": Route("GET", "/api/v1/", per_role(200, 200, 200, 200, 401), api=True),
    "api-schema": Route("GET", "/api/schema/", per_role(200, 200, 200, 200, 401), api=True),
    "api-docs": Route("GET", "/api/docs/", per_role(200, 200, 200, 200, 302), api=True),
    "signal-list": api_list("/api/v1/signals/"),
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
    "client-list": api_list("/api/v1/clients/"),
    "team-list": api_list("/api/v1/teams/", reads=False),
    "client-phases": file_route(API_READ_FILE, "/api/v1/clients/{pk}/phases/"),
    "client-ladder": file_route(API_READ_FILE, "/api/v1/clients/{pk}/ladder/"),
    "client-phase-transitions": Route(
        "POST",
        "/api/v1/clients/{pk}/phase-transitions/",
        per_role(400, 400, 403, 403, 401),
        per_role(404, 404, 403, 403, 401),
        api=True,
    ),
    "conversation-list": api_list("/api/v1/conversations/"),
    "conversation-detail": file_route(API_READ_FILE, "/api/v1/conversations/{conversation}/"),
    "contact-exemption-list": api_list("/api/v1/contact-exemptions/"),
    "contact-exemption-detail": file_route(
        API_READ_FILE, "/api/v1/contact-exemptions/{contact_exemption}/"
    ),
    "workplan-list": api_list("/api/v1/workplans/"),
    "workplan-detail": file_route(API_READ_FILE, "/api/v1/workplans/{plan}/"),
    "trajectory-list": api_list("/api/v1/trajectories/"),
    "trajectory-detail": file_route(API_READ_FILE, "/api/v1/trajectories/{trajectory}/"),
    "provider-list": api_list("/api/v1/providers/", reads=False),
    "service-type-list": api_list("/api/v1/service-types/", reads=False),
    "employer-list": api_list("/api/v1/employers/", reads=False),
    "job-list": api_list("/api/v1/jobs/"),
    "job-detail": file_route(API_READ_FILE, "/api/v1/jobs/{job}/"),
    "job-renewals": Route(
        "POST",
        "/api/v1/jobs/{job}/renewals/",
        per_role(400, 400, 403, 403, 401),
        per_role(404, 404, 403, 403, 401),
        api=True,
    ),
    "provision-list": api_list("/api/v1/provisions/"),
    "provision-detail": file_route(API_READ_FILE, "/api/v1/provisions/{provision}/"),
    "organisation-list": api_list("/api/v1/social-map/", reads=False),
    "referral-list": api_list("/api/v1/referrals/"),
    "referral-detail": file_route(API_READ_FILE, "/api/v1/referrals/{referral}/"),
    "phase-exemption-list": api_list("/api/v1/phase-exemptions/"),
    "phase-exemption-detail": file_route(
        API_READ_FILE, "/api/v1/phase-exemptions/{phase_exemption}/"
    ),
    "report-phase-distribution": Route(
        "GET",
        "/api/v1/reports/phase-distribution/?year=2025",
        per_role(200, 200, 200, 200, 401),
        api=True,
    ),
    "report-placements": Route(
        "GET",
        "/api/v1/reports/placements/?year=2025",
        per_role(200, 200, 200, 200, 401),
        api=True,
    ),
    "report-work": Route(
        "GET",
        "/api/v1/reports/work/?on=2025-12-31",
        per_role(200, 200, 200, 200, 401),
        api=True,
    ),
    "report-ladder": Route(
        "GET",
        "/api/v1/reports/ladder/?from=2024-12-31&to=2025-12-31",
        per_role(200, 200, 200, 200, 401),
        api=True,
    ),
    "report-phase-flows": Route(
        "GET",
        "/api/v1/reports/phase-flows/?phase=1&from=2023-01-01&to=2024-12-31&on=2025-12-31",
        per_role(200, 200, 200, 200, 401),
        api=True,
    ),
    "work-queue": Route(
        "GET",
        "/api/v1/work-queue/?from=2026-01-01&to=2026-01-07",
        per_role(200, 200, 403, 403, 401),
        api=True,
    ),
    "access-log": Route(
        "GET", "/api/v1/access-log/", per_role(403, 403, 200, 403, 401), api=True, reads=True
    ),
}


# More requests to a route already in MATRIX: another page, export, figure or method. The key
# is the route's name, a space and what the request is.
MORE: dict[str, Route] = {
    **{
        f"dashboard_page {slug}": Route("GET", f"/dashboard/{slug}/", per_role(200, 200, 200, 200))
        for slug in ("werk", "participatieladder", "doorverwijzingen", "doorstroom")
    },
    **{
        f"report_export {report}": Route(
            "GET", f"/dashboard/{report}.xlsx", per_role(200, 200, 200, 200)
        )
        for report in (
            "ladder_distribution",
            "ladder_movement",
            "referrals_per_kind",
            "phase_flows",
        )
    },
    "drilldown rung": Route(
        "GET",
        "/dashboard/clienten/?ladder=3&on=2025-12-31",
        per_role(200, 200, 200, 403),
        reads=True,
    ),
    "drilldown referral": Route(
        "GET",
        "/dashboard/clienten/?referral=any&start=2024-01-01&end=2024-12-31",
        per_role(200, 200, 200, 403),
        reads=True,
    ),
    "work_capacity POST": file_route(WRITE_FILE, "/clienten/{pk}/arbeidsvermogen/"),
    "client-ladder POST": Route(
        "POST",
        "/api/v1/clients/{pk}/ladder/",
        per_role(400, 400, 403, 403, 401),
        per_role(404, 404, 403, 403, 401),
        api=True,
    ),
    "referral-list POST": Route(
        "POST", "/api/v1/referrals/", per_role(400, 400, 403, 403, 401), api=True
    ),
    "organisation-list POST": Route(
        "POST", "/api/v1/social-map/", per_role(403, 403, 403, 400, 401), api=True
    ),
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
    assert {name.split()[0] for name in MORE} <= set(MATRIX), "MORE names a route MATRIX lacks"


# A word no page prints unless it shows that client's data: in the name and every free text.
MARKS = {"own": "Kwartelhof", "other": "Zandvoorde"}


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
    since = (today - datetime.timedelta(days=7)).isoformat()
    for scope, team in (("own", mine), ("other", theirs)):
        mark = MARKS[scope]
        client = ClientFactory.create(
            team=team, last_name=mark, in_service_since=datetime.date(2015, 1, 1)
        )
        PhasePeriodFactory.create(client=client, phase="2", started_on=datetime.date(2024, 1, 1))
        RungAssessmentFactory.create(client=client, note=f"Trede {mark}")
        plan = WorkPlanFactory.create(client=client, goal=f"Doel {mark}")
        # an employer is no client's data: its name carries no mark
        job = JobFactory.create(client=client, employer=EmployerFactory.create())
        # one change made through a service, so the change search finds the caseworker's work
        log_conversation(
            client=client,
            held_on=today,
            status="held",
            channel="phone",
            by=caseworker,
            summary=f"Gesprek {mark}",
        )
        records[scope] = {
            "plan": plan.pk,
            "pk": client.pk,
            "caseworker": f"{caseworker.pk}&since={since}&until={today.isoformat()}",
            "agreement": AgreementFactory.create(work_plan=plan, description=mark).pk,
            "trajectory": TrajectoryFactory.create(client=client, purpose=mark).pk,
            "job": job.pk,
            "provision": ProvisionFactory.create(client=client, job=job).pk,
            "signal": SignalFactory.create(client=client).pk,
            "referral": ReferralFactory.create(client=client, note=mark).pk,
            "conversation": ConversationFactory.create(
                client=client, caseworker=caseworker, summary=mark
            ).pk,
            "contact_exemption": ContactExemption.objects.create(
                client=client, reason="medical", valid_from=today, valid_until=today, note=mark
            ).pk,
            "phase_exemption": PhaseExemption.objects.create(
                client=client,
                phase="2",
                reason="medical",
                valid_from=today,
                review_on=today,
                note=mark,
            ).pk,
        }
        # an earlier look at the file, for the read log's own pages to show
        AccessLog.objects.create(user=caseworker, client=client, action="view", path="/")
    return users, records


def request(client, route: Route, user, ids):
    path = route.path.format(**ids)
    headers = {}
    if user is not None:
        if route.api and route.path.startswith("/api/v1/"):
            headers["HTTP_AUTHORIZATION"] = f"Token {token_for(user)}"
        else:
            client.force_login(user)
    if route.method == "POST" and route.api:  # the API reads JSON only
        return client.post(path, "{}", content_type="application/json", **headers)
    call = client.post if route.method == "POST" else client.get
    return call(path, **headers)


def clients_shown(response, route: Route, records) -> set[int]:
    """The clients whose data the answer carries: a client's own address answered, their mark
    in the body, or their id as `client` in JSON."""
    if response.status_code >= 300:
        return set()
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8-sig", errors="replace")
    shown = set()
    for scope, ids in records.items():
        pk = ids["pk"]
        own_address = (
            "{" in route.path and route.path.format(**ids) == response.request["PATH_INFO"]
        )
        if own_address or MARKS[scope] in text or f'"client":{pk}' in text.replace(" ", ""):
            shown.add(pk)
    return shown


@pytest.mark.parametrize("name", sorted(MATRIX | MORE))
def test_the_matrix(client, world, name):
    users, records = world
    route = (MATRIX | MORE)[name]
    scopes = ("own", "other") if "{" in route.path else ("own",)
    found, expected, unlogged, carries = {}, {}, {}, False
    for scope in scopes:
        codes = route.own if scope == "own" else (route.other or route.own)
        for role, code in zip(ROLES, codes, strict=True):
            client.logout()
            AuthToken.objects.all().delete()
            user = users.get(role)
            before = AccessLog.objects.aggregate(last=Max("id"))["last"] or 0
            response = request(client, route, user, records[scope])
            found[(role, scope)] = response.status_code
            expected[(role, scope)] = code
            shown = clients_shown(response, route, records)
            carries = carries or bool(shown)
            logged = set(
                AccessLog.objects.filter(id__gt=before, user=user).values_list(
                    "client_id", flat=True
                )
            )
            if shown - logged:
                unlogged[(role, scope)] = shown - logged
    assert found == expected
    assert unlogged == {}, "clients shown without a read-log row"
    assert carries == route.reads, "the read-log column does not match what the route shows"


@pytest.mark.parametrize(
    "role, status", [("functional_admin", 200), ("caseworker", 302), ("auditor", 302)]
)
def test_the_admin_site_is_for_functional_administrators(client, world, role, status):
    users, _ = world
    users[role].is_staff = True  # even a staff flag does not open it to other roles
    users[role].save()
    client.force_login(users[role])
    assert client.get("/admin/").status_code == status
