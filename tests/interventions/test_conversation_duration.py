"""A held conversation has a duration: the form proposes the norm's minutes for its kind and
requires one; a service caller that sends none gets the norm's minutes."""

import datetime
import json

import pytest
from django.utils import timezone

from interventions.forms import ContactForm
from interventions.models import Conversation
from interventions.services.conversations import log_conversation
from norms.models import NormVersion

pytestmark = pytest.mark.django_db


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def norm(db):
    """A norm version in force today with durations of its own."""
    return NormVersion.objects.create(
        effective_from=today() - datetime.timedelta(days=10),
        minutes_monitoring=40,
        minutes_intake=75,
        minutes_coaching=50,
    )


def test_a_held_conversation_without_minutes_gets_the_norms_for_its_kind(
    norm, client_file, caseworker
):
    held = log_conversation(
        client=client_file,
        held_on=today(),
        status="held",
        channel="phone",
        kind="intake",
        by=caseworker,
    )

    assert held.duration_minutes == 75


def test_minutes_given_are_kept_and_a_no_show_gets_none(norm, client_file, caseworker):
    given = log_conversation(
        client=client_file,
        held_on=today(),
        status="held",
        channel="phone",
        duration_minutes=20,
        by=caseworker,
    )
    missed = log_conversation(
        client=client_file, held_on=today(), status="no_show", channel="phone", by=caseworker
    )

    assert (given.duration_minutes, missed.duration_minutes) == (20, None)


def test_the_form_proposes_the_norms_minutes_and_tells_the_page_each_kinds(norm, client_file):
    form = ContactForm(client=client_file)

    assert form.initial["duration_minutes"] == 40  # monitoring, the usual kind
    minutes = json.loads(form.fields["kind"].widget.attrs["data-minutes"])
    assert (minutes["intake"], minutes["coaching"], minutes["monitoring"]) == (75, 50, 40)
    assert 'data-follows-kind="id_kind"' in str(form["duration_minutes"])


def test_the_form_refuses_a_held_conversation_without_a_duration(norm, client_file):
    data = {
        "version": client_file.version,
        "held_on": today().isoformat(),
        "status": "held",
        "channel": "phone",
        "kind": "monitoring",
        "duration_minutes": "",
    }

    form = ContactForm(data, client=client_file)

    assert not form.is_valid()
    assert form.errors["duration_minutes"] == ["Vul de duur van het gehouden gesprek in."]
    no_show = ContactForm({**data, "status": "no_show"}, client=client_file)
    assert no_show.is_valid(), no_show.errors


def test_a_norm_duration_of_zero_is_refused(norm):
    norm.minutes_other = 0

    with pytest.raises(Exception, match="minutes_other"):
        norm.full_clean()
    assert Conversation.Kind.OTHER == "other"
