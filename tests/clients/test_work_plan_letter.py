"""The work-plan letter for the client: a PDF in plain Dutch with the goal, who does what by
when and whom to contact; no BSN; only for a plan that exists, in the user's scope."""

import datetime
import io
import logging
import sys
import types
from unittest import mock

import pytest
from pypdf import PdfReader

from audit.models import AccessLog
from interventions.models import Agreement
from interventions.services.work_plans import create_work_plan_version, set_agreement_status
from tests.factories import CaseworkerFactory, ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date

AGREEMENTS = [
    ("Sollicitatiebrief schrijven voor de bakkerij", Agreement.Owner.CLIENT, D(2027, 1, 15)),
    ("Proefplaatsing regelen", Agreement.Owner.UWV, D(2027, 2, 1)),
    ("Werkplek aanpassen met een verhoogd bureau", Agreement.Owner.EMPLOYER, D(2027, 3, 1)),
    ("Jobcoaching in de eerste drie maanden", Agreement.Owner.PROVIDER, None),
]


def pdf_text(content: bytes) -> str:
    """The text of every page, with runs of white space made one space."""
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def contact(caseworker):
    caseworker.first_name, caseworker.last_name = "Anouk", "Jansen"
    caseworker.email = "anouk.jansen@uwv.example"
    caseworker.save()
    return caseworker


@pytest.fixture
def addressed(client_file):
    client_file.first_name, client_file.last_name = "Sanne", "de Boer"
    client_file.street_address, client_file.postcode, client_file.city = (
        "Lindelaan 12",
        "3511 AB",
        "Utrecht",
    )
    client_file.save()
    return client_file


@pytest.fixture
def plan(addressed, contact):
    return create_work_plan_version(
        client=addressed,
        goal="Een vaste baan van 20 uur per week in de bakkerij",
        agreements=[{"description": d, "owner": o, "due_on": due} for d, o, due in AGREEMENTS],
        by=contact,
    )


def get_letter(client, user, client_file, query: str = "", **headers):
    client.force_login(user)
    return client.get(f"/clienten/{client_file.pk}/werkplan/brief.pdf{query}", **headers)


def test_the_letter_is_a_pdf_with_the_goal_who_does_what_by_when_and_the_contact(
    client, addressed, contact, plan
):
    response = get_letter(client, contact, addressed)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="werkplan-versie-1.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Uw werkplan" in text
    assert "Een vaste baan van 20 uur per week in de bakkerij" in text
    assert "U Sollicitatiebrief schrijven voor de bakkerij 15 januari 2027" in text
    assert "UWV Proefplaatsing regelen 1 februari 2027" in text
    assert "Uw werkgever Werkplek aanpassen met een verhoogd bureau 1 maart 2027" in text
    assert "Het re-integratiebedrijf Jobcoaching in de eerste drie maanden Geen vaste datum" in text
    assert "Wie Doet wat Voor wanneer" in text


def test_the_letter_names_the_client_the_address_and_whom_to_contact(
    client, addressed, contact, plan
):
    text = pdf_text(get_letter(client, contact, addressed).content)

    assert "Sanne de Boer Lindelaan 12 3511 AB UTRECHT" in text
    assert "Beste Sanne de Boer," in text
    assert "Stuur mij dan een e-mail: anouk.jansen@uwv.example" in text
    assert "Met vriendelijke groet, Anouk Jansen Arbeidsdeskundige Team Utrecht 1, UWV" in text
    assert "Uw werkplan (versie 1)" in text


def test_the_letter_carries_no_bsn(client, addressed, contact, plan):
    text = pdf_text(get_letter(client, contact, addressed).content)

    assert addressed.bsn not in text
    assert addressed.bsn[-4:] not in text
    assert "BSN" not in text


def test_a_draft_asks_the_client_to_agree_and_an_agreed_plan_says_when(
    client, addressed, contact, plan
):
    draft = pdf_text(get_letter(client, contact, addressed).content)
    plan.status, plan.agreed_on = "agreed", D(2026, 3, 3)
    plan.save()
    agreed = pdf_text(get_letter(client, contact, addressed).content)

    assert "Dit werkplan is nog een voorstel." in draft
    assert "Wij hebben dit werkplan samen afgesproken op 3 maart 2026." in agreed
    assert "voorstel" not in agreed


def test_done_agreements_say_so_and_cancelled_ones_are_left_out(client, addressed, contact, plan):
    done, cancelled = plan.agreements.order_by("id")[:2]
    set_agreement_status(agreement=done, status="done", by=contact)
    set_agreement_status(agreement=cancelled, status="cancelled", by=contact)

    text = pdf_text(get_letter(client, contact, addressed).content)

    assert "U Sollicitatiebrief schrijven voor de bakkerij Al gedaan" in text
    assert "Proefplaatsing regelen" not in text


