"""An exemption (from the contact norm, or from a stalled phase) ended before its end date, for
a reason in the history: the services, what they announce, and the exemptions page."""

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clients.models import Client
from common.events import client_changed, past_changed
from interventions.models import ContactExemption
from interventions.services.exemptions import end_contact_exemption_early
from phases.models import PhaseExemption
from phases.services import end_phase_exemption_early
from reports.models import FigureState
from signals.models import Signal
from signals.services import run_signals
from tests.factories import ClientFactory, PhasePeriodFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def person(client_file) -> Client:
    """In service for years, in phase 2 since 2020 (stalled by now), never spoken."""
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2020, 1, 1))
    return client_file


@pytest.fixture
def contact(person) -> ContactExemption:
    return ContactExemption.objects.create(
        client=person,
        reason="medical",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=today() + 90 * day,
    )


@pytest.fixture
def phase(person) -> PhaseExemption:
    return PhaseExemption.objects.create(
        client=person,
        phase="2",
        reason="medical",
        valid_from=datetime.date(2025, 1, 1),
        review_on=today() + 90 * day,
    )


@pytest.fixture
def announced() -> Iterator[list[tuple[str, object]]]:
    """What the services announce while the test runs: ("past", since) and (fact, client)."""
    heard: list[tuple[str, object]] = []

    def on_past(sender, *, since, **kwargs):
        heard.append(("past", since))

    def on_client(sender, *, client_id, fact, **kwargs):
        heard.append((str(fact), client_id))

    past_changed.connect(on_past)
    client_changed.connect(on_client)
    yield heard
    past_changed.disconnect(on_past)
    client_changed.disconnect(on_client)


def open_kinds(client: Client) -> set[str]:
    return set(Signal.objects.filter(client=client, status="open").values_list("kind", flat=True))


# Contact exemptions: the service


def test_a_contact_exemption_ends_on_the_new_day_with_the_reason_in_the_history(
    contact, caseworker
):
    end_contact_exemption_early(
        exemption=contact, valid_until=today(), change_reason="Weer aan het werk", by=caseworker
    )

    contact.refresh_from_db()
    assert contact.valid_until == today()
    row = contact.history.latest("history_date")
    assert (row.valid_until, row.history_user, row.history_change_reason) == (
        today(),
        caseworker,
        "Weer aan het werk",
    )


def test_a_contact_exemption_may_end_on_its_first_day(contact, caseworker):
    end_contact_exemption_early(
        exemption=contact, valid_until=contact.valid_from, change_reason="Vergissing", by=caseworker
    )

    assert ContactExemption.objects.get(pk=contact.pk).valid_until == datetime.date(2025, 1, 1)


@pytest.mark.parametrize(
    "new_end, reason",
    [
        (datetime.date(2024, 12, 31), "Voor het begin"),  # before it starts
        (None, "Zelfde dag"),  # its current end: not earlier
        ("later", "Verlengen"),  # later: that is no ending early
        ("today", "  "),  # no reason
    ],
)
def test_a_contact_exemption_refused_stays_as_it_was(contact, caseworker, new_end, reason):
    current, rows = contact.valid_until, contact.history.count()
    on = {None: current, "later": current + day, "today": today()}.get(new_end, new_end)

    with pytest.raises(ValidationError) as refused:
        end_contact_exemption_early(
            exemption=contact, valid_until=on, change_reason=reason, by=caseworker
        )

    field = "change_reason" if not reason.strip() else "valid_until"
    assert field in refused.value.message_dict
    assert ContactExemption.objects.get(pk=contact.pk).valid_until == current
    assert contact.history.count() == rows


def test_ending_a_contact_exemption_announces_it_as_recording_does(contact, caseworker, announced):
    end_contact_exemption_early(
        exemption=contact,
        valid_until=datetime.date(2025, 6, 10),
        change_reason="Vergissing",
        by=caseworker,
    )

    # figures from the first day no longer covered may change; signals re-check the contact
    assert announced == [("past", datetime.date(2025, 6, 11)), ("contact", contact.client_id)]
    assert FigureState.objects.get(pk=1).stale_from == datetime.date(2025, 6, 11)


def test_after_ending_early_the_nightly_check_raises_no_contact_again(person, contact, caseworker):
    run_signals(as_of=today())
    assert "no_contact" not in open_kinds(person)  # covered by the exemption

    end_contact_exemption_early(
        exemption=contact, valid_until=today() - day, change_reason="Hersteld", by=caseworker
    )
    run_signals(as_of=today())

    assert "no_contact" in open_kinds(person)


# Phase exemptions: the service


def test_a_phase_exemption_ends_on_the_new_review_day_with_the_reason_in_the_history(
    phase, caseworker
):
    end_phase_exemption_early(
        exemption=phase, review_on=today(), change_reason="Behandeling klaar", by=caseworker
    )

    phase.refresh_from_db()
    assert phase.review_on == today()
    row = phase.history.latest("history_date")
    assert (row.review_on, row.history_user, row.history_change_reason) == (
        today(),
        caseworker,
        "Behandeling klaar",
    )


@pytest.mark.parametrize(
    "new_end, reason",
    [
        (datetime.date(2024, 12, 31), "Voor het begin"),
        (None, "Zelfde dag"),
        ("later", "Verlengen"),
        ("today", ""),
    ],
)
def test_a_phase_exemption_refused_stays_as_it_was(phase, caseworker, new_end, reason):
    current = phase.review_on
    on = {None: current, "later": current + day, "today": today()}.get(new_end, new_end)

    with pytest.raises(ValidationError) as refused:
        end_phase_exemption_early(
            exemption=phase, review_on=on, change_reason=reason, by=caseworker
        )

    field = "change_reason" if not reason.strip() else "review_on"
    assert field in refused.value.message_dict
    assert PhaseExemption.objects.get(pk=phase.pk).review_on == current


