"""Doors that used to open one way only: an agreement reopened from the file, a third agreement
row added to a work plan (wide enough to read what is typed), an exemption ended early, a
trajectory bought with a future start started from its page."""

import datetime
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import Page, expect

from interventions.models import Agreement, ContactExemption, Trajectory, WorkPlan
from interventions.services.trajectories import purchase_trajectory
from tests.browser.audit import structure_violations
from tests.browser.conftest import Casefile, browser_db, log_in
from tests.factories import ProviderFactory, ServiceTypeFactory

pytestmark = browser_db


def test_an_agreement_done_by_mistake_is_reopened_in_place(page: Page, casefile: Casefile):
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/")
    plan = page.locator("section#werkplan")

    plan.get_by_role("button", name="Afgerond: Weekrooster bijhouden").click()
    expect(page.locator(".messages")).to_contain_text("De afspraak is bijgewerkt.")
    plan.get_by_text("Heropenen").first.click()  # the <summary> opens the small form
    assert not structure_violations(page)
    plan.get_by_label("Reden van heropenen").fill("Per ongeluk afgevinkt")
    plan.get_by_role("button", name="Heropenen").click()

    expect(page.locator(".messages")).to_contain_text("De afspraak is heropend.")
    expect(plan.get_by_role("button", name="Afgerond: Weekrooster bijhouden")).to_be_visible()
    casefile.agreement.refresh_from_db()
    assert casefile.agreement.status == Agreement.Status.OPEN
    reason = casefile.agreement.history.latest("history_date").history_change_reason
    assert reason == "Per ongeluk afgevinkt"


def test_a_third_agreement_is_added_and_the_descriptions_are_wide(page: Page, casefile: Casefile):
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/werkplan/")
    table = page.locator("table.agreement-rows")
    # the open agreement comes prefilled, with two empty rows below it
    expect(table.locator("tbody tr")).to_have_count(3)
    page.locator("#id_rows-1-description").fill("Twee sollicitaties per week versturen")
    page.locator("#id_rows-1-owner").select_option("client")
    page.locator("#id_rows-2-description").fill("Vacatures doorsturen")
    page.locator("#id_rows-2-owner").select_option("uwv")

    page.get_by_role("button", name="Nog een afspraak toevoegen").click()

    expect(table.locator("tbody tr")).to_have_count(4)
    expect(page.locator("#id_rows-1-description")).to_have_value(
        "Twee sollicitaties per week versturen"
    )
    expect(page.locator("#id_rows-3-description")).to_be_focused()
    assert not structure_violations(page)
    description = page.locator("#id_rows-3-description").bounding_box()
    whole = table.bounding_box()
    assert description and whole and description["width"] > whole["width"] / 2
    page.locator("#id_rows-3-description").fill("Proefplaatsing bespreken met werkgever")
    page.locator("#id_rows-3-owner").select_option("employer")
    page.get_by_role("button", name="Nieuwe versie opslaan").click()

    expect(page.locator(".messages")).to_contain_text("De nieuwe versie van het werkplan")
    current = WorkPlan.objects.get(client=casefile.client, version=2)
    assert sorted(current.agreements.values_list("description", flat=True)) == [
        "Proefplaatsing bespreken met werkgever",
        "Twee sollicitaties per week versturen",
        "Vacatures doorsturen",
        "Weekrooster bijhouden",
    ]


def test_an_exemption_is_ended_early(page: Page, casefile: Casefile):
    today = timezone.localdate()
    exemption = ContactExemption.objects.create(
        client=casefile.client,
        reason="medical",
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=60),
    )
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/vrijstellingen/")

    page.get_by_text("Eerder beëindigen").first.click()
    expect(page.get_by_label("Nieuwe einddatum")).to_have_value(today.isoformat())
    assert not structure_violations(page)
    page.get_by_label("Reden van eerder beëindigen").fill("Behandeling eerder klaar")
    page.get_by_role("button", name="Eerder beëindigen").click()

    expect(page.locator(".messages")).to_contain_text("De vrijstelling is eerder beëindigd.")
    exemption.refresh_from_db()
    assert exemption.valid_until == today


def test_a_trajectory_bought_to_start_later_is_started_today(page: Page, casefile: Casefile):
    today = timezone.localdate()
    trajectory = purchase_trajectory(
        client=casefile.client,
        service_type=ServiceTypeFactory.create(name="Werkfit-traject", phases="2"),
        provider=ProviderFactory.create(name="Stap Verder BV"),
        purpose="Werkritme opbouwen",
        purchased_on=today,
        started_on=today + datetime.timedelta(days=14),
        cost=Decimal("4250.00"),
        by=casefile.caseworker,
    )
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/trajecten/")
    section = page.locator("section.trajectory")
    expect(section).to_contain_text("Aangevraagd")
    expect(section).to_contain_text("start gepland op")
    expect(section).not_to_contain_text("gestart op")

    section.get_by_role("button", name="Starten").click()

    expect(page.locator(".messages")).to_contain_text("Het traject is bijgewerkt.")
    expect(section).to_contain_text("Lopend")
    expect(section).to_contain_text("gestart op")
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.started_on) == (Trajectory.Status.RUNNING, today)