def test_an_earlier_version_is_given_with_versie_and_says_it_is_older(
    client, addressed, contact, plan
):
    create_work_plan_version(client=addressed, goal="Een opleiding tot bakker", by=contact)

    current = pdf_text(get_letter(client, contact, addressed).content)
    earlier = get_letter(client, contact, addressed, "?versie=1")

    assert "Een opleiding tot bakker" in current
    assert "Uw werkplan (versie 2)" in current
    assert earlier["Content-Disposition"] == 'attachment; filename="werkplan-versie-1.pdf"'
    text = pdf_text(earlier.content)
    assert "Een vaste baan van 20 uur per week in de bakkerij" in text
    assert "dit is een oudere versie van uw werkplan" in text


@pytest.mark.parametrize("query", ["?versie=7", "?versie=abc", "?versie=", "?versie=²"])
def test_a_version_that_does_not_exist_is_not_found(client, addressed, contact, plan, query):
    assert get_letter(client, contact, addressed, query).status_code == 404


def test_a_plan_without_agreements_still_makes_a_letter_that_says_so(client, addressed, contact):
    create_work_plan_version(client=addressed, goal="Uitzoeken welk werk past", by=contact)

    text = pdf_text(get_letter(client, contact, addressed).content)

    assert "Uitzoeken welk werk past" in text
    assert "Er staan nog geen afspraken in uw werkplan." in text
    assert "Wie Doet wat Voor wanneer" not in text


def test_without_a_plan_there_is_no_letter(client, client_file, caseworker):
    assert get_letter(client, caseworker, client_file).status_code == 404


def test_outside_the_users_scope_the_letter_does_not_exist(client, addressed, plan):
    elsewhere = CaseworkerFactory.create(username="ad.elders", team=TeamFactory(name="Elders"))

    assert get_letter(client, elsewhere, addressed).status_code == 404


def test_an_auditor_may_read_it_and_the_download_is_a_logged_view(client, addressed, contact, plan):
    auditor = UserFactory.create(username="auditor", role="auditor")

    response = get_letter(client, auditor, addressed)

    assert response.status_code == 200
    assert AccessLog.objects.filter(user=auditor, client=addressed, action="view").count() == 1
    assert "no-store" in response["Cache-Control"]


def test_the_letter_is_dutch_whatever_the_language_of_the_screens(client, addressed, contact, plan):
    client.cookies["django_language"] = "en"

    text = pdf_text(get_letter(client, contact, addressed, HTTP_ACCEPT_LANGUAGE="en").content)

    assert "Uw doel" in text
    assert "15 januari 2027" in text
    assert "Arbeidsdeskundige" in text


def test_without_a_fixed_contact_person_the_colleague_who_prints_it_is_named(client, team, contact):
    unassigned = ClientFactory.create(team=team, caseworker=None)
    create_work_plan_version(client=unassigned, goal="Werkritme opbouwen", by=contact)
    colleague = CaseworkerFactory.create(
        username="aid.smit", first_name="Bram", last_name="Smit", function="aid", team=team
    )

    text = pdf_text(get_letter(client, colleague, unassigned).content)

    assert "Bram Smit Adviseur intensieve dienstverlening Team Utrecht 1, UWV" in text
    assert "Vraag naar Bram Smit van Team Utrecht 1." in text  # he has no e-mail address
    assert "Anouk Jansen" not in text


def test_text_typed_in_the_plan_is_printed_as_text_not_markup(client, addressed, contact):
    create_work_plan_version(
        client=addressed, goal='Werken <img src="http://example.invalid/x.png"> & leren', by=contact
    )

    text = pdf_text(get_letter(client, contact, addressed).content)

    assert 'Werken <img src="http://example.invalid/x.png"> & leren' in text


def test_without_pango_on_the_server_the_letter_is_refused_with_a_message(
    client, addressed, contact, plan
):
    class WithoutPango(types.ModuleType):
        def __getattr__(self, name):
            raise OSError("cannot load library 'libpango-1.0-0'")

    with mock.patch.dict(sys.modules, {"weasyprint": WithoutPango("weasyprint")}):
        response = get_letter(client, contact, addressed)

    assert response.status_code == 503
    assert (
        "De brief kan op deze server nu niet als pdf worden gemaakt." in response.content.decode()
    )


def test_printing_a_letter_does_not_fill_the_log_with_its_steps(
    client, addressed, contact, plan, caplog
):
    with caplog.at_level(logging.INFO):
        assert get_letter(client, contact, addressed).status_code == 200

    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
