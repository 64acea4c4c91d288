"""The header's unread count is kept between requests, and no write of notifications outlives
its own commit: each test counts as a new request would (a fresh user object), writes, and
counts again."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from signals.selectors import unread_count
from signals.services import mark_notifications_read, write_digests
from tests.commits import RolledBack, committing
from tests.factories import ClientFactory, NotificationFactory, SignalFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def kept(settings, own_cache):
    settings.USER_CACHE_SECONDS = 3600


def as_a_request(user: User) -> int:
    return unread_count(User.objects.get(pk=user.pk))


@pytest.fixture
def unread(caseworker):
    with committing():
        return NotificationFactory.create(recipient=caseworker)


def test_a_second_request_counts_nothing(caseworker, unread):
    assert as_a_request(caseworker) == 1
    fresh = User.objects.get(pk=caseworker.pk)

    with CaptureQueriesContext(connection) as second:
        assert unread_count(fresh) == 1

    assert len(second) == 0


def test_the_nightly_digest_shows_once_it_commits(caseworker, unread, team):
    as_a_request(caseworker)
    mine = ClientFactory.create(team=team, caseworker=caseworker)
    SignalFactory.create(client=mine, raised_on=DAY)

    with committing():
        write_digests(day=DAY)  # a bulk insert: no model signals

    assert as_a_request(caseworker) == 2


def test_marking_read_shows_once_it_commits(caseworker, unread):
    as_a_request(caseworker)

    with committing():
        mark_notifications_read(user=caseworker)

    assert as_a_request(caseworker) == 0


def test_one_saved_or_deleted_by_hand_shows_once_it_commits(caseworker, unread):
    as_a_request(caseworker)

    with committing():
        NotificationFactory.create(recipient=caseworker, day=DAY)
    assert as_a_request(caseworker) == 2

    with committing():
        unread.delete()
    assert as_a_request(caseworker) == 1


def test_a_write_is_counted_in_its_own_transaction_and_a_rollback_keeps_nothing(caseworker, unread):
    as_a_request(caseworker)

    with pytest.raises(RolledBack), transaction.atomic():
        mark_notifications_read(user=caseworker)
        assert as_a_request(caseworker) == 0  # its own write, not what is kept
        raise RolledBack

    assert as_a_request(caseworker) == 1


def test_without_a_shared_cache_every_request_counts(caseworker, unread, settings):
    settings.USER_CACHE_SECONDS = 0
    as_a_request(caseworker)

    with CaptureQueriesContext(connection) as again:
        as_a_request(caseworker)

    assert len(again) == 2  # the user, and the count
