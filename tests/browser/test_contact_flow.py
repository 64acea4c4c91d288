"""A caseworker finds a client and logs a conversation with a phase change, by mouse and by
keyboard alone."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from interventions.models import Agreement, Conversation
from phases.models import PhasePeriod
from tests.browser.conftest import PASSWORD, Casefile, browser_db, log_in

pytestmark = browser_db

# Page defects these tests found (app code, not fixed here); strict, so a fix turns them red.

SUMMARY = "Besproken hoe de eerste weken bij het leerwerkbedrijf gaan"
PHASE_REASON = "Werkfit volgens de arbeidsdeskundige"


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def focused_html(page: Page) -> str:
    return page.evaluate(
        "() => document.activeElement ? document.activeElement.outerHTML.slice(0, 300) : 'none'"
    )


def tab_to(page: Page, selector: str, *, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if focused_matches(page, selector):
            return
        page.keyboard.press(key)
    if not focused_matches(page, selector):
        pytest.fail(f"{limit} × {key} did not reach {selector!r}; focus is on {focused_html(page)}")


def assert_logged(page: Page, casefile: Casefile) -> None:
    """The page shows the result and the database holds it."""
    today = timezone.localdate()
    timeline = page.locator("section#tijdlijn")
    expect(timeline.get_by_role("heading", name="Tijdlijn")).to_be_visible()
    expect(timeline).to_contain_text("Fase 3 – Op weg naar werk")
    expect(timeline).to_contain_text(PHASE_REASON)
    expect(timeline).to_contain_text(SUMMARY)

    client = casefile.client
    held = Conversation.objects.get(client=client, status=Conversation.Status.HELD, held_on=today)
    assert held.summary == SUMMARY
    assert held.caseworker == casefile.caseworker
    proposed = held.next_contact_on
    assert proposed is not None and proposed > today
    assert Conversation.objects.filter(
        client=client, status=Conversation.Status.PLANNED, held_on=proposed
    ).exists()
    casefile.agreement.refresh_from_db()
    assert casefile.agreement.status == Agreement.Status.DONE
    periods = PhasePeriod.objects.filter(client=client).order_by("started_on")
    assert [(p.phase, p.started_on, p.ended_on) for p in periods] == [
        ("2", datetime.date(2024, 1, 1), today),
        ("3", today, None),
    ]
    assert periods.last().reason == PHASE_REASON  # type: ignore[union-attr]
    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.", timeout=1_000)


def test_caseworker_logs_a_conversation_with_a_phase_change(page: Page, casefile: Casefile):
    client = casefile.client
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(casefile.caseworker.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/werk/$"))  # a caseworker starts on the work queue
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    page.get_by_role("link", name="Cliënten", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn cliënten")

    page.get_by_label("Zoek op naam of volledig BSN").fill(client.bsn)
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(rf"q={client.bsn}"))
    page.get_by_role("link", name=f"{client.last_name}, {client.first_name}").click()
    expect(page).to_have_url(re.compile(rf"/clienten/{client.pk}/$"))

    form = page.locator("section#gesprek-vastleggen")
    expect(form.get_by_role("heading", name="Gesprek vastleggen")).to_be_visible()
    form.get_by_label("Verslag").fill(SUMMARY)
    expect(form.get_by_label("Volgend contact")).not_to_have_value("", timeout=1_000)
    form.get_by_role("group", name=casefile.agreement.description).get_by_label("Afgerond").check()
    form.get_by_label("Fase wijzigen naar").select_option("3")
    form.get_by_label("Reden van de fasewijziging").fill(PHASE_REASON)
    form.get_by_role("button", name="Gesprek opslaan").click()

    assert_logged(page, casefile)


def test_caseworker_logs_a_conversation_by_keyboard_only(page: Page, casefile: Casefile):
    client = casefile.client
    keyboard = page.keyboard
    page.goto("/login/")
    tab_to(page, "#id_username")
    keyboard.type(casefile.caseworker.username)
    tab_to(page, "#id_password")
    keyboard.type(PASSWORD)
    with page.expect_navigation():
        keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/werk/$"))
    tab_to(page, "nav a[href='/clienten/']")
    with page.expect_navigation():
        keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/clienten/$"))

    keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link[href='#main']"), (
        f"the first Tab stop is not the skip link but {focused_html(page)}"
    )
    keyboard.press("Enter")  # skip to the content: the search field is the next stop
    tab_to(page, "input[name=q]", limit=5)
    keyboard.type(client.bsn)
    with page.expect_navigation():
        keyboard.press("Enter")
    tab_to(page, f"a[href='/clienten/{client.pk}/']")
    with page.expect_navigation():
        keyboard.press("Enter")

    tab_to(page, "textarea[name=summary]")
    keyboard.type(SUMMARY)
    tab_to(page, f"input[name=agreement_{casefile.agreement.pk}]:checked")
    keyboard.press("ArrowDown")  # a radio group moves and checks with the arrow keys
    assert focused_matches(page, f"input[name=agreement_{casefile.agreement.pk}][value=done]")
    tab_to(page, "select[name=new_phase]")
    keyboard.type("3")  # type-ahead picks "3 – Op weg naar werk"
    expect(page.locator("select[name=new_phase]")).to_have_value("3")
    tab_to(page, "textarea[name=phase_reason]")
    keyboard.type(PHASE_REASON)
    tab_to(page, "button[type=submit].primary")
    keyboard.press("Enter")

    assert_logged(page, casefile)


def test_date_fields_show_their_prefilled_dates(page: Page, casefile: Casefile):
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/")
    today = timezone.localdate().isoformat()
    expect(page.get_by_label("Datum", exact=True)).to_have_value(today, timeout=1_000)


def test_success_message_shows_after_saving(page: Page, casefile: Casefile):
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/")
    page.get_by_label("Datum", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_label("Verslag").fill(SUMMARY)
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.locator("section#tijdlijn")).to_contain_text(SUMMARY)
    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.", timeout=1_000)


def test_after_an_in_place_save_focus_moves_to_the_confirmation(page: Page, casefile: Casefile):
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/")
    page.get_by_label("Verslag").fill(SUMMARY)
    page.get_by_role("button", name="Gesprek opslaan").click()

    expect(page.locator(".messages")).to_be_focused()
    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.")


def test_a_refused_save_focuses_a_summary_that_links_to_the_field(page: Page, casefile: Casefile):
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Datum", exact=True).fill(tomorrow.isoformat())
    page.get_by_label("Verslag").fill(SUMMARY)
    page.get_by_role("button", name="Gesprek opslaan").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Niet opgeslagen")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Datum", exact=True)).to_have_value(tomorrow.isoformat())
    expect(page.get_by_label("Verslag")).to_have_value(SUMMARY)  # nothing typed is lost
    assert not Conversation.objects.filter(summary=SUMMARY).exists()


def test_a_refused_phase_change_without_javascript_focuses_the_summary(
    page: Page, casefile: Casefile
):
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/fase/")
    page.get_by_role("button", name="Fase opslaan").click()

    expect(page.locator(".error-summary")).to_be_focused()
