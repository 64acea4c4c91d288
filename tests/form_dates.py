"""The forms of the caseworker's screens that take a date, as a table for the tests: where each
form is and posts, what it posts, the id of its date field, what saving it changes, and how it
refuses a day that cannot be true (year 1, year 9999, a day before the client was born).
tests/test_form_dates.py posts them; tests/browser/test_form_dates.py types them in a browser.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.models import User
from clients.models import Client
from interventions.models import (
    ContactExemption,
    Conversation,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
    WorkPlanLetter,
)
from interventions.services.work_plans import create_work_plan_version
from phases.models import PhaseExemption, PhasePeriod
from signals.models import Signal
from tests.factories import (
    ContactExemptionFactory,
    ConversationFactory,
    PhaseExemptionFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    SignalFactory,
    TrajectoryFactory,
    TrajectoryPauseFactory,
)

D = datetime.date
BORN = "15 juni 1995"  # ClientFactory's date of birth, in words
BEFORE_BIRTH = "1990-03-01"
YEAR_1, YEAR_9999 = "0001-01-01", "9999-12-31"
RANGE = "moet tussen 1 januari 1900 en "
FUTURE = "kan niet in de toekomst"


def today() -> datetime.date:
    return timezone.localdate()


@dataclass
class World:
    """A client in phase 2 with a record of each kind a form changes."""

    user: User
    client: Client
    service_type: int
    provider: int
    requested: Trajectory
    running: Trajectory
    paused: Trajectory
    contact_exemption: ContactExemption
    phase_exemption: PhaseExemption
    planned: Conversation
    signal: Signal


@pytest.fixture
def world(client_file, caseworker) -> World:
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=D(2020, 1, 1))
    service_type = ServiceTypeFactory.create(code="WF", phases="23")
    provider = ProviderFactory.create(name="Stap Verder BV")
    trajectory = {"client": client_file, "service_type": service_type, "provider": provider}
    month_ago = today() - datetime.timedelta(days=30)
    paused = TrajectoryFactory.create(**trajectory, status=Trajectory.Status.PAUSED)
    TrajectoryPauseFactory.create(trajectory=paused, from_date=D(2024, 4, 1))
    return World(
        user=caseworker,
        client=client_file,
        service_type=service_type.pk,
        provider=provider.pk,
        requested=TrajectoryFactory.create(
            **trajectory,
            status=Trajectory.Status.REQUESTED,
            purchased_on=month_ago,
            started_on=None,
        ),
        running=TrajectoryFactory.create(**trajectory),
        paused=paused,
        contact_exemption=ContactExemptionFactory.create(
            client=client_file,
            valid_from=month_ago,
            valid_until=today() + 3 * (today() - month_ago),
        ),
        phase_exemption=PhaseExemptionFactory.create(
            client=client_file, valid_from=month_ago, review_on=today() + (today() - month_ago)
        ),
        planned=ConversationFactory.create(
            client=client_file,
            caseworker=caseworker,
            held_on=today() + datetime.timedelta(days=3),
            status=Conversation.Status.PLANNED,
        ),
        signal=SignalFactory.create(client=client_file, raised_on=today()),
    )


def with_plan(world: World) -> WorkPlan:
    return create_work_plan_version(client=world.client, goal="Werkritme", by=world.user)


@dataclass
class Case:
    """A form on a screen: where it posts, what it posts with `day` typed in its date field,
    the id of that field, what saving changes, and how it refuses each impossible day."""

    name: str
    page: Callable[[World], str]  # the page that shows the form
    url: Callable[[World], str]  # where it posts
    data: Callable[[World, str], dict[str, str]]
    field: Callable[[World], str]  # the id of the date's input; its message has id <id>_error
    state: Callable[[World], object]
    too_early: str  # year 1
    too_late: str  # year 9999
    before_birth: str
    normal: Callable[[], datetime.date] = today
    prepare: Callable[[World], object] = lambda world: None
    # The work queue's forms show a refusal above the queue, after the field's label.
    queue_label: str = ""
    # The service refuses this day for the whole form: the message shows above it.
    birth_above: bool = False
    first_of_its_form: bool = True  # the browser tries one date field per form


def file_url(path: str) -> Callable[[World], str]:
    return lambda world: f"/clienten/{world.client.pk}/{path}"


def conversations(world: World) -> object:
    return sorted(Conversation.objects.values_list("held_on", "status"))


def conversation(world: World, **typed: str) -> dict[str, str]:
    return {
        "version": str(Client.objects.get(pk=world.client.pk).version),
        "held_on": today().isoformat(),
        "status": "held",
        "channel": "phone",
        "kind": "monitoring",
        "with_client": "on",
        "duration_minutes": "30",
        "next_contact_on": "",
    } | typed


def prefixed(prefix: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}-{name}": value for name, value in values.items()}


def contact_exemption(**typed: str) -> dict[str, str]:
    later = (today() + datetime.timedelta(days=60)).isoformat()
    values = {"reason": "medical", "valid_from": today().isoformat(), "valid_until": later}
    return prefixed("contact", values | typed)


def phase_exemption(**typed: str) -> dict[str, str]:
    later = (today() + datetime.timedelta(days=60)).isoformat()
    values = {"phase": "2", "reason": "medical", "valid_from": today().isoformat()}
    return prefixed("phase", values | {"review_on": later} | typed)


def purchase(world: World, **typed: str) -> dict[str, str]:
    return {
        "service_type": str(world.service_type),
        "provider": str(world.provider),
        "purpose": "Werkritme",
        "purchased_on": today().isoformat(),
        "started_on": "",
        "planned_end_on": "",
        "cost": "4250.00",
        "repeat_justification": "Het eerste traject is afgebroken",
    } | typed


def trajectories(world: World) -> object:
    return sorted(Trajectory.objects.values_list("pk", "status", "started_on", "ended_on"))


def action(name: str, trajectory: Trajectory, **typed: str) -> dict[str, str]:
    return prefixed(f"{name}-{trajectory.pk}", {"seen_status": trajectory.status} | typed)


def action_url(name: str, which: str) -> Callable[[World], str]:
    return lambda world: f"/clienten/{world.client.pk}/trajecten/{getattr(world, which).pk}/{name}/"


def work_plan_rows(day: str) -> dict[str, str]:
    return {
        "based_on": "0",
        "goal": "Werkritme opbouwen",
        "change_reason": "",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "20",
        "rows-0-description": "Weekrooster bijhouden",
        "rows-0-owner": "client",
        "rows-0-due_on": day,
    }


def exemptions(world: World) -> object:
    return (
        sorted(ContactExemption.objects.values_list("valid_from", "valid_until")),
        sorted(PhaseExemption.objects.values_list("valid_from", "review_on")),
    )


def in_a_week() -> datetime.date:
    return today() + datetime.timedelta(days=7)


def tomorrow() -> datetime.date:
    return today() + datetime.timedelta(days=1)


def end_early(kind: str) -> Callable[[World, str], dict[str, str]]:
    def data(world: World, day: str) -> dict[str, str]:
        exemption = world.contact_exemption if kind == "contact" else world.phase_exemption
        return prefixed(f"end-{kind}-{exemption.pk}", {"ends_on": day, "change_reason": "Werkt"})

    return data


CASES = [
    Case(
        "conversation held on",
        page=file_url(""),
        url=file_url("gesprek/"),
        data=lambda world, day: conversation(world, held_on=day),
        field=lambda world: "id_held_on",
        state=conversations,
        too_early="De gespreksdatum " + RANGE,
        too_late="De gespreksdatum " + RANGE,
        before_birth=f"De gespreksdatum ligt vóór de geboortedatum van de cliënt ({BORN}).",
    ),
    Case(
        "conversation next contact",
        page=file_url(""),
        first_of_its_form=False,
        url=file_url("gesprek/"),
        data=lambda world, day: conversation(world, next_contact_on=day),
        field=lambda world: "id_next_contact_on",
        state=conversations,
        too_early="Het volgende contact " + RANGE,
        too_late="Het volgende contact " + RANGE,
        before_birth="Het volgende contact moet na de gespreksdatum liggen.",
        normal=in_a_week,
    ),
    Case(
        "contact exemption from",
        page=file_url("vrijstellingen/"),
        url=file_url("vrijstellingen/contact/"),
        data=lambda world, day: contact_exemption(valid_from=day),
        field=lambda world: "id_contact-valid_from",
        state=exemptions,
        too_early="De ingangsdatum " + RANGE,
        too_late="De ingangsdatum " + RANGE,
        before_birth=f"De ingangsdatum ligt vóór de geboortedatum van de cliënt ({BORN}).",
    ),
    Case(
        "contact exemption until",
        page=file_url("vrijstellingen/"),
        first_of_its_form=False,
        url=file_url("vrijstellingen/contact/"),
        data=lambda world, day: contact_exemption(valid_until=day),
        field=lambda world: "id_contact-valid_until",
        state=exemptions,
        too_early="De einddatum " + RANGE,
        too_late="De einddatum " + RANGE,
        before_birth="De einddatum ligt vóór de ingangsdatum.",
        normal=in_a_week,
    ),
    Case(
        "phase exemption from",
        page=file_url("vrijstellingen/"),
        url=file_url("vrijstellingen/fase/"),
        data=lambda world, day: phase_exemption(valid_from=day),
        field=lambda world: "id_phase-valid_from",
        state=exemptions,
        too_early="De ingangsdatum " + RANGE,
        too_late="De ingangsdatum " + RANGE,
        before_birth=f"De ingangsdatum ligt vóór de geboortedatum van de cliënt ({BORN}).",
    ),
    Case(
        "phase exemption review",
        page=file_url("vrijstellingen/"),
        first_of_its_form=False,
        url=file_url("vrijstellingen/fase/"),
        data=lambda world, day: phase_exemption(review_on=day),
        field=lambda world: "id_phase-review_on",
        state=exemptions,
        too_early="De herbeoordelingsdatum " + RANGE,
        too_late="De herbeoordelingsdatum " + RANGE,
        before_birth="De herbeoordelingsdatum ligt vóór de ingangsdatum.",
        normal=in_a_week,
    ),
    Case(
        "phase change",
        page=file_url("fase/"),
        url=file_url("fase/"),
        data=lambda world, day: {
            "version": str(Client.objects.get(pk=world.client.pk).version),
            "phase": "3",
            "started_on": day,
            "reason": "Klaar voor werk",
        },
        field=lambda world: "id_started_on",
        state=lambda world: sorted(PhasePeriod.objects.values_list("phase", "started_on")),
        too_early="De ingangsdatum " + RANGE,
        too_late="Een fasewijziging kan niet in de toekomst ingaan.",
        before_birth=f"De ingangsdatum ligt vóór de geboortedatum van de cliënt ({BORN}).",
    ),
    Case(
        "work plan agreement due",
        page=file_url("werkplan/"),
        url=file_url("werkplan/"),
        data=lambda world, day: work_plan_rows(day),
        field=lambda world: "id_rows-0-due_on",
        state=lambda world: WorkPlan.objects.count(),
        too_early="De uiterste datum " + RANGE,
        too_late="De uiterste datum " + RANGE,
        before_birth=f"De uiterste datum ligt vóór de geboortedatum van de cliënt ({BORN}).",
        birth_above=True,
        normal=in_a_week,
    ),
    Case(
        "work plan agreed on",
        page=file_url("werkplan/"),
        url=file_url("werkplan/afspreken/"),
        data=lambda world, day: {"agreed_on": day, "change_reason": ""},
        field=lambda world: "id_agreed_on",
        state=lambda world: list(WorkPlan.objects.values_list("status", "agreed_on")),
        too_early="De afspraakdatum " + RANGE,
        too_late="De afspraakdatum " + FUTURE,
        before_birth=f"De afspraakdatum ligt vóór de geboortedatum van de cliënt ({BORN}).",
        prepare=with_plan,
    ),
    Case(
        "work plan letter",
        page=file_url("werkplan/"),
        url=file_url("werkplan/brief/"),
        data=lambda world, day: prefixed(
            "letter", {"version": "1", "handed_on": day, "channel": "post", "note": ""}
        ),
        field=lambda world: "id_letter-handed_on",
        state=lambda world: WorkPlanLetter.objects.count(),
        too_early="De datum van de brief " + RANGE,
        too_late="De datum van de brief " + FUTURE,
        before_birth="De brief kan niet eerder zijn meegegeven of verstuurd dan deze versie",
        prepare=with_plan,
    ),
    Case(
        "trajectory purchased",
        page=file_url("trajecten/"),
        url=file_url("trajecten/"),
        data=lambda world, day: purchase(world, purchased_on=day),
        field=lambda world: "id_purchased_on",
        state=trajectories,
        too_early="De inkoopdatum " + RANGE,
        too_late="De inkoopdatum " + FUTURE,
        before_birth=f"De inkoopdatum ligt vóór de geboortedatum van de cliënt ({BORN}).",
    ),
    Case(
        "trajectory start planned",
        page=file_url("trajecten/"),
        first_of_its_form=False,
        url=file_url("trajecten/"),
        data=lambda world, day: purchase(world, started_on=day),
        field=lambda world: "id_started_on",
        state=trajectories,
        too_early="De startdatum " + RANGE,
        too_late="De startdatum " + RANGE,
        before_birth="Het traject kan niet starten vóór de inkoopdatum.",
        normal=in_a_week,
    ),
    Case(
        "trajectory end planned",
        page=file_url("trajecten/"),
        first_of_its_form=False,
        url=file_url("trajecten/"),
        data=lambda world, day: purchase(world, planned_end_on=day),
        field=lambda world: "id_planned_end_on",
        state=trajectories,
        too_early="De geplande einddatum " + RANGE,
        too_late="De geplande einddatum " + RANGE,
        before_birth="De geplande einddatum ligt vóór de start.",
        normal=in_a_week,
    ),
    Case(
        "trajectory started",
        page=file_url("trajecten/"),
        url=action_url("start", "requested"),
        data=lambda world, day: action("start", world.requested, started_on=day),
        field=lambda world: f"id_start-{world.requested.pk}-started_on",
        state=trajectories,
        too_early="De startdatum " + RANGE,
        too_late="De startdatum " + FUTURE,
        before_birth="Het traject kan niet starten vóór de inkoopdatum.",
    ),
    Case(
        "trajectory paused",
        page=file_url("trajecten/"),
        url=action_url("pause", "running"),
        data=lambda world, day: action("pause", world.running, from_date=day, reason="Ziek"),
        field=lambda world: f"id_pause-{world.running.pk}-from_date",
        state=lambda world: (trajectories(world), TrajectoryPause.objects.count()),
        too_early="De datum van de pauze " + RANGE,
        too_late="De datum van de pauze " + FUTURE,
        before_birth="De pauze kan niet ingaan vóór 15 maart 2024.",
    ),
    Case(
        "trajectory resumed",
        page=file_url("trajecten/"),
        url=action_url("resume", "paused"),
        data=lambda world, day: action("resume", world.paused, on=day),
        field=lambda world: f"id_resume-{world.paused.pk}-on",
        state=trajectories,
        too_early="De datum van hervatten " + RANGE,
        too_late="De datum van hervatten " + FUTURE,
        before_birth="Deze datum ligt vóór het begin van de pauze (1 april 2024).",
    ),
    Case(
        "trajectory closed",
        page=file_url("trajecten/"),
        url=action_url("close", "running"),
        data=lambda world, day: action(
            "close", world.running, status="completed", ended_on=day, outcome="work_found"
        ),
        field=lambda world: f"id_close-{world.running.pk}-ended_on",
        state=trajectories,
        too_early="De einddatum " + RANGE,
        too_late="De einddatum " + FUTURE,
        before_birth="De einddatum ligt vóór de start.",
    ),
    Case(
        "contact exemption ended early",
        page=file_url("vrijstellingen/"),
        url=lambda world: (
            f"/clienten/{world.client.pk}/vrijstellingen/contact/"
            f"{world.contact_exemption.pk}/beeindigen/"
        ),
        data=end_early("contact"),
        field=lambda world: f"id_end-contact-{world.contact_exemption.pk}-ends_on",
        state=exemptions,
        too_early="De einddatum " + RANGE,
        too_late="De einddatum " + RANGE,
        before_birth="De nieuwe einddatum ligt vóór de ingangsdatum",
        normal=tomorrow,
    ),
    Case(
        "phase exemption ended early",
        page=file_url("vrijstellingen/"),
        url=lambda world: (
            f"/clienten/{world.client.pk}/vrijstellingen/fase/"
            f"{world.phase_exemption.pk}/beeindigen/"
        ),
        data=end_early("phase"),
        field=lambda world: f"id_end-phase-{world.phase_exemption.pk}-ends_on",
        state=exemptions,
        too_early="De herbeoordelingsdatum " + RANGE,
        too_late="De herbeoordelingsdatum " + RANGE,
        before_birth="De nieuwe einddatum ligt vóór de ingangsdatum",
        normal=tomorrow,
    ),
    Case(
        "planned conversation moved",
        page=lambda world: "/werk/",
        url=lambda world: f"/werk/gesprek/{world.planned.pk}/verzetten/",
        data=lambda world, day: {"on": day},
        field=lambda world: f"move-{world.planned.pk}",
        queue_label="Nieuwe datum",
        state=conversations,
        too_early="Een gesprek verzet u naar vandaag of later.",
        too_late="De nieuwe datum moet tussen ",
        before_birth="Een gesprek verzet u naar vandaag of later.",
        normal=tomorrow,
    ),
    Case(
        "signal set aside",
        page=lambda world: "/werk/",
        url=lambda world: f"/werk/signaal/{world.signal.pk}/terzijde/",
        data=lambda world, day: {"reason": "Opname", "until": day},
        field=lambda world: f"until-{world.signal.pk}",
        queue_label="Terzijde tot en met",
        state=lambda world: list(Signal.objects.values_list("status", "dismissed_until")),
        too_early="De datum 'terzijde tot' kan niet in het verleden liggen.",
        too_late="De datum 'terzijde tot' moet tussen ",
        before_birth="De datum 'terzijde tot' kan niet in het verleden liggen.",
        normal=tomorrow,
    ),
]
