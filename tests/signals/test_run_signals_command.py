"""`manage.py run_signals` prints, per kind of signal, how many were raised, resolved and open."""

import io

import pytest
from django.core.management import call_command

from signals.models import Signal

pytestmark = pytest.mark.django_db


def test_the_command_prints_a_line_for_every_kind_of_signal():
    out = io.StringIO()

    call_command("run_signals", "--as-of", "2026-01-15", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "Signalen per 2026-01-15"
    counted = [line.split()[0] for line in lines[2:]]
    assert counted == list(Signal.Kind.values)
    assert all(line.split()[1:] == ["0", "0", "0"] for line in lines[2:])
