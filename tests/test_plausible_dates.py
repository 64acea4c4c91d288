"""One set of date rules: each record declares once which dates it takes, and its API serializer
and its web forms read that declaration; the forms write the bounds as "1 januari 1900"."""

import datetime
import importlib
import inspect
from typing import Any

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from rest_framework import serializers

from audit.forms import AccessLogFilterForm, ChangeSearchForm, HistoryFilterForm
from casework.api.serializers import ClientSerializer, PhaseTransitionSerializer
from casework.forms import (
    CaseloadFilterForm,
    ConversationExportForm,
    DismissSignalForm,
    EndExemptionForm,
    MovePlanForm,
)
from casework.letters import LetterForm
from clients.models import Client
from clients.rules import CLIENT_DATES
from common.forms import PlausibleDates, plausible_rule
from common.plausible import EARLIEST, Plausible
from interventions.api.serializers import (
    AgreementSerializer,
    ContactExemptionSerializer,
    ConversationSerializer,
    TrajectoryChangeSerializer,
    TrajectorySerializer,
    WorkPlanSerializer,
)
from interventions.forms import AgreeForm, AgreementRowForm, ContactExemptionForm, ContactForm
from interventions.models import Agreement, ContactExemption, Conversation, Trajectory
from interventions.trajectory_forms import (
    CloseForm,
    PauseForm,
    PurchaseForm,
    ResumeForm,
    StartForm,
)
from interventions.validators import STATUS_CHANGE_DATES
from phases.api.serializers import PhaseExemptionSerializer
from phases.forms import PhaseChangeForm, PhaseExemptionForm
from phases.models import PhaseExemption, PhasePeriod
from phases.validators import PHASE_TRANSITION_DATES
from reports.forms import DrilldownForm, PeriodForm
from signals.api.serializers import SignalDismissSerializer
from signals.validators import DISMISS_DATES

D = datetime.date


def refusal(rule: Plausible, day: datetime.date) -> str:
    with pytest.raises(ValidationError) as refused:
        rule(day)
    return refused.value.messages[0]


# The rule ---------------------------------------------------------------------------------------


MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


def in_words(day: datetime.date) -> str:
    return f"{day.day} {MONTHS.split()[day.month - 1]} {day.year}"


def test_year_1_and_9999_are_refused_with_the_bounds_in_words():
    rule = Plausible("De gespreksdatum", future_years=2)
    last = timezone.localdate() + datetime.timedelta(days=2 * 366)
    expected = f"De gespreksdatum moet tussen 1 januari 1900 en {in_words(last)} liggen."

    for day in (D(1, 1, 1), D(9999, 12, 31), D(1899, 12, 31), last + datetime.timedelta(days=1)):
        assert refusal(rule, day) == expected


def test_the_bounds_themselves_are_accepted():
    rule = Plausible("De gespreksdatum", future_years=2)
    first, last = rule.bounds()

    rule(first)
    rule(last)
    assert first == EARLIEST


def test_a_date_with_no_future_is_refused_after_today_as_in_the_future():
    rule = Plausible("De inkoopdatum")
    today = timezone.localdate()

    rule(today)
    assert refusal(rule, today + datetime.timedelta(days=1)) == (
        "De inkoopdatum kan niet in de toekomst liggen."
    )
    assert refusal(rule, D(9999, 12, 31)) == "De inkoopdatum kan niet in de toekomst liggen."


def test_a_rule_may_say_in_its_own_words_why_a_date_is_too_early_or_too_late():
    past, future = PHASE_TRANSITION_DATES["started_on"], DISMISS_DATES["until"]

    assert refusal(past, D(9999, 1, 1)) == "Een fasewijziging kan niet in de toekomst ingaan."
    assert refusal(future, D(1, 1, 1)) == (
        "De datum 'terzijde tot' kan niet in het verleden liggen."
    )