def test_ending_a_phase_exemption_announces_it_as_recording_does(phase, caseworker, announced):
    end_phase_exemption_early(
        exemption=phase, review_on=today(), change_reason="Klaar", by=caseworker
    )

    assert announced == [("phase", phase.client_id)]


def test_after_ending_early_the_nightly_check_raises_stalled_phase_again(person, phase, caseworker):
    run_signals(as_of=today())
    assert "stalled_phase" not in open_kinds(person)

    end_phase_exemption_early(
        exemption=phase, review_on=today() - day, change_reason="Klaar", by=caseworker
    )
    run_signals(as_of=today())

    assert "stalled_phase" in open_kinds(person)


# The exemptions page


def page_url(client: Client) -> str:
    return f"/clienten/{client.pk}/vrijstellingen/"


def end_url(exemption: ContactExemption | PhaseExemption) -> str:
    kind = "contact" if isinstance(exemption, ContactExemption) else "fase"
    return f"/clienten/{exemption.client_id}/vrijstellingen/{kind}/{exemption.pk}/beeindigen/"


def end_data(exemption, ends_on: datetime.date, reason: str) -> dict[str, str]:
    kind = "contact" if isinstance(exemption, ContactExemption) else "phase"
    prefix = f"end-{kind}-{exemption.pk}"
    return {f"{prefix}-ends_on": ends_on.isoformat(), f"{prefix}-change_reason": reason}


def test_running_exemptions_offer_to_end_early_proposing_today(client, caseworker, contact, phase):
    client.force_login(caseworker)

    response = client.get(page_url(contact.client))

    html = response.content.decode()
    for exemption in (contact, phase):
        assert f'action="{end_url(exemption)}"' in html
    kind = f"end-contact-{contact.pk}"
    assert f'name="{kind}-ends_on" value="{today().isoformat()}"' in html


def test_an_exemption_that_has_ended_or_not_yet_started_is_offered_sensibly(
    client, caseworker, person
):
    ended = ContactExemption.objects.create(
        client=person,
        reason="medical",
        valid_from=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2024, 6, 30),
    )
    future = ContactExemption.objects.create(
        client=person,
        reason="declined",
        valid_from=today() + 10 * day,
        valid_until=today() + 40 * day,
    )
    client.force_login(caseworker)

    html = client.get(page_url(person)).content.decode()

    assert f'action="{end_url(ended)}"' not in html
    # not started yet: it can end on its first day at the earliest
    prefix = f"end-contact-{future.pk}"
    assert f'name="{prefix}-ends_on" value="{future.valid_from.isoformat()}"' in html


def test_an_auditor_is_not_offered_to_end_early_and_may_not(client, contact):
    client.force_login(UserFactory.create(username="audit", role="auditor"))

    assert (
        f'action="{end_url(contact)}"' not in client.get(page_url(contact.client)).content.decode()
    )
    response = client.post(end_url(contact), end_data(contact, today(), "Mag niet"))

    assert response.status_code == 403
    assert ContactExemption.objects.get(pk=contact.pk).valid_until == contact.valid_until


@pytest.mark.parametrize("kind", ["contact", "phase"])
def test_ending_early_leads_back_to_the_exemptions_page(client, caseworker, contact, phase, kind):
    exemption = contact if kind == "contact" else phase
    client.force_login(caseworker)

    response = client.post(end_url(exemption), end_data(exemption, today(), "Weer aan het werk"))

    assert response.status_code == 302 and response.url == page_url(exemption.client)
    exemption.refresh_from_db()
    ends = exemption.valid_until if kind == "contact" else exemption.review_on
    assert ends == today()
    assert exemption.history.latest("history_date").history_change_reason == "Weer aan het werk"
    assert "De vrijstelling is eerder beëindigd." in client.get(response.url).content.decode()


@pytest.mark.parametrize("kind", ["contact", "phase"])
def test_a_refused_end_comes_back_open_next_to_the_date_with_the_reason_kept(
    client, caseworker, contact, phase, kind
):
    exemption = contact if kind == "contact" else phase
    client.force_login(caseworker)
    later = today() + 200 * day

    response = client.post(end_url(exemption), end_data(exemption, later, "Mijn reden"))

    assert response.status_code == 200
    form = response.context["refused_form"]
    assert "Eerder beëindigen: kies een datum vóór de huidige einddatum" in str(
        form.errors["ends_on"]
    )
    html = response.content.decode()
    assert "Mijn reden</textarea>" in html
    assert '<details class="inline-action" open>' in html
    exemption.refresh_from_db()
    assert (exemption.valid_until if kind == "contact" else exemption.review_on) != later


def test_an_exemption_is_found_only_through_its_own_clients_address(
    client, caseworker, team, contact
):
    neighbour = ClientFactory.create(team=team)
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Elders"))
    client.force_login(caseworker)

    for other in (neighbour, stranger):
        path = f"/clienten/{other.pk}/vrijstellingen/contact/{contact.pk}/beeindigen/"
        assert client.post(path, end_data(contact, today(), "x")).status_code == 404
    assert ContactExemption.objects.get(pk=contact.pk).valid_until == contact.valid_until
