"""A referral comes back in the caseworker's work queue on its follow-up date, and leaves it
once followed up."""

import datetime

import pytest
from django.utils import timezone

from casework.work_queue import Kind, work_queue
from referrals.models import Referral
from tests.api_client import api_as
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db
day = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def follow_ups(caseworker, start, end=None) -> list[tuple[datetime.date, int]]:
    items = work_queue(caseworker=caseworker, viewer=caseworker, start=start, end=end or start)
    return [(i.due_on, i.ref) for i in items if i.kind == Kind.REFERRAL_FOLLOW_UP]


@pytest.fixture
def referral(client_file):
    return ReferralFactory.create(
        client=client_file,
        referred_on=D(2026, 1, 5),
        consent_on=D(2026, 1, 5),
        follow_up_on=D(2026, 2, 16),
    )


D = datetime.date


def test_a_referral_is_due_on_its_follow_up_date_not_the_day_before(referral, caseworker):
    assert follow_ups(caseworker, D(2026, 2, 15)) == []
    assert follow_ups(caseworker, D(2026, 2, 16)) == [(D(2026, 2, 16), referral.pk)]


def test_an_overdue_follow_up_stays_while_the_referral_is_open(referral, caseworker):
    assert follow_ups(caseworker, D(2026, 3, 2)) == [(D(2026, 2, 16), referral.pk)]
    referral.status, referral.follow_up_on = Referral.Status.FINISHED, None
    referral.save()
    assert follow_ups(caseworker, D(2026, 3, 2)) == []


def test_a_colleagues_referrals_are_not_in_my_queue(referral, colleague):
    assert follow_ups(colleague, D(2026, 2, 16)) == []


@pytest.mark.parametrize(
    ("start", "end", "listed"),
    [
        (D(2026, 2, 16), D(2026, 2, 16), True),  # on the follow-up date
        (D(2026, 2, 10), D(2026, 2, 15), False),  # a range ending the day before
        (D(2026, 3, 1), D(2026, 3, 7), True),  # after it, still open: overdue
    ],
)
def test_the_queue_api_lists_the_follow_up_with_its_date_and_referral(
    referral, client_file, caseworker, start, end, listed
):
    body = api_as(caseworker).get(
        "/api/v1/work-queue/", {"from": start.isoformat(), "to": end.isoformat()}
    )

    assert body.status_code == 200
    items = [item for item in body.json()["items"] if item["kind"] == "referral_follow_up"]
    expected = {"kind": "referral_follow_up", "client": client_file.pk, "due_on": "2026-02-16"}
    assert items == ([expected | {"ref": referral.pk}] if listed else [])


def test_following_up_from_the_queue_takes_it_off(client, client_file, caseworker):
    due = ReferralFactory.create(
        client=client_file, referred_on=today(), consent_on=today(), follow_up_on=today()
    )
    client.force_login(caseworker)
    page = client.get("/werk/").content.decode()
    assert f"/werk/verwijzing/{due.pk}/nagaan/" in page

    next_time = today() + 14 * day
    response = client.post(
        f"/werk/verwijzing/{due.pk}/nagaan/",
        {"status": "waiting", "follow_up_on": next_time.isoformat()},
    )
    assert response.status_code == 302
    due.refresh_from_db()
    assert (due.status, due.follow_up_on) == ("waiting", next_time)
    assert follow_ups(caseworker, today()) == []


def test_a_follow_up_without_a_next_date_is_refused_and_stays(client, client_file, caseworker):
    due = ReferralFactory.create(
        client=client_file, referred_on=today(), consent_on=today(), follow_up_on=today()
    )
    client.force_login(caseworker)
    client.post(f"/werk/verwijzing/{due.pk}/nagaan/", {"status": "in_care", "follow_up_on": ""})
    due.refresh_from_db()
    assert (due.status, due.follow_up_on) == ("referred", today())
