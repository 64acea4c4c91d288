"""/meldingen/: the user's own notifications, the unread badge in the header, marking all read."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from signals.models import Notification
from tests.factories import NotificationFactory

PAGE = "/meldingen/"
MARK_READ = "/meldingen/gelezen/"
D = datetime.date


def badge(html: str) -> str | None:
    """The number in the header's unread badge, or None when there is no badge."""
    found = re.search(r'<span class="badge[^"]*">(\d+)<', html)
    return found.group(1) if found else None


@pytest.fixture
def own(caseworker) -> list[Notification]:
    """Two unread notifications and one read one of `caseworker`, oldest first."""
    return [
        NotificationFactory.create(recipient=caseworker, day=D(2025, 3, 1), count=1),
        NotificationFactory.create(
            recipient=caseworker, day=D(2025, 3, 2), count=4, read_at=timezone.now()
        ),
        NotificationFactory.create(recipient=caseworker, day=D(2025, 3, 3), count=12),
    ]


@pytest.fixture
def colleagues(colleague) -> Notification:
    return NotificationFactory.create(recipient=colleague, day=D(2025, 3, 3), count=7)


def test_the_url_names_are_stable():
    assert reverse("notifications") == PAGE
    assert reverse("notifications_mark_read") == MARK_READ


def test_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={PAGE}"


def test_anonymous_post_marks_nothing_and_is_sent_to_the_login_page(client, own):
    response = client.post(MARK_READ)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Notification.objects.unread().count() == 2


def test_the_page_lists_only_the_users_own_notifications_newest_first(
    client, caseworker, own, colleagues
):
    client.force_login(caseworker)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == own[::-1]
    html = response.content.decode()
    assert "12 nieuwe signalen" in html
    assert "4 nieuwe signalen" in html
    assert "1 nieuw signaal" in html
    assert "7 nieuwe signalen" not in html  # the colleague's


def test_a_digest_leads_to_the_work_queue_where_each_signal_has_its_actions(
    client, caseworker, own
):
    client.force_login(caseworker)

    html = client.get(PAGE).content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")]

    assert rows.count(f'<a href="{reverse("work_queue")}">') == len(own)


def test_the_page_tells_read_from_unread_in_a_table_with_headers(client, caseworker, own):
    client.force_login(caseworker)

    html = client.get(PAGE).content.decode()

    assert "<caption>" in html
    assert html.count('<th scope="col">') == 3
    assert html.count("<strong>Ongelezen</strong>") == 2
    assert html.count("<td>Gelezen</td>") == 1
    assert '<time datetime="2025-03-03">' in html


def test_a_user_without_notifications_is_told_so(client, caseworker):
    client.force_login(caseworker)

    html = client.get(PAGE).content.decode()

    assert "U heeft geen meldingen." in html
    assert badge(html) is None


def test_the_header_links_to_the_notifications_with_the_unread_count(
    client, caseworker, own, colleagues
):
    client.force_login(caseworker)

    html = client.get("/clienten/").content.decode()

    assert f'href="{PAGE}"' in html
    assert badge(html) == "2"


def test_the_badge_costs_one_count_query(client, caseworker, own):
    client.force_login(caseworker)

    with CaptureQueriesContext(connection) as queries:
        client.get("/clienten/")

    touching = [q["sql"] for q in queries.captured_queries if "signals_notification" in q["sql"]]
    assert len(touching) == 1
    assert "COUNT(" in touching[0].upper()


def test_a_page_without_the_header_runs_no_count(admin_client, admin_user):
    NotificationFactory.create(recipient=admin_user)

    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get("/admin/").status_code == 200

    assert not any("signals_notification" in q["sql"] for q in queries.captured_queries)


def test_marking_all_read_sets_read_at_and_the_badge_disappears(
    client, caseworker, own, colleagues
):
    client.force_login(caseworker)

    response = client.post(MARK_READ, {"next": PAGE})

    assert response.status_code == 302
    assert response.url == PAGE
    assert not Notification.objects.filter(recipient=caseworker).unread().exists()
    colleagues.refresh_from_db()
    assert colleagues.read_at is None  # someone else's: untouched
    html = client.get(PAGE).content.decode()
    assert badge(html) is None
    assert "Ongelezen" not in html
    assert "Alle meldingen zijn als gelezen gemarkeerd." in html


def test_marking_read_keeps_the_time_a_notification_was_first_read(client, caseworker, own):
    first_read = own[1].read_at
    client.force_login(caseworker)

    client.post(MARK_READ)

    own[1].refresh_from_db()
    assert own[1].read_at == first_read


@pytest.mark.parametrize("target", ["", "https://example.com/", "//example.com/meldingen/"])
def test_marking_read_goes_back_only_to_this_site(client, caseworker, own, target):
    client.force_login(caseworker)

    response = client.post(MARK_READ, {"next": target})

    assert response.url == PAGE


def test_marking_read_goes_back_to_the_page_the_form_was_on(client, caseworker, own):
    client.force_login(caseworker)

    response = client.post(MARK_READ, {"next": "/meldingen/?page=1"})

    assert response.url == "/meldingen/?page=1"


def test_marking_read_needs_a_post(client, caseworker, own):
    client.force_login(caseworker)

    assert client.get(MARK_READ).status_code == 405
    assert Notification.objects.unread().count() == 2


def test_marking_read_needs_the_csrf_token(caseworker, own):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(caseworker)

    assert browser.post(MARK_READ).status_code == 403
    assert Notification.objects.unread().count() == 2

    page = browser.get(PAGE)
    token = page.context["csrf_token"]
    assert browser.post(MARK_READ, {"csrfmiddlewaretoken": token}).status_code == 302
    assert Notification.objects.unread().count() == 0


def test_the_page_is_paginated(client, caseworker):
    for n in range(51):
        NotificationFactory.create(
            recipient=caseworker, day=D(2024, 1, 1) + datetime.timedelta(days=n)
        )
    client.force_login(caseworker)

    first = client.get(PAGE)
    second = client.get(f"{PAGE}?page=2")

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1
    assert 'rel="next"' in first.content.decode()
