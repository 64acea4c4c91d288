"""Every caseworker form with a date, in a browser: typing year 1, year 9999 or a day before the
client was born shows a message next to the field, and nothing is saved. The forms and their
messages are the table in tests/form_dates.py (tests/test_form_dates.py posts them directly)."""

import datetime

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import browser_db, log_in
from tests.form_dates import BEFORE_BIRTH, CASES, YEAR_1, YEAR_9999, Case, World, today, world

pytestmark = browser_db
__all__ = ["world"]  # the fixture

ONE_PER_FORM = [case for case in CASES if case.first_of_its_form]
# Shown by the page after a post; cleared before the next one, so a message seen is new.
SHOWN = ".error, .error-summary, .messages"


def the_form(page: Page, field_id: str) -> Locator:
    """The form holding the date field, opened when it is folded away (in a <details>)."""
    field = page.locator(f"#{field_id}")
    if not field.is_visible():
        page.locator(f"details:has(#{field_id}) > summary").click()
    return page.locator(f"form:has(#{field_id})")


def type_into(form: Locator, values: dict[str, str]) -> None:
    """Type what `values` holds into the form's controls of those names (hidden ones stay)."""
    for name, value in values.items():
        control = form.locator(f'[name="{name}"]')
        if control.count() == 0:
            continue
        kind = control.first.evaluate("e => e.type")
        if kind == "hidden":
            continue
        if kind.startswith("select"):
            control.select_option(value)
        elif kind == "checkbox":
            control.set_checked(bool(value))
        else:
            control.fill(value)


def send(page: Page, form: Locator) -> None:
    """Submit and wait for the answer: a new page, or the part htmx swaps in."""
    page.evaluate(f"document.querySelectorAll('{SHOWN}').forEach(e => e.remove())")
    button = form.locator("button[type=submit]").first
    if form.get_attribute("hx-post"):
        with page.expect_response(lambda response: response.request.method == "POST"):
            button.click()
    else:
        with page.expect_navigation():
            button.click()


def refusal(page: Page, case: Case, world: World, day: str) -> Locator:
    """Where the page shows the refusal of `day` for this form."""
    if case.queue_label:
        return page.locator(".messages")
    if day == BEFORE_BIRTH and case.birth_above:
        return page.locator(".error-summary")
    return page.locator(f"#{case.field(world)}_error")


@pytest.mark.parametrize("case", ONE_PER_FORM, ids=[case.name for case in ONE_PER_FORM])
def test_a_form_refuses_a_date_that_cannot_be_true(page: Page, world: World, case: Case):
    case.prepare(world)
    before = case.state(world)
    log_in(page, world.user.username)
    page.goto(case.page(world))

    for day, message in [
        (YEAR_1, case.too_early),
        (YEAR_9999, case.too_late),
        (BEFORE_BIRTH, case.before_birth),
    ]:
        form = the_form(page, case.field(world))
        type_into(form, case.data(world, day))
        field = page.locator(f"#{case.field(world)}")
        expect(field).to_have_value(day)
        if case.queue_label and datetime.date.fromisoformat(day) < today():
            # The work queue's date fields say `min` today: the browser refuses, sends nothing.
            form.locator("button[type=submit]").first.click()
            assert field.evaluate("e => e.validity.rangeUnderflow && e.validationMessage")
        else:
            send(page, form)
            expect(refusal(page, case, world, day)).to_contain_text(message)
        assert case.state(world) == before, day
