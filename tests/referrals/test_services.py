"""Referring a client to the social map, and a referral's status and follow-up over time."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from referrals.models import Organisation, Referral
from referrals.services import (
    change_referral,
    change_referral_status,
    move_follow_up,
    record_follow_up,
    refer_client,
    save_organisation,
)
from tests.referrals.factories import OrganisationFactory, ReferralFactory

pytestmark = pytest.mark.django_db
D = datetime.date
Status = Referral.Status


def today() -> D:
    return timezone.localdate()


def refer(client_file, organisation, caseworker, **values) -> Referral:
    fields = {"referred_on": D(2025, 3, 3), "consent_on": D(2025, 3, 3)} | values
    return refer_client(client=client_file, organisation=organisation, by=caseworker, **fields)


def test_a_referral_is_recorded_with_who_and_why(client_file, organisation, caseworker):
    referral = refer(client_file, organisation, caseworker, change_reason="Schulden groeien")

    assert referral.status == Status.REFERRED
    assert referral.referred_by == caseworker
    assert referral.follow_up_on == D(2025, 4, 14)  # six weeks on, when none is given
    created = referral.history.get()
    assert (created.history_user, created.history_change_reason) == (
        caseworker,
        "Schulden groeien",
    )


def test_consent_on_the_referral_day_is_accepted_and_after_it_refused(
    client_file, organisation, caseworker
):
    refer(client_file, organisation, caseworker, consent_on=D(2025, 3, 3))
    with pytest.raises(ValidationError) as refused:
        refer(client_file, organisation, caseworker, consent_on=D(2025, 3, 4))
    assert "consent_on" in refused.value.message_dict


def test_consent_after_today_is_refused(client_file, organisation, caseworker):
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        refer(client_file, organisation, caseworker, referred_on=today(), consent_on=tomorrow)
    assert "consent_on" in refused.value.message_dict


def test_a_referral_in_the_future_is_refused(client_file, organisation, caseworker):
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        refer(client_file, organisation, caseworker, referred_on=tomorrow, consent_on=today())
    assert "referred_on" in refused.value.message_dict


def test_consent_before_the_clients_birth_is_refused(client_file, organisation, caseworker):
    born = client_file.date_of_birth
    with pytest.raises(ValidationError) as refused:
        refer(client_file, organisation, caseworker, consent_on=born - datetime.timedelta(days=1))
    assert "geboortedatum" in refused.value.message_dict["consent_on"][0]
    refer(client_file, organisation, caseworker, consent_on=born)  # the day itself is fine


def test_an_inactive_organisation_takes_no_new_referrals(client_file, caseworker):
    closed = OrganisationFactory.create(active=False)
    with pytest.raises(ValidationError) as refused:
        refer(client_file, closed, caseworker)
    assert "organisation" in refused.value.message_dict


def test_a_follow_up_before_the_referral_is_refused(client_file, organisation, caseworker):
    with pytest.raises(ValidationError) as refused:
        refer(client_file, organisation, caseworker, follow_up_on=D(2025, 3, 2))
    assert "follow_up_on" in refused.value.message_dict


def test_a_past_referral_is_recorded_closed_without_a_follow_up(
    client_file, organisation, caseworker
):
    referral = refer(client_file, organisation, caseworker, status=Status.FINISHED)
    assert referral.follow_up_on is None


def test_closing_a_referral_clears_its_follow_up(client_file, caseworker):
    referral = ReferralFactory.create(client=client_file, status=Status.IN_CARE)
    change_referral_status(referral=referral, status=Status.FINISHED, by=caseworker)
    referral.refresh_from_db()
    assert (referral.status, referral.follow_up_on) == (Status.FINISHED, None)
    assert referral.history.first().history_change_reason == "Status van de verwijzing gewijzigd"


def test_in_care_cannot_go_back_to_waiting(client_file, caseworker):
    referral = ReferralFactory.create(client=client_file, status=Status.IN_CARE)
    with pytest.raises(ValidationError) as refused:
        change_referral_status(referral=referral, status=Status.WAITING, by=caseworker)
    assert "status" in refused.value.message_dict


@pytest.mark.parametrize("final", [Status.FINISHED, Status.DROPPED_OUT])
def test_a_closed_referral_is_reopened_only_with_a_reason(client_file, caseworker, final):
    referral = ReferralFactory.create(client=client_file, status=final, follow_up_on=None)
    with pytest.raises(ValidationError) as refused:
        change_referral_status(referral=referral, status=Status.IN_CARE, by=caseworker)
    assert "change_reason" in refused.value.message_dict

    change_referral_status(
        referral=referral, status=Status.IN_CARE, by=caseworker, change_reason="Terugval"
    )
    referral.refresh_from_db()
    assert referral.status == Status.IN_CARE
    assert referral.follow_up_on == today() + datetime.timedelta(weeks=6)
    assert referral.history.first().history_change_reason == "Terugval"


def test_the_follow_up_moves_to_today_but_not_before(client_file, caseworker):
    referral = ReferralFactory.create(client=client_file)
    with pytest.raises(ValidationError) as refused:
        move_follow_up(
            referral=referral, follow_up_on=today() - datetime.timedelta(days=1), by=caseworker
        )
    assert "follow_up_on" in refused.value.message_dict
    move_follow_up(referral=referral, follow_up_on=today(), by=caseworker)
    referral.refresh_from_db()
    assert referral.follow_up_on == today()


def test_a_follow_up_records_the_status_and_the_next_date(client_file, caseworker):
    referral = ReferralFactory.create(client=client_file)
    next_time = today() + datetime.timedelta(days=14)
    record_follow_up(
        referral=referral, status=Status.WAITING, follow_up_on=next_time, by=caseworker
    )
    referral.refresh_from_db()
    assert (referral.status, referral.follow_up_on) == (Status.WAITING, next_time)
    assert referral.history.first().history_change_reason == "Verwijzing nagegaan"


def test_a_follow_up_of_an_open_referral_needs_a_later_day(client_file, caseworker):
    referral = ReferralFactory.create(client=client_file)
    with pytest.raises(ValidationError) as refused:
        record_follow_up(
            referral=referral, status=Status.REFERRED, follow_up_on=today(), by=caseworker
        )
    assert "follow_up_on" in refused.value.message_dict


def test_a_correction_that_changes_nothing_saves_nothing(client_file, caseworker):
    referral = ReferralFactory.create(client=client_file, note="Eerst bellen")
    before = referral.history.count()
    change_referral(referral=referral, changes={"note": "Eerst bellen"}, by=caseworker)
    assert referral.history.count() == before


def test_an_unknown_field_is_refused(client_file, caseworker):
    referral = ReferralFactory.create(client=client_file)
    with pytest.raises(ValidationError) as refused:
        change_referral(referral=referral, changes={"client": 3}, by=caseworker)
    assert "client" in refused.value.message_dict


def test_the_functional_administrator_keeps_the_social_map(admin_user):
    organisation = save_organisation(
        organisation=Organisation(name="Buurtteam Oost", kind="social_work", region="Utrecht"),
        by=admin_user,
    )
    assert organisation.history.get().history_change_reason == "Sociale kaart bijgewerkt"
    with pytest.raises(ValidationError):
        save_organisation(
            organisation=Organisation(name="Buurtteam Oost", kind="other", region="Utrecht"),
            by=admin_user,
        )


def test_organisations_of_the_teams_region_come_first(team):
    OrganisationFactory.create(name="Amsterdamse schuldhulp", region="Amsterdam")
    OrganisationFactory.create(name="Zorg Utrecht", region="Utrecht")
    names = [o.name for o in Organisation.objects.region_first(team)]
    assert names == ["Zorg Utrecht", "Amsterdamse schuldhulp"]
