"""The phase change and exemption pages: history shown, dated changes with a reason, nothing
saved on error, conflicts visible with the input kept."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from clients.models import Client
from interventions.models import ContactExemption
from phases.models import PhaseExemption, PhasePeriod
from tests.factories import ClientFactory, PhasePeriodFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
day = datetime.timedelta(days=1)


@pytest.fixture
def in_phase_2(client_file, caseworker):
    PhasePeriodFactory.create(
        client=client_file,
        phase="1",
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2023, 1, 1),
        reason="Intake",
    )
    PhasePeriodFactory.create(
        client=client_file,
        phase="2",
        started_on=datetime.date(2023, 1, 1),
        reason="Stabiel genoeg voor werkfit",
        recorded_by=caseworker,
    )
    return client_file


def phase_url(client):
    return f"/clienten/{client.pk}/fase/"


def phase_data(client, **changes):
    data = {
        "version": client.version,
        "phase": "3",
        "started_on": timezone.localdate().isoformat(),
        "reason": "Werkfit; klaar om te solliciteren",
    }
    data.update(changes)
    return data


def contact_data(**changes):
    data = {
        "contact-reason": "medical",
        "contact-note": "Opname tot de zomer",
        "contact-valid_from": "2026-01-01",
        "contact-valid_until": "2026-06-30",
    }
    data.update(changes)
    return data


def phase_exemption_data(**changes):
    data = {
        "phase-phase": "2",
        "phase-reason": "stabilisation_goal",
        "phase-note": "Afgesproken doel: stabiel blijven",
        "phase-valid_from": "2026-01-01",
        "phase-review_on": "2026-12-31",
    }
    data.update(changes)
    return data


def auditor():
    return UserFactory.create(username="auditor", role="auditor")


# Change phase ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, in_phase_2):
    response = client.get(phase_url(in_phase_2))
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_the_page_shows_the_phase_history_oldest_first(client, caseworker, in_phase_2):
    client.force_login(caseworker)

    response = client.get(phase_url(in_phase_2))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Intake") < html.index("Stabiel genoeg voor werkfit")
    assert escape(str(caseworker)) in html
    form = response.context["form"]
    assert form.initial["started_on"] == timezone.localdate()
    assert form.initial["version"] == in_phase_2.version
    assert '<label for="id_reason">' in html


def test_a_transition_is_saved_with_its_reason_and_leads_back_to_the_file(
    client, caseworker, in_phase_2
):
    client.force_login(caseworker)

    response = client.post(phase_url(in_phase_2), phase_data(in_phase_2), follow=True)

    assert response.redirect_chain[-1][0] == f"/clienten/{in_phase_2.pk}/"
    assert "De fasewijziging is vastgelegd." in response.content.decode()
    current = PhasePeriod.objects.get(client=in_phase_2, ended_on__isnull=True)
    assert (current.phase, current.reason, current.recorded_by) == (
        "3",
        "Werkfit; klaar om te solliciteren",
        caseworker,
    )
    assert PhasePeriod.objects.get(phase="2").ended_on == timezone.localdate()


def test_an_empty_reason_is_refused_next_to_the_reason_and_nothing_saved(
    client, caseworker, in_phase_2
):
    client.force_login(caseworker)

    response = client.post(phase_url(in_phase_2), phase_data(in_phase_2, reason="  "))

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Geef een reden voor de fasewijziging."]
    assert 'id="id_reason_error"' in response.content.decode()
    assert PhasePeriod.objects.count() == 2


def test_a_date_in_the_future_is_refused_next_to_the_date(client, caseworker, in_phase_2):
    client.force_login(caseworker)
    tomorrow = (timezone.localdate() + day).isoformat()

    response = client.post(phase_url(in_phase_2), phase_data(in_phase_2, started_on=tomorrow))

    assert response.context["form"].errors["started_on"] == [
        "Een fasewijziging kan niet in de toekomst ingaan."
    ]
    assert PhasePeriod.objects.count() == 2


def test_today_is_not_in_the_future(client, caseworker, in_phase_2):
    client.force_login(caseworker)
    today = timezone.localdate().isoformat()

    client.post(phase_url(in_phase_2), phase_data(in_phase_2, started_on=today))

    assert PhasePeriod.objects.filter(phase="3", started_on=today).exists()


def test_the_same_phase_is_refused_next_to_the_phase(client, caseworker, in_phase_2):
    client.force_login(caseworker)

    response = client.post(phase_url(in_phase_2), phase_data(in_phase_2, phase="2"))

    assert response.context["form"].errors["phase"] == ["De cliënt zit al in fase 2."]
    assert PhasePeriod.objects.count() == 2
    assert Client.objects.get().version == in_phase_2.version


def test_a_stale_version_shows_the_conflict_keeps_the_input_and_a_second_save_works(
    client, caseworker, in_phase_2
):
    client.force_login(caseworker)
    Client.objects.filter(pk=in_phase_2.pk).update(version=in_phase_2.version + 1)
    data = phase_data(in_phase_2, reason="Mijn eigen reden")

    response = client.post(phase_url(in_phase_2), data)

    html = response.content.decode()
    assert "Iemand anders heeft dit dossier intussen gewijzigd" in html
    assert "Mijn eigen reden" in html
    form = response.context["form"]
    assert form["version"].value() == str(in_phase_2.version + 1)
    assert PhasePeriod.objects.count() == 2

    again = client.post(phase_url(in_phase_2), {**data, "version": form["version"].value()})

    assert again.status_code == 302
    assert PhasePeriod.objects.filter(phase="3", reason="Mijn eigen reden").exists()


def test_an_auditor_may_not_change_a_phase(client, in_phase_2):
    client.force_login(auditor())

    assert client.post(phase_url(in_phase_2), phase_data(in_phase_2)).status_code == 403
    assert PhasePeriod.objects.count() == 2


def test_another_teams_client_is_not_found(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Zwolle"))
    client.force_login(caseworker)

    assert client.get(phase_url(stranger)).status_code == 404
    assert client.post(phase_url(stranger), phase_data(stranger)).status_code == 404


def test_the_client_file_links_to_the_new_pages_for_editors_only(client, caseworker, in_phase_2):
    client.force_login(caseworker)
    html = client.get(f"/clienten/{in_phase_2.pk}/").content.decode()
    assert phase_url(in_phase_2) in html
    assert f"/clienten/{in_phase_2.pk}/vrijstellingen/" in html
    assert "/clienten/overdracht/" not in html  # caseworkers do not hand over

    client.force_login(auditor())
    html = client.get(f"/clienten/{in_phase_2.pk}/").content.decode()
    assert phase_url(in_phase_2) not in html


# Exemptions --------------------------------------------------------------------------------


def exemptions_url(client, kind=""):
    return f"/clienten/{client.pk}/vrijstellingen/{kind + '/' if kind else ''}"


def test_exemptions_page_needs_login(client, in_phase_2):
    response = client.get(exemptions_url(in_phase_2))
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_exemptions_page_lists_both_kinds_and_defaults_to_the_current_phase(
    client, caseworker, in_phase_2
):
    ContactExemption.objects.create(
        client=in_phase_2,
        reason="stable_work",
        note="Vast contract",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2025, 12, 31),
    )
    PhaseExemption.objects.create(
        client=in_phase_2,
        phase="2",
        reason="medical",
        note="Behandeling loopt",
        valid_from=datetime.date(2025, 1, 1),
        review_on=datetime.date(2025, 6, 30),
    )
    client.force_login(caseworker)

    response = client.get(exemptions_url(in_phase_2))

    html = response.content.decode()
    assert "Vast contract" in html and "Behandeling loopt" in html
    assert response.context["phase_form"]["phase"].value() == "2"


def test_a_contact_exemption_is_saved(client, caseworker, in_phase_2):
    client.force_login(caseworker)

    response = client.post(exemptions_url(in_phase_2, "contact"), contact_data())

    assert response.status_code == 302 and response.url == exemptions_url(in_phase_2)
    exemption = ContactExemption.objects.get()
    assert (exemption.reason, exemption.valid_until, exemption.recorded_by) == (
        "medical",
        datetime.date(2026, 6, 30),
        caseworker,
    )


def test_a_contact_exemption_ending_before_it_starts_is_refused(client, caseworker, in_phase_2):
    client.force_login(caseworker)

    response = client.post(
        exemptions_url(in_phase_2, "contact"), contact_data(**{"contact-valid_until": "2025-12-31"})
    )

    assert response.context["contact_form"].errors["valid_until"] == [
        "De einddatum ligt vóór de ingangsdatum."
    ]
    assert "Opname tot de zomer" in response.content.decode()
    assert not ContactExemption.objects.exists()


def test_a_phase_exemption_is_saved(client, caseworker, in_phase_2):
    client.force_login(caseworker)

    response = client.post(exemptions_url(in_phase_2, "fase"), phase_exemption_data())

    assert response.status_code == 302
    exemption = PhaseExemption.objects.get()
    assert (exemption.phase, exemption.reason, exemption.review_on) == (
        "2",
        "stabilisation_goal",
        datetime.date(2026, 12, 31),
    )


def test_a_review_date_before_the_start_is_refused_next_to_it(client, caseworker, in_phase_2):
    client.force_login(caseworker)

    response = client.post(
        exemptions_url(in_phase_2, "fase"),
        phase_exemption_data(**{"phase-review_on": "2025-12-31"}),
    )

    assert response.status_code == 200
    assert response.context["phase_form"].errors["review_on"] == [
        "De herbeoordelingsdatum ligt vóór de ingangsdatum."
    ]
    assert 'id="id_phase-review_on_error"' in response.content.decode()
    assert not PhaseExemption.objects.exists()


@pytest.mark.parametrize(
    "kind, data, refused, fresh",
    [
        (
            "contact",
            contact_data(**{"contact-valid_until": "2025-12-31"}),
            "contact_form",
            "phase_form",
        ),
        (
            "fase",
            phase_exemption_data(**{"phase-review_on": "2025-12-31"}),
            "phase_form",
            "contact_form",
        ),
    ],
)
def test_a_refused_exemption_comes_back_in_its_own_place_and_the_other_form_stays_empty(
    client, caseworker, in_phase_2, kind, data, refused, fresh
):
    client.force_login(caseworker)

    response = client.post(exemptions_url(in_phase_2, kind), data)

    assert response.context[refused].is_bound and response.context[refused].errors
    assert not response.context[fresh].is_bound
    assert response.context["phase_form"]["phase"].value() == "2"


@pytest.mark.parametrize(
    "kind, data, message",
    [
        ("contact", contact_data(), "De contactvrijstelling is vastgelegd."),
        ("fase", phase_exemption_data(), "De fasevrijstelling is vastgelegd."),
    ],
)
def test_a_saved_exemption_says_so_on_the_exemptions_page(
    client, caseworker, in_phase_2, kind, data, message
):
    client.force_login(caseworker)

    response = client.post(exemptions_url(in_phase_2, kind), data, follow=True)

    assert response.redirect_chain == [(exemptions_url(in_phase_2), 302)]
    assert [str(m) for m in response.context["messages"]] == [message]


def test_a_review_on_the_start_day_is_allowed(client, caseworker, in_phase_2):
    client.force_login(caseworker)

    client.post(
        exemptions_url(in_phase_2, "fase"),
        phase_exemption_data(**{"phase-review_on": "2026-01-01"}),
    )

    assert PhaseExemption.objects.filter(review_on=datetime.date(2026, 1, 1)).exists()


def test_an_auditor_sees_exemptions_but_may_not_add_them(client, in_phase_2):
    client.force_login(auditor())

    page = client.get(exemptions_url(in_phase_2))
    assert page.status_code == 200 and page.context["contact_form"] is None
    assert client.post(exemptions_url(in_phase_2, "contact"), contact_data()).status_code == 403
    assert (
        client.post(exemptions_url(in_phase_2, "fase"), phase_exemption_data()).status_code == 403
    )
    assert not ContactExemption.objects.exists() and not PhaseExemption.objects.exists()


def test_another_teams_exemptions_are_not_found(client, caseworker):
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Zwolle"))
    client.force_login(caseworker)

    assert client.get(exemptions_url(stranger)).status_code == 404
    assert client.post(exemptions_url(stranger, "contact"), contact_data()).status_code == 404
    assert client.post(exemptions_url(stranger, "fase"), phase_exemption_data()).status_code == 404