def test_the_api_writes_the_same_rule_with_iso_dates():
    field = ConversationSerializer().fields["held_on"]

    with pytest.raises(serializers.ValidationError) as refused:
        field.run_validation("0001-01-01")

    assert "De gespreksdatum moet tussen 1900-01-01 en " in str(refused.value.detail)


# One declaration per record ---------------------------------------------------------------------

SHARED = [
    (ConversationSerializer, ContactForm),
    (ContactExemptionSerializer, ContactExemptionForm),
    (PhaseExemptionSerializer, PhaseExemptionForm),
    (AgreementSerializer, AgreementRowForm),
    (WorkPlanSerializer, AgreeForm),
    (TrajectorySerializer, PurchaseForm),
]


@pytest.mark.parametrize(
    "serializer, form", SHARED, ids=[f"{s.__name__}-{f.__name__}" for s, f in SHARED]
)
def test_a_record_s_serializer_and_its_form_read_one_declaration(serializer, form):
    assert form.plausible_dates is serializer.plausible_dates
    for name, rule in serializer.plausible_dates.items():
        assert serializer().fields[name].plausible == rule


def test_the_action_bodies_read_the_rules_of_their_forms():
    # (a serializer's declared fields are copies, equal to what was declared)
    assert (
        PhaseTransitionSerializer().fields["started_on"].plausible
        == (PhaseChangeForm.plausible_dates["started_on"])
    )
    assert (
        SignalDismissSerializer().fields["until"].plausible
        == (DismissSignalForm.plausible_dates["until"])
    )
    assert ClientSerializer.plausible_dates is CLIENT_DATES
    on = STATUS_CHANGE_DATES["on"]
    assert TrajectoryChangeSerializer().fields["on"].plausible == on
    for form, name in [
        (StartForm, "started_on"),
        (PauseForm, "from_date"),
        (ResumeForm, "on"),
        (CloseForm, "ended_on"),
    ]:
        rule = form.plausible_dates[name]
        assert (rule.bounds(), rule.future_years) == (on.bounds(), on.future_years)


# Every date a caseworker types -------------------------------------------------------------------

CASEWORKER_FORMS = [
    ContactExemptionForm,
    AgreementRowForm,
    AgreeForm,
    PhaseChangeForm,
    PhaseExemptionForm,
    PurchaseForm,
    StartForm,
    PauseForm,
    ResumeForm,
    CloseForm,
    MovePlanForm,
    DismissSignalForm,
    LetterForm,
]
# What a form needs to be made, where it needs anything.
ARGUMENTS: dict[type, dict[str, Any]] = {
    PurchaseForm: {"client": Client(date_of_birth=D(1995, 6, 15))},
    LetterForm: {"plans": []},
    PhaseChangeForm: {"version": 1},
}
FILTER_FORMS = [
    CaseloadFilterForm,
    ConversationExportForm,
    HistoryFilterForm,
    AccessLogFilterForm,
    ChangeSearchForm,
    DrilldownForm,
]


def date_fields(form: forms.BaseForm) -> dict[str, forms.Field]:
    return {n: f for n, f in form.fields.items() if isinstance(f, forms.DateField)}


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", CASEWORKER_FORMS + FILTER_FORMS, ids=lambda f: f.__name__)
def test_every_date_field_of_a_form_keeps_a_rule(form_class):
    form = form_class(**ARGUMENTS.get(form_class, {}))

    assert issubclass(form_class, PlausibleDates)
    fields = date_fields(form)
    assert fields
    assert {name for name, field in fields.items() if plausible_rule(field) is None} == set()


@pytest.mark.django_db
def test_every_date_of_the_conversation_form_keeps_a_rule(client_file):
    fields = date_fields(ContactForm(client=client_file))

    assert set(fields) == {"held_on", "next_contact_on"}
    assert all(plausible_rule(field) is not None for field in fields.values())


