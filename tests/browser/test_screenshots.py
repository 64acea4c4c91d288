"""Screenshots of the main screens at a phone's, a tablet's and a laptop's width, kept as
artefacts in var/screenshots/ (git-ignored); and no main screen scrolls sideways on a phone."""

import datetime

from django.utils import timezone
from playwright.sync_api import Page

from clients.models import Reassessment
from tests.browser.conftest import SCREENSHOTS, Casefile, browser_db, log_in
from tests.factories import (
    NotificationFactory,
    RungAssessmentFactory,
    SignalFactory,
    TrajectoryFactory,
    UserFactory,
)
from tests.referrals.factories import OrganisationFactory, ReferralFactory

pytestmark = browser_db

PHONE, TABLET, LAPTOP = 390, 768, 1366

# What sticks out past the right edge of the window: the deepest elements, for the message.
OVERFLOWING = """(width) => Array.from(document.querySelectorAll("body *"))
  .filter((element) => element.getBoundingClientRect().right > width + 0.5)
  .filter((element) => !Array.from(element.children).some(
    (child) => child.getBoundingClientRect().right > width + 0.5))
  .slice(0, 5)
  .map((element) => `${element.tagName.toLowerCase()}.${element.className}`
    + ` (${Math.round(element.getBoundingClientRect().right)} px)`)"""


def people_and_screens(casefile: Casefile) -> list[tuple[str | None, list[tuple[str, str, bool]]]]:
    """Who looks at which screens: (username, [(name, url, must fit a phone)])."""
    today = timezone.localdate()
    client = casefile.client
    team = client.team
    manager = UserFactory.create(username="tm.devries", role="team_manager")
    team.manager = manager
    team.save()
    auditor = UserFactory.create(username="au.bakker", role="auditor")
    SignalFactory.create(client=client, raised_on=today - datetime.timedelta(days=3))
    TrajectoryFactory.create(client=client, purpose="Werkfit maken voor de bouw")
    # What once pushed a phone's page sideways: a long e-mail address in the file's facts, and
    # a done agreement whose reopen form (with a visually hidden label) sits in a wide table.
    client.email = "fatima.aydin-van-den-berg@voorbeeld.test"
    client.save()
    casefile.agreement.status = "done"
    casefile.agreement.save()
    NotificationFactory.create(recipient=casefile.caseworker)
    # The client over time: rungs, a referral to follow up today, a reassessment asked for.
    RungAssessmentFactory.create(
        client=client, rung=2, assessed_on=today - datetime.timedelta(days=400)
    )
    RungAssessmentFactory.create(
        client=client, rung=3, assessed_on=today - datetime.timedelta(days=30)
    )
    ReferralFactory.create(
        client=client,
        organisation=OrganisationFactory.create(name="Schuldhulpmaatje Utrecht-Overvecht"),
        referred_on=today - datetime.timedelta(days=40),
        consent_on=today - datetime.timedelta(days=40),
        follow_up_on=today,
    )
    Reassessment.objects.create(
        client=client,
        requested_on=today - datetime.timedelta(days=10),
        reason="Werkt sinds een half jaar vier uur per dag bij een kwekerij",
        practical_assessment="Praktijkonderzoek kwekerij",
    )
    pk = client.pk
    return [
        (None, [("login", "/login/", True)]),
        (
            casefile.caseworker.username,
            [
                ("work_queue", "/werk/", True),
                ("caseload", "/clienten/", True),
                ("client_file", f"/clienten/{pk}/", True),
                ("work_capacity", f"/clienten/{pk}/arbeidsvermogen/", True),
                ("referral_form", f"/clienten/{pk}/doorverwijzingen/nieuw/", True),
                ("job_form", f"/clienten/{pk}/werk/nieuw/", True),
                ("work_plan", f"/clienten/{pk}/werkplan/", True),
                ("trajectories", f"/clienten/{pk}/trajecten/", True),
                ("client_history", f"/clienten/{pk}/historie/", True),
                ("notifications", "/meldingen/", True),
                ("my_sessions", "/account/sessies/", True),
                ("password_change", "/account/wachtwoord/", True),
                ("mfa_setup", "/account/verificatie/instellen/", True),
            ],
        ),
        (
            manager.username,
            [
                ("dashboard", "/dashboard/", True),
                ("dashboard_ladder", "/dashboard/participatieladder/", True),
                ("dashboard_referrals", "/dashboard/doorverwijzingen/", True),
                ("dashboard_flows", "/dashboard/doorstroom/", True),
                ("dashboard_work", "/dashboard/werk/", True),
            ],
        ),
        (auditor.username, [("access_log", "/inzagelog/", True)]),
    ]


