"""The file as a cockpit: how to reach the client, status, contacts, phase and plan at the
top, and the open signals with their actions; contact details kept with history."""

import datetime

import pytest
from django.utils import timezone

from clients.models import Client
from clients.validators import normal_postcode, validate_phone
from signals.models import Signal
from tests.factories import (
    ConversationFactory,
    PhasePeriodFactory,
    SignalFactory,
    UserFactory,
    WorkPlanFactory,
)

pytestmark = pytest.mark.django_db

day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def header(client, client_file) -> str:
    html = client.get(f"/clienten/{client_file.pk}/").content.decode()
    return html[
        html.index('<header class="file-header">') : html.index(
            "</header>", html.index('<header class="file-header">')
        )
    ]


@pytest.fixture
def reachable(client_file):
    client_file.phone = "06 12345678"
    client_file.email = "a.smit@voorbeeld.test"
    client_file.street_address = "Molenweg 12"
    client_file.postcode = "3511 AB"
    client_file.city = "Utrecht"
    client_file.preferred_channel = "phone"
    client_file.save()
    return client_file


def test_the_header_says_how_to_reach_the_client(client, reachable, caseworker):
    client.force_login(caseworker)

    top = header(client, reachable)

    assert '<a href="tel:0612345678">06 12345678</a>' in top
    assert 'href="mailto:a.smit@voorbeeld.test"' in top
    assert "Molenweg 12, 3511 AB Utrecht" in top
    assert "Telefoon" in top and "Contactgegevens wijzigen" in top


def test_the_header_shows_contacts_status_phase_and_plan(client, client_file, caseworker):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2025, 1, 1))
    ConversationFactory.create(
        client=client_file,
        caseworker=caseworker,
        held_on=datetime.date(2026, 3, 4),
        channel="phone",
    )
    ConversationFactory.create(
        client=client_file, caseworker=caseworker, held_on=today() - 2 * day, status="planned"
    )
    WorkPlanFactory.create(client=client_file, status="draft")
    client_file.has_work_capacity = False
    client_file.save()
    client.force_login(caseworker)

    top = header(client, client_file)

    assert "4 maart 2026 (telefoon)" in top
    assert "gemist:" in top
    assert "Geen arbeidsvermogen" in top and "In zorg" in top
    assert "sinds 1 januari 2025" in top
    assert "versie 1, concept" in top


def test_a_client_out_of_service_is_marked(client, client_file, caseworker):
    client_file.out_of_service_on = today() - 10 * day
    client_file.save()
    client.force_login(caseworker)

    assert "Uit zorg sinds" in header(client, client_file)


def test_an_auditor_sees_the_details_but_no_edit_link(client, reachable):
    client.force_login(UserFactory.create(username="au.dit", role="auditor"))

    top = header(client, reachable)

    assert "Molenweg 12" in top and "Contactgegevens wijzigen" not in top


# Editing them ---------------------------------------------------------------------------------


def details(client_file, **changes) -> dict:
    data = {
        "version": client_file.version,
        "phone": "+31 6 1234 5678",
        "email": "nieuw@voorbeeld.test",
        "street_address": "Lindenlaan 3",
        "postcode": "1234ab",
        "city": "Zwolle",
        "preferred_channel": "email",
    }
    data.update(changes)
    return data


def test_contact_details_are_saved_with_history(client, client_file, caseworker):
    client.force_login(caseworker)

    response = client.post(f"/clienten/{client_file.pk}/contactgegevens/", details(client_file))

    assert response.status_code == 302
    saved = Client.objects.get(pk=client_file.pk)
    assert (saved.phone, saved.postcode, saved.preferred_channel) == (
        "+31 6 1234 5678",
        "1234 AB",
        "email",
    )
    assert saved.version == client_file.version + 1
    row = saved.history.latest("history_date")
    assert row.history_change_reason == "Contactgegevens gewijzigd"
    assert row.history_user == caseworker


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("phone", "12345", "telefoonnummer van 10 cijfers"),
        ("phone", "06-1234-567x", "telefoonnummer van 10 cijfers"),
        ("postcode", "0123 AB", "postcode als 1234 AB"),
        ("email", "geen-adres", "e-mailadres"),
        ("preferred_channel", "fax", "geen beschikbare keuze"),
    ],
)
def test_bad_details_are_refused_and_nothing_changes(
    client, client_file, caseworker, field, value, message
):
    client.force_login(caseworker)

    response = client.post(
        f"/clienten/{client_file.pk}/contactgegevens/", details(client_file, **{field: value})
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Client.objects.get(pk=client_file.pk).version == client_file.version


def test_a_colleagues_change_meanwhile_keeps_what_was_typed(client, client_file, caseworker):
    stale = details(client_file, city="Deventer")
    client_file.version += 1
    client_file.save()
    client.force_login(caseworker)

    response = client.post(f"/clienten/{client_file.pk}/contactgegevens/", stale)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Deventer"' in html
    assert Client.objects.get(pk=client_file.pk).city == ""


def test_an_auditor_cannot_open_the_form(client, client_file):
    client.force_login(UserFactory.create(username="au.dit", role="auditor"))

    assert client.get(f"/clienten/{client_file.pk}/contactgegevens/").status_code == 403


@pytest.mark.parametrize(
    "number",
    ["0612345678", "06 12 34 56 78", "030-1234567", "+31 (0)6 1234 5678", "0032 2 123 45 67"],
)
def test_common_notations_of_a_phone_number_pass(number):
    validate_phone(number)


def test_a_postcode_is_written_the_usual_way():
    assert normal_postcode("1234ab") == normal_postcode(" 1234 AB") == "1234 AB"


# A signal's actions on the file ---------------------------------------------------------------


def test_a_signal_is_set_aside_from_the_file_and_the_file_comes_back(
    client, client_file, caseworker
):
    signal = SignalFactory.create(client=client_file, raised_on=today())
    client.force_login(caseworker)
    assert "Terzijde leggen" in header(client, client_file)

    response = client.post(
        f"/werk/signaal/{signal.pk}/terzijde/",
        {
            "reason": "Net gebeld",
            "until": (today() + 30 * day).isoformat(),
            "back": f"/clienten/{client_file.pk}/",
        },
    )

    assert response.url == f"/clienten/{client_file.pk}/"
    assert Signal.objects.get(pk=signal.pk).status == "dismissed"


def test_a_back_address_elsewhere_is_ignored(client, client_file, caseworker):
    signal = SignalFactory.create(client=client_file, raised_on=today())
    client.force_login(caseworker)

    response = client.post(
        f"/werk/signaal/{signal.pk}/terzijde/",
        {"reason": "x", "until": today().isoformat(), "back": "https://elders.example/clienten/"},
    )

    assert response.url == "/werk/"
