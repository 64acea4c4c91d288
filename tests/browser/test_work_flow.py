"""On a phone (390 px wide), a caseworker records a client's new job from the file, sees the
proposal to move to phase 4 and accepts it with one button."""

from playwright.sync_api import Page, expect

from phases.models import PhasePeriod
from tests.browser.conftest import Casefile, browser_db, log_in
from work.models import Job

pytestmark = browser_db


def test_records_a_job_from_the_file_at_390px_and_moves_to_phase_4(page: Page, casefile: Casefile):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, casefile.caseworker.username)
    page.goto(f"/clienten/{casefile.client.pk}/")
    work = page.locator("section#werk")
    expect(work).to_contain_text("Nog geen werk of voorzieningen vastgelegd")
    work.get_by_role("link", name="Nieuw werk vastleggen").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Nieuw werk vastleggen")
    page.get_by_label("Soort werk").select_option("regular")
    page.get_by_label("Loonheffingennummer van de werkgever").fill("123456789L01")
    page.get_by_label("Naam van de werkgever").fill("Bakkerij Van Dam")
    page.get_by_label("Contract").select_option("temporary")
    page.get_by_label("Uren per week").fill("24")
    page.get_by_label("Eerste werkdag").fill("2025-03-01")
    page.get_by_label("Geplaatst door").select_option("uwv")
    page.get_by_role("button", name="Werk opslaan").click()

    # refused: a temporary contract needs its planned end; the summary links to the field
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Geef de geplande einddatum")
    page.get_by_label("Geplande einddatum").fill("2026-02-28")
    page.get_by_role("button", name="Werk opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Naar fase 4?")
    reason = page.get_by_label("Reden")
    expect(reason).to_have_value("Aan het werk bij Bakkerij Van Dam sinds 1 maart 2025.")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the proposal scrolls sideways at 390 px ({width} px wide)"
    page.get_by_role("button", name="Naar fase 4").click()

    expect(page.locator("section#werk")).to_contain_text("Bakkerij Van Dam")
    expect(page.locator("section#werk")).to_contain_text("plaatsing")
    assert Job.objects.get(client=casefile.client).employer.name == "Bakkerij Van Dam"  # type: ignore[union-attr]
    current = PhasePeriod.objects.get(client=casefile.client, ended_on__isnull=True)
    assert (current.phase, current.reason) == (
        "4",
        "Aan het werk bij Bakkerij Van Dam sinds 1 maart 2025.",
    )
