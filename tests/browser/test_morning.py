"""A caseworker's morning, from the work queue: log the conversation planned for today, move
tomorrow's, record a missed one as a no-show, set a signal aside with a reason, and see the
queue change each time; reopen an agreement marked done there; and a colleague's change to an
agreement met without losing text."""

import datetime

from django.utils import timezone
from playwright.sync_api import Page, expect

from interventions.models import Agreement, Conversation
from interventions.services.work_plans import set_agreement_status
from signals.models import Signal
from tests.browser.conftest import Casefile, browser_db, log_in
from tests.factories import CaseworkerFactory, ClientFactory, ConversationFactory, SignalFactory

pytestmark = browser_db

day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def plan(casefile: Casefile, on: datetime.date, **extra) -> Conversation:
    return ConversationFactory.create(
        client=extra.pop("client", casefile.client),
        caseworker=casefile.caseworker,
        held_on=on,
        status="planned",
        channel="phone",
        summary="",
        **extra,
    )


def group(page: Page, name: str):
    return page.get_by_role("region", name=name)


def test_a_morning_from_the_work_queue(page: Page, casefile: Casefile):
    today_plan = plan(casefile, today())
    other = ClientFactory.create(
        team=casefile.client.team, caseworker=casefile.caseworker, last_name="Bakker"
    )
    tomorrow_plan = plan(casefile, today() + day, client=other)
    third = ClientFactory.create(
        team=casefile.client.team, caseworker=casefile.caseworker, last_name="Mulder"
    )
    missed = plan(casefile, today() - 3 * day, client=third)
    signal = SignalFactory.create(client=third, raised_on=today() - day)

    log_in(page, casefile.caseworker.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    overdue = group(page, "Achterstallig")
    expect(overdue.get_by_text("Gemist gesprek")).to_be_visible()

    # The missed appointment: the client did not come. Done in place: the page stays.
    page.evaluate("window.sameQueuePage = true")
    missed_item = overdue.locator("li", has_text="Gemist gesprek")
    missed_item.get_by_role("button", name="Niet verschenen").click()
    expect(page.locator(".messages")).to_contain_text("niet verschenen")
    assert page.evaluate("window.sameQueuePage === true"), "the queue was loaded anew"
    expect(group(page, "Achterstallig").get_by_text("Gemist gesprek")).to_have_count(0)

    # The signal: set aside with a reason.
    signal_item = group(page, "Achterstallig").locator("li", has_text="Signaal")
    signal_item.get_by_text("Terzijde leggen", exact=True).first.click()
    signal_item.get_by_label("Reden").fill("Cliënt is net verhuisd; gesprek gepland")
    signal_item.get_by_label("Terzijde tot en met").fill((today() + 30 * day).isoformat())
    signal_item.get_by_role("button", name="Terzijde leggen").click()
    expect(page.locator(".messages")).to_contain_text("terzijde gelegd")

    # Tomorrow's conversation moves to the day after.
    week = group(page, "Deze week")
    item = week.locator("li", has_text="Bakker")
    item.get_by_label("Verzetten naar").fill((today() + 2 * day).isoformat())
    item.get_by_role("button", name="Verzetten").click()
    expect(page.locator(".messages")).to_contain_text("verzet")

    # Today's conversation: from the queue to the file, the plan chosen, recorded as held.
    group(page, "Vandaag").get_by_role("link", name="Gesprek vastleggen").click()
    form = page.locator("section#gesprek-vastleggen")
    expect(form.get_by_label("Was dit een gepland gesprek?")).to_have_value(str(today_plan.pk))
    form.get_by_label("Verslag").fill("Gesprek over de proefplaatsing")
    form.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.")

    page.get_by_role("link", name="Werkvoorraad").click()
    expect(
        group(page, "Vandaag").get_by_text("Vandaag staat er niets gepland.", exact=False)
    ).to_be_visible()

    missed.refresh_from_db()
    tomorrow_plan.refresh_from_db()
    today_plan.refresh_from_db()
    assert missed.status == "no_show"
    assert tomorrow_plan.held_on == today() + 2 * day
    assert (today_plan.status, today_plan.summary) == ("held", "Gesprek over de proefplaatsing")
    assert Signal.objects.get(pk=signal.pk).status == "dismissed"


def test_a_colleagues_change_to_an_agreement_loses_no_text(page: Page, casefile: Casefile):
    colleague = CaseworkerFactory.create(username="aid.bakker", team=casefile.client.team)
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/")
    form = page.locator("section#gesprek-vastleggen")
    form.get_by_label("Verslag").fill("Een lang verslag dat niet verloren mag gaan")
    form.get_by_role("group", name=casefile.agreement.description).get_by_label("Afgerond").check()
    set_agreement_status(agreement=casefile.agreement, status="cancelled", by=colleague)

    form.get_by_role("button", name="Gesprek opslaan").click()

    form = page.locator("section#gesprek-vastleggen")
    expect(form.get_by_text(casefile.agreement.description).first).to_be_visible()
    expect(form.get_by_text("Intussen door een ander gewijzigd: nu Vervallen.")).to_be_visible()
    expect(form.get_by_label("Verslag")).to_have_value(
        "Een lang verslag dat niet verloren mag gaan"
    )
    form.get_by_role("button", name="Gesprek opslaan").click()

    expect(page.locator(".messages")).to_contain_text("Het gesprek is vastgelegd.")
    assert Conversation.objects.filter(
        summary="Een lang verslag dat niet verloren mag gaan"
    ).exists()
    assert Agreement.objects.get(pk=casefile.agreement.pk).status == "cancelled"


def test_an_agreement_done_from_the_queue_is_reopened_and_comes_back(
    page: Page, casefile: Casefile
):
    agreement = casefile.agreement
    Agreement.objects.filter(pk=agreement.pk).update(due_on=today())
    log_in(page, casefile.caseworker.username)

    item = group(page, "Vandaag").locator("li", has_text=agreement.description)
    item.get_by_role("button", name="Afgerond").click()
    expect(page.locator(".messages")).to_contain_text("De afspraak is afgerond.")
    expect(group(page, "Vandaag").get_by_text(agreement.description)).to_have_count(0)

    page.goto(f"/clienten/{casefile.client.pk}/")
    page.locator("summary", has_text="Heropenen").first.click()
    page.get_by_label("Reden van heropenen").fill("Rooster nog niet compleet")
    page.get_by_role("button", name="Heropenen").click()
    expect(page.locator(".messages")).to_contain_text("heropend")

    page.get_by_role("link", name="Werkvoorraad").click()
    expect(group(page, "Vandaag").get_by_text(agreement.description)).to_be_visible()
    fresh = Agreement.objects.get(pk=agreement.pk)
    assert fresh.status == "open"
    assert fresh.history.latest("history_date").history_change_reason == (
        "Rooster nog niet compleet"
    )
