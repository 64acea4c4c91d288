"""Property-based tests (Hypothesis) of the main write endpoints: whatever is sent, the answer is
201 or a 400 that names a field, never a server error; a 400 writes nothing, a 201 stores what
was sent; phases never overlap."""

import datetime
import itertools

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clients.models import Client
from interventions.models import Conversation
from phases.models import PhasePeriod
from tests.api_client import api_as
from tests.factories import make_bsn

pytestmark = pytest.mark.django_db
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TODAY = timezone.localdate()
any_date = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
recent_date = st.dates(
    min_value=datetime.date(1990, 1, 1), max_value=TODAY + datetime.timedelta(days=30)
)
some_text = st.text(max_size=120)


def assert_refused_per_field(response):
    assert response.status_code == 400, response.content
    body = response.json()
    assert isinstance(body, dict) and body and all(isinstance(v, list) for v in body.values())


@SETTINGS
@given(
    bsn=st.one_of(st.integers(1, 10**6).map(make_bsn), st.text(max_size=12)),
    first_name=some_text,
    last_name=some_text,
    date_of_birth=st.one_of(any_date, recent_date),
    regime=st.sampled_from(["owajong", "wajong2010", "wajong2015", "wajong2099", ""]),
    in_service_since=st.one_of(any_date, recent_date),
)
def test_creating_clients(
    caseworker, team, bsn, first_name, last_name, date_of_birth, regime, in_service_since
):
    before = Client.objects.count()
    response = api_as(caseworker).post(
        "/api/v1/clients/",
        {
            "bsn": bsn,
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": date_of_birth.isoformat(),
            "regime": regime,
            "in_service_since": in_service_since.isoformat(),
            "team": team.pk,
        },
        format="json",
    )
    if response.status_code == 201:
        stored = Client.objects.get(pk=response.json()["id"])
        assert (stored.bsn, stored.date_of_birth, stored.regime) == (bsn, date_of_birth, regime)
        assert (
            stored.date_of_birth <= timezone.localdate()
            and stored.in_service_since >= stored.date_of_birth
        )
    else:
        assert_refused_per_field(response)
        assert Client.objects.count() == before


@SETTINGS
@given(
    held_on=st.one_of(any_date, recent_date),
    status=st.sampled_from(["planned", "held", "no_show", "cancelled", "weg"]),
    channel=st.sampled_from(["in_person", "video", "phone", "written", "post"]),
    duration=st.one_of(st.none(), st.integers(-100, 100_000)),
    summary=st.text(max_size=300),
)
def test_logging_conversations(
    caseworker, client_file, held_on, status, channel, duration, summary
):
    before = Conversation.objects.count()
    response = api_as(caseworker).post(
        "/api/v1/conversations/",
        {
            "client": client_file.pk,
            "held_on": held_on.isoformat(),
            "status": status,
            "channel": channel,
            "duration_minutes": duration,
            "summary": summary,
        },
        format="json",
    )
    if response.status_code == 201:
        stored = Conversation.objects.get(pk=response.json()["id"])
        assert (
            stored.status != "held" or stored.held_on <= timezone.localdate()
        )  # never held in the future
        assert stored.duration_minutes is None or 1 <= stored.duration_minutes <= 24 * 60
    else:
        assert_refused_per_field(response)
        assert Conversation.objects.count() == before


@SETTINGS
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["1", "2", "3", "4", "5", ""]),
            st.one_of(any_date, recent_date),
            st.sampled_from(["Besproken met de cliënt", "", "  "]),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_phase_transitions_never_overlap(caseworker, client_file, steps):
    PhasePeriod.objects.filter(client=client_file).delete()
    api = api_as(caseworker)
    for phase, started_on, reason in steps:
        before = PhasePeriod.objects.filter(client=client_file).count()
        client_file.refresh_from_db()
        response = api.post(
            f"/api/v1/clients/{client_file.pk}/phase-transitions/",
            {
                "phase": phase,
                "started_on": started_on.isoformat(),
                "reason": reason,
                "version": client_file.version,
            },
            format="json",
        )
        if response.status_code != 201:
            assert_refused_per_field(response)
            assert PhasePeriod.objects.filter(client=client_file).count() == before
    periods = list(PhasePeriod.objects.filter(client=client_file).order_by("started_on", "id"))
    assert sum(p.ended_on is None for p in periods) <= 1
    for earlier, later in itertools.pairwise(periods):
        assert earlier.ended_on is not None and earlier.ended_on <= later.started_on
    assert all(p.started_on <= timezone.localdate() for p in periods)
