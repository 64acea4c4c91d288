"""Writes to the client file: create, update with optimistic locking, and handovers."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clients.models import CaseworkerAssignment, Client, Regime
from clients.services import assign_caseworker, create_client, update_client
from common.exceptions import EditConflict
from tests.factories import CaseworkerAssignmentFactory, CaseworkerFactory, TeamFactory

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def new_client(team, by, **overrides: Any) -> Client:
    fields: dict[str, Any] = {
        "bsn": VALID_BSN,
        "first_name": "Sanne",
        "last_name": "de Boer",
        "date_of_birth": datetime.date(1998, 3, 14),
        "regime": Regime.WAJONG2010,
        "in_service_since": datetime.date(2016, 9, 1),
        "team": team,
        "by": by,
    }
    fields.update(overrides)
    return create_client(**fields)


# create_client ---------------------------------------------------------------------------


def test_create_client_writes_a_history_row_with_the_user_and_the_reason(team, caseworker):
    client = new_client(team, caseworker, change_reason="Aanmelding via Wajong-intake")

    row = client.history.get()
    assert row.history_type == "+"
    assert row.history_user == caseworker
    assert row.history_change_reason == "Aanmelding via Wajong-intake"


def test_create_client_starts_at_version_one(team, caseworker):
    client = new_client(team, caseworker)

    assert Client.objects.get(pk=client.pk).version == 1


def test_create_client_with_a_caseworker_opens_an_assignment_from_today(team, caseworker):
    client = new_client(team, caseworker, caseworker=caseworker)

    assignment = CaseworkerAssignment.objects.get(client=client)
    assert assignment.caseworker == caseworker
    assert assignment.started_on == today()
    assert assignment.ended_on is None


def test_create_client_with_an_invalid_bsn_is_refused_on_bsn_in_dutch(team, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        new_client(team, caseworker, bsn="111222334")

    assert "bsn" in excinfo.value.message_dict
    assert "elfproef" in excinfo.value.message_dict["bsn"][0]


def test_create_client_with_an_invalid_bsn_writes_nothing(team, caseworker):
    with pytest.raises(ValidationError):
        new_client(team, caseworker, bsn="111222334", caseworker=caseworker)

    assert not Client.objects.exists()
    assert not Client.history.exists()
    assert not CaseworkerAssignment.objects.exists()


def test_create_client_with_a_bsn_already_in_use_is_refused_on_bsn(team, caseworker):
    new_client(team, caseworker, bsn=VALID_BSN)

    with pytest.raises(ValidationError) as excinfo:
        new_client(team, caseworker, bsn=VALID_BSN, first_name="Anders")

    assert "bsn" in excinfo.value.message_dict
    assert Client.objects.filter(bsn=VALID_BSN).count() == 1


def test_create_client_strips_whitespace_around_the_bsn(team, caseworker):
    client = new_client(team, caseworker, bsn=f" {VALID_BSN} ")

    assert Client.objects.get(pk=client.pk).bsn == VALID_BSN


def test_create_client_with_a_caseworker_outside_the_team_is_refused(team, caseworker):
    outsider = CaseworkerFactory.create(
        username="ad.elders", team=TeamFactory.create(name="Team Zwolle 2")
    )

    with pytest.raises(ValidationError) as excinfo:
        new_client(team, caseworker, caseworker=outsider)

    assert "caseworker" in excinfo.value.message_dict
    assert not Client.objects.exists()


def test_create_client_born_tomorrow_is_refused(team, caseworker):
    with pytest.raises(ValidationError) as excinfo:
        new_client(team, caseworker, date_of_birth=today() + days(1), in_service_since=today())

    assert "date_of_birth" in excinfo.value.message_dict
    assert not Client.objects.exists()


def test_create_client_born_today_is_accepted(team, caseworker):
    client = new_client(team, caseworker, date_of_birth=today(), in_service_since=today())

    assert Client.objects.get(pk=client.pk).date_of_birth == today()


# update_client ---------------------------------------------------------------------------


def test_update_client_increments_the_version(client_file, caseworker):
    before = client_file.version

    updated = update_client(
        client=client_file,
        expected_version=before,
        changes={"last_name": "Visser"},
        by=caseworker,
    )

    assert updated.version == before + 1
    assert Client.objects.get(pk=client_file.pk).version == before + 1


def test_update_client_brings_the_callers_object_up_to_date(client_file, caseworker):
    before = client_file.version

    update_client(
        client=client_file,
        expected_version=before,
        changes={"last_name": "  Visser "},
        by=caseworker,
    )

    assert (client_file.last_name, client_file.version) == ("Visser", before + 1)


def test_update_client_records_the_user_and_the_reason_in_the_history(client_file, caseworker):
    update_client(
        client=client_file,
        expected_version=client_file.version,
        changes={"last_name": "Visser"},
        by=caseworker,
        change_reason="Naamswijziging na huwelijk",
    )

    row = Client.history.filter(id=client_file.pk).latest("history_date")
    assert row.last_name == "Visser"
    assert row.history_user == caseworker
    assert row.history_change_reason == "Naamswijziging na huwelijk"


def test_update_client_with_a_stale_version_raises_edit_conflict(client_file, caseworker):
    read_version = client_file.version
    update_client(
        client=client_file,
        expected_version=read_version,
        changes={"first_name": "Eerste"},
        by=caseworker,
    )

    with pytest.raises(EditConflict) as excinfo:
        update_client(
            client=client_file,
            expected_version=read_version,
            changes={"first_name": "Tweede"},
            by=caseworker,
        )

    assert excinfo.value.current_version == read_version + 1


def test_update_client_with_a_stale_version_changes_nothing(client_file, caseworker):
    read_version = client_file.version
    update_client(
        client=client_file,
        expected_version=read_version,
        changes={"first_name": "Eerste"},
        by=caseworker,
    )
    history_count = Client.history.filter(id=client_file.pk).count()

    with pytest.raises(EditConflict):
        update_client(
            client=client_file,
            expected_version=read_version,
            changes={"first_name": "Tweede"},
            by=caseworker,
        )

    row = Client.objects.get(pk=client_file.pk)
    assert row.first_name == "Eerste"
    assert row.version == read_version + 1
    assert Client.history.filter(id=client_file.pk).count() == history_count


@pytest.mark.parametrize("field", ["version", "id", "created_at"])
def test_update_client_refuses_a_field_that_is_not_editable_there(client_file, caseworker, field):
    with pytest.raises(ValidationError) as excinfo:
        update_client(
            client=client_file,
            expected_version=client_file.version,
            changes={field: 99},
            by=caseworker,
        )

    assert field in excinfo.value.message_dict
    assert Client.objects.get(pk=client_file.pk).version == client_file.version


def test_update_client_with_an_invalid_bsn_changes_nothing(client_file, caseworker):
    original_bsn = client_file.bsn

    with pytest.raises(ValidationError):
        update_client(
            client=client_file,
            expected_version=client_file.version,
            changes={"bsn": "111222334"},
            by=caseworker,
        )

    row = Client.objects.get(pk=client_file.pk)
    assert (row.bsn, row.version) == (original_bsn, client_file.version)


def test_update_client_moving_to_a_team_the_caseworker_is_not_in_is_refused(
    client_file, caseworker
):
    other_team = TeamFactory.create(name="Team Zwolle 2")

    with pytest.raises(ValidationError) as excinfo:
        update_client(
            client=client_file,
            expected_version=client_file.version,
            changes={"team": other_team},
            by=caseworker,
        )

    assert "caseworker" in excinfo.value.message_dict


# assign_caseworker -----------------------------------------------------------------------


@pytest.fixture
def assigned_since_2024(client_file, caseworker):
    """`caseworker` is the fixed contact person of `client_file` since 1 March 2024."""
    return CaseworkerAssignmentFactory.create(
        client=client_file, caseworker=caseworker, started_on=datetime.date(2024, 3, 1)
    )


HANDOVER_ON = datetime.date(2024, 9, 2)


def test_handover_ends_the_previous_assignment_on_the_handover_date(
    client_file, caseworker, colleague, assigned_since_2024
):
    assign_caseworker(client=client_file, caseworker=colleague, on=HANDOVER_ON, by=caseworker)

    assigned_since_2024.refresh_from_db()
    assert assigned_since_2024.ended_on == HANDOVER_ON


def test_handover_starts_the_new_assignment_on_the_handover_date_with_the_note(
    client_file, caseworker, colleague, assigned_since_2024
):
    new = assign_caseworker(
        client=client_file,
        caseworker=colleague,
        on=HANDOVER_ON,
        handover_note="Cliënt werkt 20 uur bij een bakkerij; jobcoach loopt tot december.",
        by=caseworker,
    )

    assert new is not None
    new.refresh_from_db()
    assert (new.caseworker, new.started_on, new.ended_on) == (colleague, HANDOVER_ON, None)
    assert new.handover_note.startswith("Cliënt werkt 20 uur")
    assert Client.objects.get(pk=client_file.pk).caseworker == colleague


def test_handovers_keep_the_history_of_who_was_responsible_when(
    client_file, caseworker, colleague, assigned_since_2024
):
    third = CaseworkerFactory.create(username="ad.smit", team=client_file.team)
    assign_caseworker(client=client_file, caseworker=colleague, on=HANDOVER_ON, by=caseworker)
    assign_caseworker(
        client=client_file, caseworker=third, on=datetime.date(2025, 1, 6), by=caseworker
    )

    periods = list(
        client_file.assignments.order_by("started_on").values_list(
            "caseworker", "started_on", "ended_on"
        )
    )
    assert periods == [
        (caseworker.pk, datetime.date(2024, 3, 1), HANDOVER_ON),
        (colleague.pk, HANDOVER_ON, datetime.date(2025, 1, 6)),
        (third.pk, datetime.date(2025, 1, 6), None),
    ]


def test_handover_records_the_user_and_the_reason_on_the_ended_assignment(
    client_file, caseworker, colleague, assigned_since_2024
):
    assign_caseworker(
        client=client_file,
        caseworker=colleague,
        on=HANDOVER_ON,
        by=caseworker,
        change_reason="Herverdeling caseload",
    )

    row = assigned_since_2024.history.latest("history_date")
    assert row.ended_on == HANDOVER_ON
    assert row.history_user == caseworker
    assert row.history_change_reason == "Herverdeling caseload"


def test_handover_increments_the_client_version(
    client_file, caseworker, colleague, assigned_since_2024
):
    before = client_file.version

    assign_caseworker(client=client_file, caseworker=colleague, on=HANDOVER_ON, by=caseworker)

    assert Client.objects.get(pk=client_file.pk).version == before + 1
    assert client_file.version == before + 1


def test_handover_on_the_day_the_current_assignment_started_is_accepted(
    client_file, caseworker, colleague, assigned_since_2024
):
    start = assigned_since_2024.started_on

    assign_caseworker(client=client_file, caseworker=colleague, on=start, by=caseworker)

    assigned_since_2024.refresh_from_db()
    assert assigned_since_2024.ended_on == start
    assert client_file.assignments.get(ended_on__isnull=True).caseworker == colleague


def test_handover_dated_before_the_current_assignment_is_refused(
    client_file, caseworker, colleague, assigned_since_2024
):
    with pytest.raises(ValidationError) as excinfo:
        assign_caseworker(
            client=client_file,
            caseworker=colleague,
            on=assigned_since_2024.started_on - days(1),
            by=caseworker,
        )

    assert "on" in excinfo.value.message_dict
    assigned_since_2024.refresh_from_db()
    assert assigned_since_2024.ended_on is None
    assert client_file.assignments.count() == 1


def test_handover_dated_tomorrow_is_refused(
    client_file, caseworker, colleague, assigned_since_2024
):
    with pytest.raises(ValidationError) as excinfo:
        assign_caseworker(
            client=client_file, caseworker=colleague, on=today() + days(1), by=caseworker
        )

    assert "on" in excinfo.value.message_dict
    assert Client.objects.get(pk=client_file.pk).caseworker == caseworker


def test_handover_dated_today_is_accepted(client_file, caseworker, colleague, assigned_since_2024):
    assign_caseworker(client=client_file, caseworker=colleague, on=today(), by=caseworker)

    assert client_file.assignments.get(ended_on__isnull=True).started_on == today()


def test_handover_to_a_caseworker_outside_the_team_is_refused(
    client_file, caseworker, assigned_since_2024
):
    outsider = CaseworkerFactory.create(
        username="ad.elders", team=TeamFactory.create(name="Team Zwolle 2")
    )

    with pytest.raises(ValidationError) as excinfo:
        assign_caseworker(client=client_file, caseworker=outsider, on=HANDOVER_ON, by=caseworker)

    assert "caseworker" in excinfo.value.message_dict
    assert client_file.assignments.count() == 1


def test_assigning_the_current_caseworker_again_is_refused(
    client_file, caseworker, assigned_since_2024
):
    with pytest.raises(ValidationError) as excinfo:
        assign_caseworker(client=client_file, caseworker=caseworker, on=HANDOVER_ON, by=caseworker)

    assert "caseworker" in excinfo.value.message_dict


def test_assigning_nobody_leaves_no_open_assignment(client_file, caseworker, assigned_since_2024):
    result = assign_caseworker(client=client_file, caseworker=None, on=HANDOVER_ON, by=caseworker)

    assert result is None
    assert not client_file.assignments.filter(ended_on__isnull=True).exists()
    assert Client.objects.get(pk=client_file.pk).caseworker is None
    assigned_since_2024.refresh_from_db()
    assert assigned_since_2024.ended_on == HANDOVER_ON


def test_handover_with_a_stale_version_raises_edit_conflict_and_changes_nothing(
    client_file, caseworker, colleague, assigned_since_2024
):
    stale = client_file.version
    update_client(
        client=client_file, expected_version=stale, changes={"last_name": "Visser"}, by=caseworker
    )

    with pytest.raises(EditConflict):
        assign_caseworker(
            client=client_file,
            caseworker=colleague,
            on=HANDOVER_ON,
            by=caseworker,
            expected_version=stale,
        )

    assigned_since_2024.refresh_from_db()
    assert assigned_since_2024.ended_on is None
    assert Client.objects.get(pk=client_file.pk).caseworker == caseworker
    assert client_file.assignments.count() == 1


def test_handover_records_the_reason_on_the_new_assignment(
    client_file, caseworker, colleague, assigned_since_2024
):
    new = assign_caseworker(
        client=client_file,
        caseworker=colleague,
        on=HANDOVER_ON,
        handover_note="Lopende afspraken: sollicitatietraining.",
        by=caseworker,
        change_reason="Herverdeling caseload",
    )

    assert new is not None
    row = new.history.get()
    assert row.history_user == caseworker
    assert row.history_change_reason == "Herverdeling caseload"


def test_handover_with_a_long_note_is_recorded(
    client_file, caseworker, colleague, assigned_since_2024
):
    note = " ".join(["Cliënt werkt 20 uur per week bij een bakkerij."] * 5)  # > 100 characters

    new = assign_caseworker(
        client=client_file, caseworker=colleague, on=HANDOVER_ON, handover_note=note, by=caseworker
    )

    assert new is not None
    assert CaseworkerAssignment.objects.get(pk=new.pk).handover_note == note


def test_update_client_moves_team_and_caseworker_in_one_change(client_file, caseworker):
    other_team = TeamFactory.create(name="Team Zwolle 2")
    newcomer = CaseworkerFactory.create(username="ad.zwolle", team=other_team)
    before = client_file.version

    update_client(
        client=client_file,
        expected_version=before,
        changes={"team": other_team, "caseworker": newcomer},
        handover_note="Verhuisd naar Zwolle",
        by=caseworker,
        change_reason="Verhuizing",
    )

    row = Client.objects.get(pk=client_file.pk)
    assert (row.team, row.caseworker, row.version) == (other_team, newcomer, before + 1)
    current = row.assignments.get(ended_on__isnull=True)
    assert (current.caseworker, current.handover_note) == (newcomer, "Verhuisd naar Zwolle")


def test_update_client_moving_team_keeps_a_caseworker_from_the_old_team_out(
    client_file, caseworker
):
    other_team = TeamFactory.create(name="Team Zwolle 3")

    with pytest.raises(ValidationError) as excinfo:
        update_client(
            client=client_file,
            expected_version=client_file.version,
            changes={"team": other_team},
            by=caseworker,
        )

    assert "caseworker" in excinfo.value.message_dict
    assert Client.objects.get(pk=client_file.pk).team != other_team
