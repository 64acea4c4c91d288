"""Every date a caseworker types on a screen is refused when it cannot be true (year 1, year
9999, a day before the client was born), with a message next to the field that names it and
nothing saved; a normal date is saved. One table (tests/form_dates.py), one row per date field.
"""

import html
import re

import pytest

from tests.factories import UserFactory
from tests.form_dates import BEFORE_BIRTH, CASES, YEAR_1, YEAR_9999, Case, World, world

pytestmark = pytest.mark.django_db
__all__ = ["world"]  # the fixture


def error_next_to(page: str, field_id: str) -> str:
    """The message shown next to the field with this id ('' when there is none)."""
    found = re.search(rf'<span class="error" id="{re.escape(field_id)}_error">([^<]*)</span>', page)
    return html.unescape(found.group(1)) if found else ""


def refusal(django_client, world: World, case: Case, day: str) -> str:
    """Post `day`; the refusal the user sees next to the field (the work queue: above it, after
    the field's label; a refusal of the whole form: above the form)."""
    queue = bool(case.queue_label)
    response = django_client.post(case.url(world), case.data(world, day), follow=queue)
    assert response.status_code == 200, (case.name, day)
    page = response.content.decode()
    if queue:
        shown = re.findall(
            r'utrecht-alert--error"><div class="utrecht-alert__content">'
            r'<p class="utrecht-alert__message">([^<]*)</p>',
            page,
        )
        prefix = f"{case.queue_label}: "
        return html.unescape(" ".join(m for m in shown if m.startswith(prefix)))
    if day == BEFORE_BIRTH and case.birth_above:
        summary = re.search(r'<div class="error-summary[^"]*".*?</ul>', page, re.S)
        return html.unescape(summary.group(0)) if summary else ""
    return error_next_to(page, case.field(world))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_an_impossible_date_is_refused_with_a_message_and_nothing_saved(client, world, case):
    case.prepare(world)
    client.force_login(world.user)
    before = case.state(world)

    for day, message in [
        (YEAR_1, case.too_early),
        (YEAR_9999, case.too_late),
        (BEFORE_BIRTH, case.before_birth),
    ]:
        assert message in refusal(client, world, case, day), day
        assert case.state(world) == before, day


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_normal_date_is_saved(client, world, case):
    case.prepare(world)
    client.force_login(world.user)
    before = case.state(world)

    response = client.post(case.url(world), case.data(world, case.normal().isoformat()))

    assert response.status_code == 302, error_next_to(response.content.decode(), case.field(world))
    assert case.state(world) != before


# Filters and searches: any day from 1900, and year 1 or 9999 a message, not an error page.

FILTERS = [
    ("caseworker", "/clienten/", "no_contact_since", "De datum 'geen contact sinds'"),
    ("caseworker", "client history", "since", "De begindatum"),
    ("caseworker", "client history", "until", "De einddatum"),
    ("auditor", "/inzagelog/", "since", "De begindatum"),
    ("auditor", "/inzagelog/", "until", "De einddatum"),
    ("auditor", "/wijzigingen/", "until", "De einddatum"),
    ("manager", "/dashboard/clienten/", "start", "De begindatum"),
    ("manager", "/dashboard/clienten/", "end", "De einddatum"),
]


@pytest.mark.parametrize("who, path, name, what", FILTERS, ids=[f"{f[1]}?{f[2]}" for f in FILTERS])
@pytest.mark.parametrize("day", [YEAR_1, YEAR_9999])
def test_a_filter_on_an_impossible_day_answers_with_a_message(
    client, client_file, caseworker, manager, who, path, name, what, day
):
    users = {"caseworker": caseworker, "manager": manager, "auditor": UserFactory(role="auditor")}
    client.force_login(users[who])
    client.raise_request_exception = False
    if path == "client history":
        path = f"/clienten/{client_file.pk}/historie/"
    query = {"start": "2025-01-01", "end": "2025-12-31"} if "dashboard" in path else {}
    query |= {"user": str(caseworker.pk)} if path == "/wijzigingen/" else {}

    response = client.get(path, query | {name: day})

    page = html.unescape(response.content.decode())
    assert response.status_code in (200, 400)
    assert f"{what} moet tussen 1 januari 1900 en " in page or "Controleer de filters" in page


def test_a_conversation_export_over_an_impossible_day_is_refused(client, caseworker):
    client.force_login(caseworker)
    client.raise_request_exception = False

    for day in (YEAR_1, YEAR_9999):
        response = client.get("/gesprekken/export.csv", {"since": day})
        assert response.status_code == 400
