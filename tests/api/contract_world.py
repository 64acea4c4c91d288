"""What the schemathesis runs share: the API document as a schema to test against, the WSGI
app, a world of records in a caseworker's scope, and the documented rules a generator cannot
read from the document.

The document states what it can: types, lengths, enums, id ranges, plausible date ranges,
required fields, no unknown fields. Some rules it cannot state: a BSN passes the eleven test
and is not taken; a date lies on or after another field's date, and a day in a client's file
on or after the client's birth; a record named by id exists
and is in the user's scope; a status change must be allowed from the record's status now.
For those, a *valid* (positive) generated request is made to respect the rule just before it
is sent, from what the database holds at that moment (`follow_the_rules`); invalid (negative)
requests are sent as generated. So "valid data is accepted" is checked for every request the
document and those rules allow, and every refusal of one of them is a failure.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.db.models import Max, Min
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS

from accounts.models import Team, User
from clients.models import Client
from clients.permissions import works_on_team
from clients.validators import bsn_passes_eleven_test
from interventions.models import (
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    WorkPlan,
)
from phases.models import PhaseExemption, PhasePeriod
from referrals.models import Organisation, Referral
from referrals.services import FINAL, NEXT
from signals.models import Signal
from tests.factories import (
    AgreementFactory,
    CaseworkerFactory,
    ClientFactory,
    ContactExemptionFactory,
    ConversationFactory,
    JobFactory,
    JobRenewalFactory,
    PhaseExemptionFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ProvisionFactory,
    ServiceTypeFactory,
    SignalFactory,
    TeamFactory,
    TrajectoryFactory,
    UserFactory,
    WorkPlanFactory,
)
from tests.referrals.factories import OrganisationFactory, ReferralFactory
from work.models import FIXED_TERM, Employer, Job, Provision
from work.validators import normalise_payroll_tax_number

ONE_DAY = datetime.timedelta(days=1)
D = datetime.date


class DjangoApp:
    """The WSGI app, made at the first request (inside a test, so with the test settings).

    Like Django's test client it keeps the test's database connection open around a request
    (the handler would close it at the end), so the request sees the test's data.
    """

    handler = None

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Any:
        if self.handler is None:
            self.handler = get_wsgi_application()
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return self.handler(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


# The world's API tokens, fixed so that cases made before any test runs can carry them.
TOKENS = {"caseworker": "cafe" * 16, "administrator": "f00d" * 16}
CATALOGUES = {
    "/api/v1/teams/",
    "/api/v1/providers/",
    "/api/v1/service-types/",
    "/api/v1/social-map/",
}


class WorldTokens:
    """Signs every request in: as the caseworker, or as the functional administrator for
    catalogue writes (the only writes a caseworker may not make). Known to schemathesis as
    the credentials, so that its checks also send the request without them (401)."""

    def get(self, case: Any, context: Any) -> str:
        catalogue = case.method == "POST" and case.path in CATALOGUES
        return TOKENS["administrator" if catalogue else "caseworker"]

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


def api_schema() -> Any:
    """The API document as the app serves it, to be tested against the app itself."""
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    schema.app = DjangoApp()
    schema.auth(refresh_interval=None)(WorldTokens)
    # Not the constants schemathesis gathers from the modules a process has imported: which
    # those are depends on what else ran, and the same run must generate the same requests.
    schema.config.analysis.constants.enabled = False
    return schema


def _sign_in_with(user: User, token: str) -> None:
    AuthToken(
        user=user,
        digest=hash_token(token),
        token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH],
        expiry=timezone.now() + datetime.timedelta(days=1),
    ).save()


@dataclass
class World:
    """A caseworker with a team and clients with a record of every kind; a functional
    administrator for the catalogues."""

    caseworker: User
    administrator: User
    team: Team
    client: Client


def make_world() -> World:
    team = TeamFactory.create(name="Team Schema")
    worker = CaseworkerFactory.create(username="schema.cw", team=team)
    CaseworkerFactory.create(username="schema.colleague", team=team)
    administrator = UserFactory.create(username="schema.fb", role="functional_admin")
    client = ClientFactory.create(
        team=team, caseworker=worker, in_service_since=datetime.date(2015, 1, 1)
    )
    other = ClientFactory.create(team=team, in_service_since=datetime.date(2018, 3, 1))
    PhasePeriodFactory.create(client=client, phase="2", started_on=datetime.date(2024, 1, 1))
    AgreementFactory.create(work_plan=WorkPlanFactory.create(client=client, status="superseded"))
    WorkPlanFactory.create(client=client, version=2)
    ConversationFactory.create(client=client, caseworker=worker)
    # Services for every phase, so that any of them may be bought for any client.
    service_types = [ServiceTypeFactory.create(phases="1234") for _ in range(2)]
    provider = ProviderFactory.create(name="Re-integratie Schema BV")
    for kind, status in zip(service_types, ["running", "requested"], strict=True):
        TrajectoryFactory.create(client=client, service_type=kind, provider=provider, status=status)
    SignalFactory.create(client=client)
    SignalFactory.create(client=other)
    ContactExemptionFactory.create(client=client)
    PhaseExemptionFactory.create(client=client)
    # Work: a renewed temporary job, a running permanent one, a pending provision.
    renewed = JobRenewalFactory.create(job__client=client).job
    JobFactory.create(client=client, employer=renewed.employer)
    ProvisionFactory.create(client=client, job=renewed)
    ReferralFactory.create(client=client, organisation=OrganisationFactory.create())
    _sign_in_with(worker, TOKENS["caseworker"])
    _sign_in_with(administrator, TOKENS["administrator"])
    return World(caseworker=worker, administrator=administrator, team=team, client=client)


# The rules the document cannot state -------------------------------------------------------


def follow_the_rules(case: Any, world: World) -> None:
    """Make a valid generated request respect the documented rules the API document cannot
    express, with the database as it is now (see the module's docstring)."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    _existing_record_in_path(case, world)
    if isinstance(case.query, dict) and (case.method, case.path) in QUERY_RULES:
        QUERY_RULES[(case.method, case.path)](case.query, world)
    body = case.body if isinstance(case.body, dict) else None
    rule = RULES.get((case.method, case.path))
    if rule is not None and body is not None:
        rule(case, body, world)


# Records a path can name, by the path's first part.
RECORDS: dict[str, Any] = {
    "clients": Client,
    "conversations": Conversation,
    "contact-exemptions": ContactExemption,
    "phase-exemptions": PhaseExemption,
    "workplans": WorkPlan,
    "trajectories": Trajectory,
    "signals": Signal,
    "jobs": Job,
    "provisions": Provision,
    "referrals": Referral,
}


def _existing_record_in_path(case: Any, world: World) -> None:
    """A valid id names a record in the user's scope: a generated one is mostly unknown (404,
    which the check accepts, but then nothing past the lookup is exercised)."""
    if "id" not in (case.path_parameters or {}):
        return
    model = RECORDS[case.path.split("/")[3]]
    visible = model.objects.visible_to(world.caseworker)
    if not visible.filter(pk=case.path_parameters["id"]).exists():
        case.path_parameters["id"] = visible.order_by("pk").values_list("pk", flat=True).first()


def _visible_client(body: dict[str, Any], world: World) -> Client:
    """`client` names a client in the user's scope ("Onbekende cliënt" otherwise)."""
    named = body.get("client") or 0
    found = Client.objects.visible_to(world.caseworker).filter(pk=named).first()
    if found is None:
        # As stored now, not as made: a step before may have changed it (its date of birth).
        found = Client.objects.get(pk=world.client.pk)
        body["client"] = found.pk
    return found


def _not_before(body: dict[str, Any], field: str, earliest: datetime.date | None) -> None:
    """`body[field]`, when given, lies on or after `earliest`."""
    if body.get(field) and earliest and datetime.date.fromisoformat(body[field]) < earliest:
        body[field] = earliest.isoformat()


def _day(body: dict[str, Any], field: str) -> datetime.date | None:
    return datetime.date.fromisoformat(body[field]) if body.get(field) else None


def _free_bsn(body: dict[str, Any], *, other_than: int | None = None) -> None:
    """A BSN passes the eleven test and belongs to no other client: keep the generated first
    eight digits where a check digit makes them valid, else count up to one that does."""
    if "bsn" not in body:
        return
    number = int(body["bsn"][:8])
    while True:
        digits = f"{number % 100_000_000:08d}"
        total = sum(int(digits[i]) * (9 - i) for i in range(8))
        candidate = digits + str(total % 11 % 10)
        taken = Client.objects.filter(bsn=candidate).exclude(pk=other_than or 0).exists()
        if bsn_passes_eleven_test(candidate) and not taken:
            body["bsn"] = candidate
            return
        number += 1


def _client_dates(body: dict[str, Any], stored: Client | None) -> None:
    """Born on or before the day in service; out of service after it. A PATCH is checked with
    the stored values it leaves alone."""

    def value(field: str) -> datetime.date | None:
        return _day(body, field) if field in body else getattr(stored, field, None)

    born, since = value("date_of_birth"), value("in_service_since")
    if born and since and since < born:
        body["in_service_since"], since = born.isoformat(), born
    out = value("out_of_service_on")
    if out and since and out <= since:
        body["out_of_service_on"] = (since + ONE_DAY).isoformat()
    # A day out of service comes with its reason, a reason with a day (as a change touching
    # either is checked; an older row may lack the reason until then).
    if {"out_of_service_on", "out_of_service_reason"} & set(body):
        reason = body.get("out_of_service_reason", getattr(stored, "out_of_service_reason", ""))
        if out and not reason:
            body["out_of_service_reason"] = "other"
        elif not out and reason:
            body["out_of_service_reason"] = ""


def _new_client(case: Any, body: dict[str, Any], world: World) -> None:
    """A caseworker files a client in their own team, with themselves or nobody as contact."""
    _free_bsn(body)
    if not world.caseworker.memberships.filter(team_id=body.get("team") or 0).exists():
        body["team"] = world.team.pk
    if body.get("caseworker") not in (None, world.caseworker.pk):
        body["caseworker"] = world.caseworker.pk
    _client_dates(body, None)


def _changed_client(case: Any, body: dict[str, Any], world: World) -> None:
    """The version read; one's own teams; the same contact person (a handover is the team
    manager's)."""
    client = Client.objects.get(pk=case.path_parameters["id"])
    body["version"] = client.version
    _free_bsn(body, other_than=client.pk)
    if "caseworker" in body:
        body["caseworker"] = client.caseworker_id
    mine = world.caseworker.memberships.filter(team_id=body.get("team") or 0).exists()
    if "team" in body and (not mine or client.caseworker_id):
        body["team"] = client.team_id  # and the contact person works in the client's team
    _client_dates(body, client)


def _phase_transition(case: Any, body: dict[str, Any], world: World) -> None:
    """The version read; another phase than the current one; not before it began."""
    client = Client.objects.get(pk=case.path_parameters["id"])
    body["version"] = client.version
    current = PhasePeriod.objects.filter(client=client, ended_on__isnull=True).first()
    if current is None:
        last_end = PhasePeriod.objects.filter(client=client).aggregate(d=Max("ended_on"))["d"]
        _not_before(body, "started_on", max(d for d in (last_end, client.date_of_birth) if d))
        return
    if body.get("phase") == current.phase:
        body["phase"] = "1" if current.phase != "1" else "2"
    _not_before(body, "started_on", max(current.started_on, client.date_of_birth))


def _conversation(case: Any, body: dict[str, Any], world: World) -> None:
    """Held by oneself or someone of the client's team; a held one not in the future; the
    next contact after it."""
    client = _visible_client(body, world)
    chosen = User.objects.filter(pk=body.get("caseworker") or 0).first()
    if "caseworker" in body and (chosen is None or not works_on_team(chosen, client.team_id)):
        body["caseworker"] = world.caseworker.pk
    today = timezone.localdate()
    held_on = _day(body, "held_on")
    if body.get("status") in ("held", "no_show") and held_on and held_on > today:
        body["held_on"] = today.isoformat()
    _not_before(body, "held_on", client.date_of_birth)
    held_on = _day(body, "held_on")
    _not_before(body, "next_contact_on", held_on and held_on + ONE_DAY)


OUTCOMES = ("held", "no_show", "cancelled")


def _conversation_change(case: Any, body: dict[str, Any], world: World) -> None:
    """A recorded conversation keeps its status (a status change is made to a planned one); a
    plan moves to today or later; an outcome is dated today or earlier, and not before the
    client was born; the next contact after the conversation."""
    stored = Conversation.objects.get(pk=case.path_parameters["id"])
    if stored.status != "planned" and body.get("status", stored.status) != stored.status:
        stored = ConversationFactory.create(
            client=world.client,
            caseworker=world.caseworker,
            status="planned",
            held_on=timezone.localdate() + 7 * ONE_DAY,
        )
        case.path_parameters["id"] = stored.pk
    today = timezone.localdate()
    status = body.get("status", stored.status)
    held_on = _day(body, "held_on") or stored.held_on
    moved = held_on != stored.held_on
    if status == "planned" and moved and held_on < today:
        body["held_on"] = today.isoformat()
    if status in OUTCOMES and (moved or status != stored.status) and held_on > today:
        body["held_on"] = today.isoformat()
    _not_before(body, "held_on", stored.client.date_of_birth)
    held_on = _day(body, "held_on") or stored.held_on
    next_contact = (
        _day(body, "next_contact_on") if "next_contact_on" in body else stored.next_contact_on
    )
    if next_contact and next_contact <= held_on:
        body["next_contact_on"] = (held_on + ONE_DAY).isoformat()


def _contact_exemption(case: Any, body: dict[str, Any], world: World) -> None:
    _not_before(body, "valid_from", _visible_client(body, world).date_of_birth)
    _not_before(body, "valid_until", _day(body, "valid_from"))


def _phase_exemption(case: Any, body: dict[str, Any], world: World) -> None:
    _not_before(body, "valid_from", _visible_client(body, world).date_of_birth)
    _not_before(body, "review_on", _day(body, "valid_from"))


def _work_plan(case: Any, body: dict[str, Any], world: World) -> None:
    """An agreed plan says when it was agreed; not before the client was born, nor is an
    agreement due before then."""
    born = _visible_client(body, world).date_of_birth
    if body.get("status") == "agreed" and not body.get("agreed_on"):
        body["agreed_on"] = timezone.localdate().isoformat()
    _not_before(body, "agreed_on", born)
    for agreement in body.get("agreements") or []:
        if isinstance(agreement, dict):
            _not_before(agreement, "due_on", born)


def _purchase(case: Any, body: dict[str, Any], world: World) -> None:
    """A service still bought, for the client's phase, and a provider still bought from;
    started on or after the purchase, ending after the start; a reason when the client had
    this service before."""
    client = _visible_client(body, world)
    _not_before(body, "purchased_on", client.date_of_birth)
    serving = ServiceType.objects.filter(active=True)
    current = PhasePeriod.objects.filter(client=client, ended_on__isnull=True).first()
    if current is not None:
        serving = serving.filter(phases__contains=current.phase)
    if not serving.filter(pk=body.get("service_type") or 0).exists():
        body["service_type"] = serving.earliest("pk").pk
    if not Provider.objects.filter(pk=body.get("provider") or 0, active=True).exists():
        body["provider"] = Provider.objects.filter(active=True).earliest("pk").pk
    _not_before(body, "started_on", _day(body, "purchased_on"))
    _not_before(body, "planned_end_on", _day(body, "started_on") or _day(body, "purchased_on"))
    earlier = Trajectory.objects.filter(client=client, service_type_id=body["service_type"])
    justified = (body.get("repeat_justification") or "").strip()
    if earlier.exclude(status="cancelled").exists() and not justified:
        body["repeat_justification"] = "Opnieuw nodig na uitval"


# From each status, the statuses a PATCH may ask for.
NEXT_STATUSES = {
    "requested": ["running", "completed", "cancelled"],
    "running": ["paused", "completed", "cancelled"],
    "paused": ["running", "completed", "cancelled"],
}


def _trajectory_change(case: Any, body: dict[str, Any], world: World) -> None:
    """A change the trajectory's status allows, on a day after its last change, with a pause's
    reason or a completion's outcome."""
    trajectory = Trajectory.objects.get(pk=case.path_parameters["id"])
    if trajectory.status not in NEXT_STATUSES:  # finished: change one that is not
        trajectory = TrajectoryFactory.create(
            client=world.client, service_type=trajectory.service_type, provider=trajectory.provider
        )
        case.path_parameters["id"] = trajectory.pk
    allowed = NEXT_STATUSES[trajectory.status]
    if body.get("status") not in allowed:
        body["status"] = allowed[0]
    if body["status"] == "paused" and not (body.get("reason") or "").strip():
        body["reason"] = "Opname"
    if body["status"] == "completed" and not body.get("outcome"):
        body["outcome"] = "work_found"
    last_resume = trajectory.pauses.aggregate(d=Max("to_date"))["d"]
    open_pause = trajectory.pauses.filter(to_date__isnull=True).first()
    # Not before it began: a requested one (whose started_on is planned) from its purchase.
    began = trajectory.started_on if trajectory.status != "requested" else None
    dates = [began or trajectory.purchased_on, last_resume]
    dates.append(open_pause and open_pause.from_date)
    _not_before(body, "on", max(day for day in dates if day))


def _dismissal(case: Any, body: dict[str, Any], world: World) -> None:
    """Only an open signal can be set aside."""
    signal = Signal.objects.get(pk=case.path_parameters["id"])
    if signal.status != "open":
        case.path_parameters["id"] = SignalFactory.create(client=signal.client).pk


def _team(case: Any, body: dict[str, Any], world: World) -> None:
    """Team names are unique, whatever the case."""
    if Team.objects.filter(name__iexact=(body.get("name") or "").strip()).exists():
        body["name"] = f"{body['name'][:90]} {Team.objects.count()}"


def _provider(case: Any, body: dict[str, Any], world: World) -> None:
    if Provider.objects.filter(name=(body.get("name") or "").strip()).exists():
        body["name"] = f"{body['name'][:190]} {Provider.objects.count()}"


def _service_type(case: Any, body: dict[str, Any], world: World) -> None:
    if ServiceType.objects.filter(code=(body.get("code") or "").strip()).exists():
        body["code"] = f"{body['code'][:14]}-{ServiceType.objects.count()}"


def _work_queue_query(query: dict[str, Any], world: World) -> None:
    """`to` on or after `from`, a year at most; a `caseworker` whose queue the user may open."""
    first, last = _query_day(query, "from"), _query_day(query, "to")
    if first and last:
        first, last = min(first, last), max(first, last)
        last = min(last, first + datetime.timedelta(days=366))
        query["from"], query["to"] = first.isoformat(), last.isoformat()
    if "caseworker" in query:
        query["caseworker"] = world.caseworker.pk


def _query_day(query: dict[str, Any], name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(query.get(name)))
    except ValueError:
        return None


# Work ---------------------------------------------------------------------------------------

JOB_DEFAULTS = {
    "employer": None,
    "contract": None,
    "hours_per_week": None,
    "planned_end_on": None,
    "ended_on": None,
    "end_reason": None,
    "trajectory": None,
}


def _write_back(body: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> None:
    """Put the fixed values into the body: those it sent, and those the fix changed."""
    for key, value in after.items():
        if key in body or value != before.get(key):
            body[key] = value


def _employment_terms(job: dict[str, Any]) -> None:
    """Self-employment has no employer, contract or planned end; an employer job has an
    existing employer and a contract, with a planned end exactly when it is fixed-term."""
    if job["kind"] == Job.Kind.SELF_EMPLOYED:
        job.update(employer=None, contract=None, planned_end_on=None)
        return
    if not Employer.objects.filter(pk=job["employer"] or 0).exists():
        job["employer"] = Employer.objects.earliest("pk").pk
    job["contract"] = job["contract"] or "permanent"
    if job["contract"] not in FIXED_TERM:
        job["planned_end_on"] = None
    elif not job["planned_end_on"]:
        job["planned_end_on"] = job["started_on"]


def _job_dates(job: dict[str, Any]) -> None:
    """The planned end and the last day worked on or after the start; the last day worked
    today or earlier, with a reason (and a reason only with it)."""
    started = datetime.date.fromisoformat(job["started_on"])
    _not_before(job, "planned_end_on", started)
    today = timezone.localdate()
    if job["ended_on"] and started > today:
        job["ended_on"] = None
    if job["ended_on"]:
        _not_before(job, "ended_on", started)
        job["ended_on"] = min(datetime.date.fromisoformat(job["ended_on"]), today).isoformat()
        job["end_reason"] = job["end_reason"] or "other"
    else:
        job["end_reason"] = None


def _fixed_job(job: dict[str, Any], client: Client) -> dict[str, Any]:
    """Every rule of a job, and started on or after the client's birth."""
    fixed = dict(job)
    _employment_terms(fixed)
    _not_before(fixed, "started_on", client.date_of_birth)
    _job_dates(fixed)
    if not Trajectory.objects.filter(pk=fixed["trajectory"] or 0, client=client).exists():
        fixed["trajectory"] = None
    return fixed


def _new_job(case: Any, body: dict[str, Any], world: World) -> None:
    client = _visible_client(body, world)
    before = JOB_DEFAULTS | body
    _write_back(body, before, _fixed_job(before, client))


def _stored_job(job: Job) -> dict[str, Any]:
    def day(value: datetime.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "kind": job.kind,
        "employer": job.employer_id,
        "contract": job.contract or None,
        "hours_per_week": None if job.hours_per_week is None else str(job.hours_per_week),
        "started_on": job.started_on.isoformat(),
        "planned_end_on": day(job.planned_end_on),
        "ended_on": day(job.ended_on),
        "end_reason": job.end_reason or None,
        "placed_by": job.placed_by,
        "trajectory": job.trajectory_id,
    }


def _changed_job(case: Any, body: dict[str, Any], world: World) -> None:
    """The job after the change keeps every rule; once renewed, its terms stay and the
    renewals lie within it."""
    job = Job.objects.select_related("client").get(pk=case.path_parameters["id"])
    renewed = job.renewals.aggregate(first=Min("renewed_on"), last=Max("renewed_on"))
    born = job.client.date_of_birth
    if renewed["first"] and renewed["first"] < born:
        # Renewed before the birth date as corrected since: no start keeps both rules.
        job = JobFactory.create(client=job.client, started_on=born)
        case.path_parameters["id"], renewed = job.pk, {"first": None, "last": None}
    stored = _stored_job(job)
    after = stored | body
    if renewed["first"]:
        after.update(kind=job.kind, contract=stored["contract"])
        after["planned_end_on"] = stored["planned_end_on"]
        latest_start = min(d for d in (renewed["first"], job.planned_end_on) if d)
        if datetime.date.fromisoformat(after["started_on"]) > latest_start:
            after["started_on"] = latest_start.isoformat()
    after = _fixed_job(after, job.client)
    if renewed["last"] and after["ended_on"]:
        _not_before(after, "ended_on", renewed["last"])
    _write_back(body, stored, after)


def _renewal(case: Any, body: dict[str, Any], world: World) -> None:
    """A fixed-term job, renewed within it (after its last renewal, today or earlier) to a
    later end, or made permanent."""
    job = Job.objects.get(pk=case.path_parameters["id"])
    today = timezone.localdate()
    last = job.renewals.aggregate(d=Max("renewed_on"))["d"]
    born = job.client.date_of_birth
    first = max(d for d in (job.started_on, last, born) if d)
    if job.contract not in FIXED_TERM or first > min(job.ended_on or today, today):
        job = JobFactory.create(
            client=job.client, contract="temporary", planned_end_on=D(2024, 12, 31)
        )
        case.path_parameters["id"], first = job.pk, max(job.started_on, born)
    renewed_on = _day(body, "renewed_on") or first
    renewed_on = min(max(renewed_on, first), job.ended_on or today, today)
    body["renewed_on"] = renewed_on.isoformat()
    if body.get("made_permanent"):
        if "new_planned_end_on" in body:
            body["new_planned_end_on"] = None
        return
    assert job.planned_end_on is not None
    earliest = max(job.planned_end_on + ONE_DAY, renewed_on)
    _not_before(body, "new_planned_end_on", earliest)
    body["new_planned_end_on"] = body.get("new_planned_end_on") or earliest.isoformat()


def _employer(case: Any, body: dict[str, Any], world: World) -> None:
    """A payroll tax number is known once."""
    number = normalise_payroll_tax_number(body.get("payroll_tax_number") or "")
    if Employer.objects.filter(payroll_tax_number=number).exists():
        body["payroll_tax_number"] = f"{900_000_000 + Employer.objects.count():09d}L01"


PROVISION_DEFAULTS = {
    "job": None,
    "decided_on": None,
    "decision": None,
    "valid_from": None,
    "valid_until": None,
    "wage_value_percent": None,
    "review_on": None,
}


def _decision_terms(provision: dict[str, Any]) -> None:
    """A decision with its date, on or after the application; a granted provision valid from
    a date (wage dispensation with its wage value), others with no validity."""
    applied = provision["applied_on"]
    if not provision["decision"]:
        provision.update(decided_on=None, valid_from=None, valid_until=None)
        return
    provision["decided_on"] = max(provision["decided_on"] or applied, applied)
    if provision["decision"] != "granted":
        provision.update(valid_from=None, valid_until=None)
        return
    provision["valid_from"] = provision["valid_from"] or applied
    _not_before(provision, "valid_until", _day(provision, "valid_from"))


def _fixed_provision(provision: dict[str, Any], client: Client) -> dict[str, Any]:
    """Every rule of a provision, and its dates on or after the client's birth."""
    fixed = dict(provision)
    _not_before(fixed, "applied_on", client.date_of_birth)
    _not_before(fixed, "valid_from", client.date_of_birth)
    _decision_terms(fixed)
    dispensation = fixed["kind"] == Provision.Kind.WAGE_DISPENSATION
    if not dispensation:
        fixed["wage_value_percent"] = None
    elif fixed["decision"] == "granted":
        if fixed["wage_value_percent"] is None:
            fixed["wage_value_percent"] = 50
        fixed["review_on"] = fixed["review_on"] or fixed["applied_on"]
    _not_before(fixed, "review_on", _day(fixed, "applied_on"))
    if not Job.objects.filter(pk=fixed["job"] or 0, client=client).exists():
        fixed["job"] = None
    return fixed


def _new_provision(case: Any, body: dict[str, Any], world: World) -> None:
    client = _visible_client(body, world)
    before = PROVISION_DEFAULTS | body
    _write_back(body, before, _fixed_provision(before, client))


def _changed_provision(case: Any, body: dict[str, Any], world: World) -> None:
    provision = Provision.objects.get(pk=case.path_parameters["id"])
    stored = {
        name: getattr(provision, name)
        for name in ("kind", "applicant", "decision", "wage_value_percent")
    } | {
        name: (getattr(provision, name).isoformat() if getattr(provision, name) else None)
        for name in ("applied_on", "decided_on", "valid_from", "valid_until", "review_on")
    }
    stored.update(job=provision.job_id, decision=provision.decision or None)
    _write_back(body, stored, _fixed_provision(stored | body, provision.client))


def _ladder_query(query: dict[str, Any], world: World) -> None:
    """`from` not after `to`."""
    first, last = _query_day(query, "from"), _query_day(query, "to")
    if first and last:
        query["from"], query["to"] = min(first, last).isoformat(), max(first, last).isoformat()


def _flows_query(query: dict[str, Any], world: World) -> None:
    """`from` not after `to`, `to` not after `on` (today when left out)."""
    days = {name: _query_day(query, name) for name in ("from", "to", "on")}
    given = {name: day for name, day in days.items() if day is not None}
    if "on" not in given:
        given["on"] = timezone.localdate()
    for name, day in zip(given, sorted(given.values()), strict=True):
        query[name] = day.isoformat()


def _rung(case: Any, body: dict[str, Any], world: World) -> None:
    """Not before the client's birth."""
    client = Client.objects.get(pk=case.path_parameters["id"])
    _not_before(body, "assessed_on", client.date_of_birth)


def _organisation(case: Any, body: dict[str, Any], world: World) -> None:
    """A name is known once in its region; an address and a website of the form Django
    checks (stricter than the document's `email` and `uri` formats)."""
    if body.get("email"):
        body["email"] = "info@voorbeeld.test"
    if body.get("website"):
        body["website"] = "https://voorbeeld.test/"
    named = Organisation.objects.filter(
        region=(body.get("region") or "").strip(), name=(body.get("name") or "").strip()
    )
    if named.exists():
        body["name"] = f"{body['name'][:190]} {Organisation.objects.count()}"


def _referral_terms(referral: dict[str, Any], born: datetime.date) -> None:
    """Referred and consented on or after the birth, consent on or before the referral; an
    active organisation; a follow-up on or after the referral while open, none once closed."""
    for field in ("referred_on", "consent_on"):
        _not_before(referral, field, born)
    referred = _day(referral, "referred_on")
    if referred and (_day(referral, "consent_on") or referred) > referred:
        referral["consent_on"] = referral["referred_on"]
    if not Organisation.objects.filter(pk=referral.get("organisation") or 0, active=True).exists():
        referral["organisation"] = Organisation.objects.filter(active=True).earliest("pk").pk
    if referral.get("status") in ("finished", "dropped_out"):
        referral["follow_up_on"] = None
    else:
        _not_before(referral, "follow_up_on", referred)


def _new_referral(case: Any, body: dict[str, Any], world: World) -> None:
    client = _visible_client(body, world)
    _referral_terms(body, client.date_of_birth)


def _changed_referral(case: Any, body: dict[str, Any], world: World) -> None:
    """A status the stored one may go to (no reopening: that needs a reason), a new follow-up
    today or later, corrections that keep the rules."""
    referral = Referral.objects.get(pk=case.path_parameters["id"])
    stored = {
        "organisation": referral.organisation_id,
        "referred_on": referral.referred_on.isoformat(),
        "consent_on": referral.consent_on.isoformat(),
        "status": referral.status,
        "follow_up_on": referral.follow_up_on.isoformat() if referral.follow_up_on else None,
    }
    allowed = NEXT[Referral.Status(referral.status)] | {referral.status}
    if body.get("status") not in allowed or referral.status in FINAL:
        body.pop("status", None)
    merged = stored | body
    closing = merged["status"] in FINAL
    if not closing and body.get("follow_up_on") != stored["follow_up_on"]:
        today = timezone.localdate()
        _not_before(merged, "follow_up_on", today)
        if merged["follow_up_on"] is None:
            merged["follow_up_on"] = stored["follow_up_on"] or today.isoformat()
    fixed = dict(merged)
    _referral_terms(fixed, referral.client.date_of_birth)
    if not closing and fixed["follow_up_on"] != stored["follow_up_on"]:
        _not_before(fixed, "follow_up_on", timezone.localdate())
    _write_back(body, merged, fixed)


QUERY_RULES: dict[tuple[str, str], Callable[[dict[str, Any], World], None]] = {
    ("GET", "/api/v1/work-queue/"): _work_queue_query,
    ("GET", "/api/v1/reports/ladder/"): _ladder_query,
    ("GET", "/api/v1/reports/phase-flows/"): _flows_query,
}

RULES: dict[tuple[str, str], Callable[[Any, dict[str, Any], World], None]] = {
    ("POST", "/api/v1/clients/"): _new_client,
    ("PATCH", "/api/v1/clients/{id}/"): _changed_client,
    ("POST", "/api/v1/clients/{id}/phase-transitions/"): _phase_transition,
    ("POST", "/api/v1/clients/{id}/ladder/"): _rung,
    ("POST", "/api/v1/conversations/"): _conversation,
    ("PATCH", "/api/v1/conversations/{id}/"): _conversation_change,
    ("POST", "/api/v1/contact-exemptions/"): _contact_exemption,
    ("POST", "/api/v1/phase-exemptions/"): _phase_exemption,
    ("POST", "/api/v1/workplans/"): _work_plan,
    ("POST", "/api/v1/trajectories/"): _purchase,
    ("PATCH", "/api/v1/trajectories/{id}/"): _trajectory_change,
    ("POST", "/api/v1/signals/{id}/dismiss/"): _dismissal,
    ("POST", "/api/v1/teams/"): _team,
    ("POST", "/api/v1/providers/"): _provider,
    ("POST", "/api/v1/service-types/"): _service_type,
    ("POST", "/api/v1/employers/"): _employer,
    ("POST", "/api/v1/jobs/"): _new_job,
    ("PATCH", "/api/v1/jobs/{id}/"): _changed_job,
    ("POST", "/api/v1/jobs/{id}/renewals/"): _renewal,
    ("POST", "/api/v1/provisions/"): _new_provision,
    ("PATCH", "/api/v1/provisions/{id}/"): _changed_provision,
    ("POST", "/api/v1/social-map/"): _organisation,
    ("POST", "/api/v1/referrals/"): _new_referral,
    ("PATCH", "/api/v1/referrals/{id}/"): _changed_referral,
}
