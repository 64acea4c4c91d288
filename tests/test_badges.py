"""Every status marker is the NL Design System status badge: one tag renders it, a status has
the tone of its meaning, and no template writes the old hand-made .flag / .tag markers."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from interventions.models import Agreement, Conversation
from signals.models import Signal
from tests.factories import PhasePeriodFactory, SignalFactory

ROOT = Path(settings.BASE_DIR)
BADGE = '<span class="utrecht-status-badge{}">{}</span>'


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_a_badge_names_its_tone_and_info_is_the_plain_badge():
    assert render('{% badge "verlopen" "danger" %}') == BADGE.format(
        " utrecht-status-badge--danger", "verlopen"
    )
    assert render('{% badge "vandaag" %}') == BADGE.format("", "vandaag")


def test_a_badge_escapes_its_label():
    assert "&lt;b&gt;" in render("{% badge label %}", label="<b>")


def test_an_unknown_tone_is_refused_rather_than_shown_unstyled():
    with pytest.raises(ValueError, match="tone"):
        render('{% badge "x" "red" %}')


@pytest.mark.parametrize(
    "record, tone",
    [
        (Conversation(status="no_show"), "danger"),
        (Conversation(status="held"), "success"),
        (Agreement(status="open"), ""),  # an open agreement is news, not an alarm
        (Signal(status="open"), "danger"),  # an open signal is
        (Signal(status="dismissed"), "neutral"),
    ],
)
def test_a_status_badge_takes_the_tone_of_what_the_status_means(record, tone):
    html = render("{% status_badge record %}", record=record)

    modifier = f" utrecht-status-badge--{tone}" if tone else ""
    assert html == BADGE.format(modifier, record.get_status_display())


def test_a_work_queue_item_that_is_late_is_danger_and_one_due_soon_a_warning():
    assert render(
        "{{ 'missed'|kind_tone }} {{ 'agreement_due'|kind_tone }} {{ 'planned'|kind_tone }}"
    ) == ("danger warning info")


def test_no_template_writes_the_old_flag_or_tag_markers():
    old = re.compile(r'class="[^"]*\b(flag|tag)\b')
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and old.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_file_shows_its_phase_and_open_signals_as_badges(client, caseworker, client_file):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2024, 1, 1))
    SignalFactory.create(client=client_file, kind="no_contact")
    client.force_login(caseworker)

    html = client.get(f"/clienten/{client_file.pk}/").content.decode()

    assert BADGE.format(" utrecht-status-badge--neutral", "2") in html
    assert (
        BADGE.format(" utrecht-status-badge--danger", "Geen contact in het afgelopen jaar") in html
    )
