"""Browser tests: Debian's chromium (never a browser Playwright downloads) against the live server.

Playwright's sync API runs an event loop in this thread, so Django's ORM calls here (factories,
database checks, pytest-django's flush) would raise SynchronousOnlyOperation. The known
workaround, DJANGO_ALLOW_ASYNC_UNSAFE, is set only while this package's tests run.
"""

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, sync_playwright

from accounts.models import User
from clients.models import Client
from interventions.models import Agreement, WorkPlan
from tests.factories import (
    AgreementFactory,
    CaseworkerFactory,
    ClientFactory,
    ConversationFactory,
    PhasePeriodFactory,
    TeamFactory,
    WorkPlanFactory,
)

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "correct-horse-battery"  # UserFactory's password

# Every browser test writes through the live server (another thread), so it needs committed
# rows; tests/conftest.py's `reference_data` puts the migrations' rows back after each flush.
browser_db = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="package")
def _allow_orm_beside_playwright() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def browser(_allow_orm_beside_playwright: None) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"No chromium at {CHROMIUM}: install Debian's `chromium` (or set CHROMIUM).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(5_000)
    page = context.new_page()
    yield page
    context.close()


@dataclass
class Casefile:
    caseworker: User
    client: Client
    agreement: Agreement


@pytest.fixture
def casefile() -> Casefile:
    """A caseworker with a client in phase 2, an open agreement in an agreed work plan and a
    conversation a month ago."""
    today = timezone.localdate()
    team = TeamFactory.create(name="Team Utrecht 1")
    caseworker = CaseworkerFactory.create(
        username="ad.jansen", first_name="Ad", last_name="Jansen", team=team
    )
    client = ClientFactory.create(
        team=team, caseworker=caseworker, first_name="Sanne", last_name="Visser"
    )
    PhasePeriodFactory.create(client=client, phase="2", started_on=datetime.date(2024, 1, 1))
    ConversationFactory.create(
        client=client,
        caseworker=caseworker,
        held_on=today - datetime.timedelta(days=30),
        channel="phone",
        kind="coaching",
        summary="Eerder gesprek over werkritme",
    )
    plan = WorkPlanFactory.create(
        client=client,
        status=WorkPlan.Status.AGREED,
        agreed_on=today - datetime.timedelta(days=30),
    )
    agreement = AgreementFactory.create(
        work_plan=plan,
        description="Weekrooster bijhouden",
        due_on=today + datetime.timedelta(days=30),
    )
    return Casefile(caseworker=caseworker, client=client, agreement=agreement)


def log_in(page: Page, username: str) -> None:
    """Log in through the form, as a person would, and wait for the start page."""
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