@pytest.mark.parametrize(
    "model, rule_of",
    [
        (ContactExemption, ContactExemptionForm.plausible_dates["valid_until"]),
        (PhaseExemption, PhaseExemptionForm.plausible_dates["review_on"]),
    ],
)
def test_ending_an_exemption_early_keeps_the_rule_of_its_end(model, rule_of):
    exemption = model(pk=7, valid_from=D(2026, 1, 1))

    form = EndExemptionForm.posted(exemption, QueryDict())

    assert plausible_rule(form.fields["ends_on"]) is rule_of


@pytest.mark.parametrize("form_class", FILTER_FORMS, ids=lambda f: f.__name__)
def test_a_filter_takes_any_day_from_1900_but_refuses_year_1_and_9999(form_class):
    for field in date_fields(form_class()).values():
        rule = plausible_rule(field)
        assert rule is not None
        rule(D(1900, 1, 1))
        rule(timezone.localdate() + datetime.timedelta(days=365 * 50))
        for day in (D(1, 1, 1), D(9999, 12, 31)):
            with pytest.raises(ValidationError):
                rule(day)


# Lengths ----------------------------------------------------------------------------------------


FORM_MODULES = [
    "casework.forms",
    "casework.letters",
    "interventions.forms",
    "interventions.trajectory_forms",
    "phases.forms",
    "audit.forms",
    "reports.forms",
    "access.forms",
]
EVERY_FORM = [
    form
    for module in map(importlib.import_module, FORM_MODULES)
    for _name, form in inspect.getmembers(module, inspect.isclass)
    if issubclass(form, forms.Form) and form.__module__ == module.__name__
]


@pytest.mark.parametrize("form_class", EVERY_FORM, ids=lambda f: f.__name__)
def test_no_text_field_of_a_screen_s_form_is_without_a_length_limit(form_class):
    """A limit of its own, or the model's (tests/test_text_limits.py): never none at all. A
    pattern (a RegexField) limits its length itself."""
    unlimited = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field, forms.RegexField)
        and field.max_length is None
    ]
    assert unlimited == []


def test_every_form_with_a_date_is_checked_here():
    with_dates = {
        form
        for form in EVERY_FORM
        if any(isinstance(f, forms.DateField) for f in form.base_fields.values())
    }
    checked = {*CASEWORKER_FORMS, *FILTER_FORMS, ContactForm, EndExemptionForm}
    assert with_dates - checked == {PeriodForm}  # a dashboard's date: 2015 up to today


# The admin ---------------------------------------------------------------------------------------

ADMIN_RULES = [
    (Client, CLIENT_DATES),
    (Conversation, ConversationSerializer.plausible_dates),
    (ContactExemption, ContactExemptionSerializer.plausible_dates),
    (Agreement, AgreementSerializer.plausible_dates),
    (Trajectory, TrajectorySerializer.plausible_dates),
    (PhasePeriod, PHASE_TRANSITION_DATES),
    (PhaseExemption, PhaseExemptionSerializer.plausible_dates),
]


@pytest.mark.django_db
@pytest.mark.parametrize("model, rules", ADMIN_RULES, ids=[m.__name__ for m, _r in ADMIN_RULES])
def test_the_admin_s_add_form_keeps_the_rules_of_the_api(rf, admin_user, model, rules):
    request = rf.get("/")
    request.user = admin_user

    form = admin.site._registry[model].get_form(request)()

    dates = {name: plausible_rule(field) for name, field in date_fields(form).items()}
    assert dates == {name: rules[name] for name in dates}
    assert dates


@pytest.mark.django_db
def test_the_admin_refuses_a_conversation_in_year_9999(admin_client, client_file):
    response = admin_client.post(
        "/admin/interventions/conversation/add/",
        {
            "client": client_file.pk,
            "held_on": "9999-12-31",
            "status": "planned",
            "channel": "phone",
            "kind": "monitoring",
            "with_client": "on",
        },
    )

    assert response.status_code == 200
    assert "De gespreksdatum moet tussen 1 januari 1900 en" in response.content.decode()
    assert not Conversation.objects.exists()
