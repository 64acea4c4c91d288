"""seed_demo's work data: reproducible, with history, and near the proportions UWV reports
(DOMAIN.md "Work"), within tolerances a 1,000-client seed can hold."""

import datetime
import hashlib
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, OuterRef

from clients.models import Client
from clients.querysets import active_on_q
from phases.querysets import with_current_phase
from tests.demo.test_seed_demo import wipe
from work.models import Employer, Job, JobRenewal, Provision
from work.selectors import (
    clients_working_on,
    placements,
    retained_placements,
    with_strongest_contract_on,
)

AS_OF = datetime.date(2026, 11, 2)


def seed(clients: int, seed: int = 1) -> None:
    call_command("seed_demo", clients=clients, seed=seed, as_of=AS_OF, stdout=io.StringIO())


def work_fingerprint() -> str:
    parts = [
        Employer.objects.order_by("payroll_tax_number").values_list(
            "payroll_tax_number", "name", "kvk_number"
        ),
        Job.objects.order_by("client__bsn", "started_on", "kind", "id").values_list(
            "client__bsn",
            "kind",
            "employer__payroll_tax_number",
            "contract",
            "hours_per_week",
            "started_on",
            "planned_end_on",
            "ended_on",
            "end_reason",
            "placed_by",
        ),
        JobRenewal.objects.order_by("job__client__bsn", "renewed_on", "id").values_list(
            "job__client__bsn", "renewed_on", "new_planned_end_on", "made_permanent"
        ),
        Provision.objects.order_by("client__bsn", "applied_on", "kind").values_list(
            "client__bsn", "kind", "applied_on", "decision", "valid_from", "wage_value_percent"
        ),
    ]
    return hashlib.sha256(repr([list(p) for p in parts]).encode()).hexdigest()


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True


@pytest.fixture
def seeded(db):
    seed(1000, seed=3)


def test_the_same_seed_gives_the_same_work_data(db):
    seed(120, seed=7)
    first = work_fingerprint()
    wipe()

    seed(120, seed=7)

    assert work_fingerprint() == first
    assert Job.objects.exists() and JobRenewal.objects.exists()


def test_every_work_record_has_a_history_row_with_the_demo_reason(seeded):
    for model in (Employer, Job, JobRenewal, Provision):
        history = model.history.filter(history_type="+")
        assert history.count() == model.objects.count() > 0, model
        assert not history.exclude(history_change_reason__startswith="Demodata").exists()


def test_about_half_of_the_active_clients_work_in_paid_employment(seeded):
    clients = Client.objects.filter(active_on_q(AS_OF))
    employed = Job.objects.filter(client=OuterRef("pk"), kind__in=["regular", "sheltered"])
    share = clients.filter(Exists(employed.running_on(AS_OF))).count() / clients.count()
    assert 0.44 <= share <= 0.58, share  # 2022: 50.9 %


def test_phase_four_clients_mostly_work_and_phase_one_clients_rarely(seeded):
    clients = with_current_phase(Client.objects.filter(active_on_q(AS_OF)))
    share = {}
    for phase in ("1", "4"):
        in_phase = clients.filter(current_phase=phase)
        share[phase] = clients_working_on(AS_OF, in_phase).count() / in_phase.count()
    assert share["4"] >= 0.85 and share["1"] <= 0.15, share


def test_regular_sheltered_and_self_employed_are_near_2022(seeded):
    working = clients_working_on(AS_OF, Client.objects.filter(active_on_q(AS_OF)))
    counts = {
        kind: working.filter(
            Exists(Job.objects.filter(client=OuterRef("pk"), kind=kind).running_on(AS_OF))
        ).count()
        for kind in ("regular", "sheltered", "self_employed")
    }
    total = working.count()
    assert 0.55 <= counts["regular"] / total <= 0.72, counts  # 37,100 of 58,760
    assert 0.22 <= counts["sheltered"] / total <= 0.38, counts  # 17,500
    assert 0.04 <= counts["self_employed"] / total <= 0.15, counts  # 5,570


def test_contracts_at_a_regular_employer_are_near_60_33_7(seeded):
    regular = Client.objects.filter(
        Exists(Job.objects.filter(client=OuterRef("pk"), kind="regular").running_on(AS_OF))
    )
    rows = with_strongest_contract_on(regular, AS_OF).values_list("strongest_contract")
    counts = dict(rows.annotate(n=Count("id")).order_by())
    total = sum(counts.values())
    for contract, expected in (("permanent", 0.60), ("temporary", 0.33), ("agency", 0.07)):
        assert abs(counts.get(contract, 0) / total - expected) <= 0.08, counts


def test_placements_and_renewals_a_year_are_of_the_reported_order(seeded):
    year = Job.objects.filter(started_on__year=2024)
    per_110k = 110_000 / Client.objects.count()
    placed = placements(year).count() * per_110k
    renewed = JobRenewal.objects.filter(renewed_on__year=2024).count() * per_110k
    assert 4_000 <= placed <= 14_000, placed  # ~7,000 a year
    assert 4_000 <= renewed <= 15_000, renewed  # ~8,500 a year


def test_retention_a_year_after_placement_is_near_39_23_38(seeded):
    # The placements of the last five years: the history before them is left out (jobs that
    # ended seven or more years ago), so older placements are those still at work since.
    recent = Job.objects.filter(started_on__gte=AS_OF - datetime.timedelta(days=5 * 365))
    rows = retained_placements(as_of=AS_OF, jobs=recent).values_list("retention")
    counts = dict(rows.annotate(n=Count("id")).order_by())
    total = sum(counts.values())
    for status, expected in (
        ("same_employer", 0.39),
        ("other_employer", 0.23),
        ("not_working", 0.38),
    ):
        assert abs(counts.get(status, 0) / total - expected) <= 0.12, counts


def test_some_fixed_term_contracts_end_in_the_next_eight_weeks(seeded):
    ending = Job.objects.filter(
        contract__in=["temporary", "agency"],
        ended_on__isnull=True,
        planned_end_on__range=(AS_OF, AS_OF + datetime.timedelta(days=56)),
    )
    assert ending.exists()
    assert not Job.objects.filter(
        contract__in=["temporary", "agency"], ended_on__isnull=True, planned_end_on__lt=AS_OF
    ).exists()


def test_some_jobs_ended_two_to_twelve_months_ago(seeded):
    recent = Job.objects.filter(
        ended_on__range=(AS_OF - datetime.timedelta(days=365), AS_OF - datetime.timedelta(days=60))
    )
    assert recent.exists()
    assert not Job.objects.filter(ended_on__gt=AS_OF).exists()


def test_provisions_are_near_table_3_7(seeded):
    regular = Client.objects.filter(
        Exists(Job.objects.filter(client=OuterRef("pk"), kind="regular").running_on(AS_OF))
    )

    def share(kind: str) -> float:
        granted = Provision.objects.filter(client=OuterRef("pk"), kind=kind, decision="granted")
        return regular.filter(Exists(granted)).count() / regular.count()

    assert 0.28 <= share("wage_dispensation") <= 0.48  # 38 %
    assert 0.14 <= share("job_coach") <= 0.32  # 23 %
    dispensations = Provision.objects.filter(kind="wage_dispensation", decision="granted")
    assert not dispensations.filter(wage_value_percent__isnull=True).exists()
    assert not dispensations.filter(review_on__isnull=True).exists()
