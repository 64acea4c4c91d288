"""Free text in a client file has one length limit, set on the model, which the web forms, the
API and every service (through full_clean) keep alike."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from casework.api.serializers import PhaseTransitionSerializer
from casework.forms import HandoverForm
from casework.letters import LetterForm
from clients.models import CaseworkerAssignment, Client
from common.admin import ServiceForm
from common.fields import text_limit
from common.history import CHANGE_REASON_MAX_LENGTH
from interventions.api.serializers import (
    ContactExemptionSerializer,
    ConversationChangeSerializer,
    ConversationSerializer,
    TrajectoryChangeSerializer,
    TrajectorySerializer,
    WorkPlanSerializer,
)
from interventions.forms import (
    AgreementRowForm,
    ContactExemptionForm,
    ContactForm,
    WorkPlanForm,
    change_reason_field,
)
from interventions.models import (
    Agreement,
    ContactExemption,
    Conversation,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
    WorkPlanLetter,
)
from interventions.trajectory_forms import CloseForm, PauseForm, PurchaseForm
from phases.api.serializers import PhaseExemptionSerializer
from phases.forms import PhaseChangeForm, PhaseExemptionForm
from phases.models import PhaseExemption, PhasePeriod
from signals.api.serializers import SignalDismissSerializer
from signals.models import Signal
from tests.api_client import api_as
from tests.factories import SignalFactory

CLIENT_FILE_MODELS = [
    Client,
    CaseworkerAssignment,
    PhasePeriod,
    PhaseExemption,
    Conversation,
    ContactExemption,
    WorkPlan,
    Agreement,
    WorkPlanLetter,
    Trajectory,
    TrajectoryPause,
    Signal,
]
FREE_TEXT = [
    (model, field.name)
    for model in CLIENT_FILE_MODELS
    for field in model._meta.get_fields()
    if isinstance(field, models.TextField)
]


@pytest.mark.parametrize("model, name", FREE_TEXT, ids=[f"{m.__name__}.{n}" for m, n in FREE_TEXT])
def test_every_free_text_field_has_a_limit_that_full_clean_keeps(model, name):
    """full_clean is what every service runs before it saves (save_with_history)."""
    too_long = model(**{name: "x" * (text_limit(model, name) + 1)})
    others = [f.name for f in model._meta.fields if f.name != name]

    with pytest.raises(ValidationError) as refused:
        too_long.clean_fields(exclude=others)

    assert f"niet meer dan {text_limit(model, name)} tekens" in refused.value.message_dict[name][0]


# (form or serializer, its field) -> (model, model field)
FORM_FIELDS = [
    (PhaseChangeForm, "reason", PhasePeriod, "reason"),
    (ContactExemptionForm, "note", ContactExemption, "note"),
    (PhaseExemptionForm, "note", PhaseExemption, "note"),
    (ContactForm, "summary", Conversation, "summary"),
    (ContactForm, "phase_reason", PhasePeriod, "reason"),
    (WorkPlanForm, "goal", WorkPlan, "goal"),
    (AgreementRowForm, "description", Agreement, "description"),
    (PurchaseForm, "purpose", Trajectory, "purpose"),
    (PurchaseForm, "repeat_justification", Trajectory, "repeat_justification"),
    (PauseForm, "reason", TrajectoryPause, "reason"),
    (CloseForm, "outcome_note", Trajectory, "outcome_note"),
    (HandoverForm, "handover_note", CaseworkerAssignment, "handover_note"),
    (LetterForm, "note", WorkPlanLetter, "note"),
]
SERIALIZER_FIELDS = [
    (ConversationSerializer, "summary", Conversation, "summary"),
    (ConversationChangeSerializer, "summary", Conversation, "summary"),
    (ContactExemptionSerializer, "note", ContactExemption, "note"),
    (PhaseExemptionSerializer, "note", PhaseExemption, "note"),
    (WorkPlanSerializer, "goal", WorkPlan, "goal"),
    (TrajectorySerializer, "purpose", Trajectory, "purpose"),
    (TrajectorySerializer, "repeat_justification", Trajectory, "repeat_justification"),
    (TrajectoryChangeSerializer, "reason", TrajectoryPause, "reason"),
    (TrajectoryChangeSerializer, "outcome_note", Trajectory, "outcome_note"),
    (PhaseTransitionSerializer, "reason", PhasePeriod, "reason"),
    (SignalDismissSerializer, "reason", Signal, "dismissed_reason"),
]


@pytest.mark.parametrize(
    "form, field, model, name", FORM_FIELDS, ids=[f"{f.__name__}.{n}" for f, n, *_ in FORM_FIELDS]
)
def test_web_forms_take_their_limits_from_the_model(form, field, model, name):
    assert form.base_fields[field].max_length == text_limit(model, name)


@pytest.mark.parametrize(
    "serializer, field, model, name",
    SERIALIZER_FIELDS,
    ids=[f"{s.__name__}.{n}" for s, n, *_ in SERIALIZER_FIELDS],
)
def test_the_api_takes_its_limits_from_the_model(serializer, field, model, name):
    assert serializer().fields[field].max_length == text_limit(model, name)


def test_agreements_in_a_work_plan_take_their_limit_from_the_model():
    agreements = WorkPlanSerializer().fields["agreements"]
    description = agreements.child.fields["description"]
    assert description.max_length == text_limit(Agreement, "description")


@pytest.mark.django_db
def test_the_conversation_form_refuses_a_summary_over_the_limit(client, caseworker, client_file):
    client.force_login(caseworker)
    summary = "x" * (text_limit(Conversation, "summary") + 1)

    response = client.post(
        f"/clienten/{client_file.pk}/gesprek/",
        {
            "version": client_file.version,
            "held_on": timezone.localdate().isoformat(),
            "status": "held",
            "channel": "phone",
            "kind": "monitoring",
            "summary": summary,
        },
    )

    assert response.status_code == 200
    refusal = response.context["contact_form"].errors["summary"][0]
    assert f"niet meer dan {text_limit(Conversation, 'summary')} tekens" in refusal
    assert not Conversation.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_a_dismissal_reason_over_the_limit(caseworker, client_file):
    signal = SignalFactory.create(client=client_file)
    reason = "x" * (text_limit(Signal, "dismissed_reason") + 1)

    response = api_as(caseworker).post(
        f"/api/v1/signals/{signal.pk}/dismiss/",
        {"reason": reason, "until": timezone.localdate().isoformat()},
        format="json",
    )

    assert response.status_code == 400 and "reason" in response.json()
    signal.refresh_from_db()
    assert signal.status == Signal.Status.OPEN


def test_a_change_reason_has_one_limit_in_the_web_forms_and_the_admin():
    assert change_reason_field().max_length == CHANGE_REASON_MAX_LENGTH
    admin_reason = ServiceForm.base_fields["change_reason"]
    assert getattr(admin_reason, "max_length", None) == CHANGE_REASON_MAX_LENGTH


@pytest.mark.django_db
def test_the_api_refuses_a_change_reason_over_the_limit_rather_than_cut_it(caseworker, client_file):
    response = api_as(caseworker).post(
        "/api/v1/conversations/",
        {
            "client": client_file.pk,
            "held_on": timezone.localdate().isoformat(),
            "status": "held",
            "channel": "phone",
        },
        format="json",
        HTTP_X_CHANGE_REASON="x" * (CHANGE_REASON_MAX_LENGTH + 1),
    )

    assert response.status_code == 400
    assert response.json() == {
        "X-Change-Reason": [
            f"Een reden heeft hoogstens {CHANGE_REASON_MAX_LENGTH} tekens (deze heeft er "
            f"{CHANGE_REASON_MAX_LENGTH + 1})."
        ]
    }
    assert not Conversation.objects.exists()
