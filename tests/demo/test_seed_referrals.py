"""seed_demo's social map and referrals: a map per region, referrals mostly in phase 1, their
statuses spread, and follow-ups due this week for the demo caseworker."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, OuterRef, Q

from clients.models import Client
from clients.querysets import active_on_q
from phases.models import PhasePeriod
from phases.querysets import with_current_phase
from referrals.models import Organisation, Referral
from tests.demo.test_seed_demo import wipe
from work.selectors import clients_working_on

AS_OF = datetime.date(2026, 11, 2)


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True


@pytest.fixture
def seeded(db):
    call_command("seed_demo", clients=1000, seed=3, as_of=AS_OF, stdout=io.StringIO())


def test_every_region_has_a_social_map_of_every_kind(seeded):
    kinds = Organisation.objects.values("region").annotate(n=Count("kind", distinct=True))
    assert kinds and all(row["n"] == len(Organisation.Kind) for row in kinds)


def test_referrals_are_mostly_made_in_phase_1(seeded):
    in_phase_1 = PhasePeriod.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=OuterRef("referred_on")),
        client=OuterRef("client"),
        phase="1",
        started_on__lte=OuterRef("referred_on"),
    )
    total = Referral.objects.count()
    assert Referral.objects.filter(Exists(in_phase_1)).count() / total >= 0.75


def test_a_third_to_half_of_the_non_working_phase_1_clients_were_referred(seeded):
    phase_1 = with_current_phase(Client.objects.filter(active_on_q(AS_OF))).filter(
        current_phase="1"
    )
    idle = phase_1.exclude(pk__in=clients_working_on(AS_OF, phase_1).values("pk"))
    referred = idle.filter(Exists(Referral.objects.filter(client=OuterRef("pk"))))
    assert 0.33 <= referred.count() / idle.count() <= 0.5


def test_statuses_are_spread_and_open_ones_come_back(seeded):
    statuses = dict(Referral.objects.values_list("status").annotate(n=Count("id")).order_by())
    assert set(statuses) == set(Referral.Status.values)
    open_ones = Referral.objects.open()
    assert not open_ones.filter(follow_up_on__isnull=True).exists()
    assert open_ones.filter(follow_up_on__lt=AS_OF).exists()


def test_the_demo_caseworker_has_follow_ups_due_this_week(seeded):
    due = Referral.objects.open().filter(
        client__caseworker__username="casemanager",
        follow_up_on__range=(AS_OF, AS_OF + datetime.timedelta(days=6)),
    )
    assert due.exists()


def test_every_referral_has_its_history_row(seeded):
    history = Referral.history.filter(history_type="+")
    assert history.count() == Referral.objects.count() > 0


def test_a_second_run_after_a_wipe_makes_the_same_map(db):
    call_command("seed_demo", clients=60, seed=5, as_of=AS_OF, stdout=io.StringIO())
    first = sorted(Organisation.objects.values_list("region", "name"))
    wipe()
    call_command("seed_demo", clients=60, seed=5, as_of=AS_OF, stdout=io.StringIO())
    assert sorted(Organisation.objects.values_list("region", "name")) == first