def test_main_screens_fit_a_phone_and_are_photographed_at_three_widths(
    page: Page, casefile: Casefile
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide: list[str] = []
    for username, screens in people_and_screens(casefile):
        page.context.clear_cookies()
        if username:
            log_in(page, username)
        for name, url, fits_a_phone in screens:
            page.set_viewport_size({"width": LAPTOP, "height": 900})
            response = page.goto(url)
            assert response is not None and response.ok, f"{url}: {response and response.status}"
            for width in (PHONE, TABLET, LAPTOP):
                page.set_viewport_size({"width": width, "height": 900})
                if width == PHONE and fits_a_phone:
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    if scroll_width > PHONE:
                        culprits = ", ".join(page.evaluate(OVERFLOWING, PHONE))
                        too_wide.append(f"{url}: {scroll_width} px wide ({culprits})")
                path = SCREENSHOTS / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                assert path.stat().st_size > 0
    assert not too_wide, "scrolls sideways at 390 px:\n" + "\n".join(too_wide)


def test_the_menu_folds_into_a_button_on_a_phone_and_opens(page: Page, casefile: Casefile):
    log_in(page, casefile.caseworker.username)
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto("/clienten/")
    menu = page.locator(".site-menu > summary")
    logout = page.get_by_role("button", name="Uitloggen")
    assert menu.is_visible() and not logout.is_visible()

    menu.click()

    assert logout.is_visible() and page.get_by_role("link", name="Meldingen").is_visible()
    page.set_viewport_size({"width": LAPTOP, "height": 800})
    page.reload()
    assert not menu.is_visible() and logout.is_visible()


def test_printing_the_file_the_work_plan_and_a_report_leaves_out_the_controls(
    page: Page, casefile: Casefile
):
    """Printed, a page shows its content: no menu, buttons or forms, and whole tables."""
    log_in(page, casefile.caseworker.username)
    pk = casefile.client.pk
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    for name, url in (
        ("client_file", f"/clienten/{pk}/"),
        ("work_plan", f"/clienten/{pk}/werkplan/"),
        ("dashboard", "/dashboard/"),
    ):
        page.goto(url)
        shown = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                  ".site-nav, .site-menu > summary, button, input, select, textarea"))
                .filter((element) => element.checkVisibility())
                .map((element) => element.outerHTML.slice(0, 60))"""
        )
        assert shown == [], f"{url} prints controls: {shown}"
        displays = page.evaluate(
            """() => Array.from(document.querySelectorAll("table.data"))
                .map((table) => getComputedStyle(table).display)"""
        )
        assert displays and set(displays) == {"table"}, f"{url}: {displays}"
        assert page.get_by_role("heading", level=1).is_visible(), f"{url} prints no title"
        assert page.locator("main").evaluate("(main) => main.innerText.length") > 100
        cut_off = page.evaluate(OVERFLOWING, 794)
        assert cut_off == [], f"{url} prints past the page's edge: {cut_off}"
        page.pdf(path=str(SCREENSHOTS / f"{name}-print.pdf"), format="A4")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-print.png"), full_page=True)
