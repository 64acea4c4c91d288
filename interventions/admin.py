from typing import Any, TypeVar, cast

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.admin import (
    CLIENT_SEARCH,
    AdminRequest,
    ReadOnlyInline,
    ServiceAdmin,
    ServiceForm,
    ViewOnlyAdmin,
)
from phases.models import Phase

from .models import (
    Agreement,
    ContactExemption,
    Conversation,
    Provider,
    ServiceType,
    Trajectory,
    TrajectoryPause,
    WorkPlan,
    WorkPlanLetter,
)
from .services.catalogues import save_catalogue_entry
from .services.conversations import CONVERSATION_EDITABLE, log_conversation, update_conversation
from .services.exemptions import record_contact_exemption
from .services.trajectories import purchase_trajectory
from .services.work_plans import add_agreement, create_work_plan_version, set_agreement_status
from .validators import (
    AGREEMENT_DATES,
    CONTACT_EXEMPTION_DATES,
    CONVERSATION_DATES,
    TRAJECTORY_DATES,
)


class ConversationForm(ServiceForm[Conversation]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "caseworker" in self.fields:  # the add form: log_conversation defaults it
            self.fields["caseworker"].required = False
            self.fields["caseworker"].help_text = _("Leeg laten: uzelf.")


@admin.register(Conversation)
class ConversationAdmin(ServiceAdmin[Conversation]):
    form = ConversationForm
    plausible_dates = CONVERSATION_DATES
    list_display = ("held_on", "client", "caseworker", "status", "channel", "kind")
    list_select_related = ("client", "caseworker")
    list_filter = ("status", "channel", "kind", "with_client")
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client", "caseworker")
    ordering = ("-id",)  # newest first, along the primary key index

    def get_readonly_fields(
        self, request: HttpRequest, obj: Conversation | None = None
    ) -> tuple[str, ...]:
        return ("client", "caseworker") if obj else ()

    def write(
        self, request: AdminRequest, form: ServiceForm[Conversation], change: bool
    ) -> Conversation:
        if not change:
            fields = form.values("client", "caseworker", *CONVERSATION_EDITABLE)
            return log_conversation(**fields, by=request.user, change_reason=form.history_reason)
        changes = {f: form.cleaned_data[f] for f in CONVERSATION_EDITABLE if f in form.changed_data}
        if not changes:
            return form.instance
        return update_conversation(
            conversation=form.instance,
            changes=changes,
            by=request.user,
            change_reason=form.history_reason,
        )


@admin.register(ContactExemption)
class ContactExemptionAdmin(ServiceAdmin[ContactExemption]):
    changeable = False
    plausible_dates = CONTACT_EXEMPTION_DATES
    add_fields = ("client", "reason", "note", "valid_from", "valid_until")
    asks_change_reason = False  # the service records the note as the reason
    list_display = ("client", "reason", "valid_from", "valid_until", "recorded_by")
    list_select_related = ("client", "recorded_by")
    list_filter = ("reason",)
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    ordering = ("-id",)

    def write(
        self, request: AdminRequest, form: ServiceForm[ContactExemption], change: bool
    ) -> ContactExemption:
        return record_contact_exemption(**form.values(*self.add_fields), by=request.user)


class AgreementInline(ReadOnlyInline):
    model = Agreement
    fields = ("description", "owner", "due_on", "status")


@admin.register(WorkPlan)
class WorkPlanAdmin(ServiceAdmin[WorkPlan]):
    """A new version replaces the plan; agreeing it and its agreements are done elsewhere."""

    changeable = False
    add_fields = ("client", "goal")
    inlines = (AgreementInline,)
    list_display = ("client", "version", "status", "agreed_on", "created_by")
    list_select_related = ("client", "created_by")
    list_filter = ("status",)
    search_fields = CLIENT_SEARCH
    autocomplete_fields = ("client",)
    ordering = ("-id",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[WorkPlan]:
        # A plan is named after its client, in autocomplete too. (A select_related here makes the
        # changelist skip list_select_related, so it names those as well.)
        return super().get_queryset(request).select_related(*self.list_select_related)

    def write(self, request: AdminRequest, form: ServiceForm[WorkPlan], change: bool) -> WorkPlan:
        return create_work_plan_version(
            **form.values(*self.add_fields), by=request.user, change_reason=form.history_reason
        )


@admin.register(Agreement)
class AgreementAdmin(ServiceAdmin[Agreement]):
    """Added to the current work plan; afterwards only its status changes."""

    add_fields = ("work_plan", "description", "owner", "due_on")
    plausible_dates = AGREEMENT_DATES
    list_display = ("description", "work_plan", "owner", "due_on", "status")
    list_select_related = ("work_plan__client",)
    client_path = "work_plan.client_id"
    list_filter = ("status", "owner")
    search_fields = ("work_plan__client__last_name", "=work_plan__client__bsn", "description")
    autocomplete_fields = ("work_plan",)
    ordering = ("-id",)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Agreement | None = None
    ) -> tuple[str, ...]:
        return tuple(self.add_fields) if obj else ()

    def write(self, request: AdminRequest, form: ServiceForm[Agreement], change: bool) -> Agreement:
        by, reason = request.user, form.history_reason
        if not change:
            return add_agreement(**form.values(*self.add_fields), by=by, change_reason=reason)
        if "status" not in form.changed_data:
            return form.instance
        return set_agreement_status(
            agreement=form.instance, status=form.cleaned_data["status"], by=by, change_reason=reason
        )


Entry = TypeVar("Entry", Provider, ServiceType)


class CatalogueAdmin(ServiceAdmin[Entry]):
    def write(self, request: AdminRequest, form: ServiceForm[Entry], change: bool) -> Entry:
        entry = save_catalogue_entry(
            entry=form.build_instance(), by=request.user, change_reason=form.history_reason
        )
        return cast(Entry, entry)  # the entry it was given, saved


@admin.register(Provider)
class ProviderAdmin(CatalogueAdmin[Provider]):
    list_display = ("name", "kvk_number", "active")
    list_filter = ("active",)
    search_fields = ("name", "kvk_number")


class PhaseCodesField(forms.MultipleChoiceField):
    """The phases as checkboxes, kept as the model keeps them: the sorted codes ("34")."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Phase.choices, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return list(value) if isinstance(value, str) else value

    def clean(self, value: Any) -> str:
        return "".join(sorted(set(super().clean(value))))


class ServiceTypeForm(ServiceForm[ServiceType]):
    phases = PhaseCodesField(label=_("Fasen"), help_text=_("De fasen waarin deze dienst past."))


@admin.register(ServiceType)
class ServiceTypeAdmin(CatalogueAdmin[ServiceType]):
    form = ServiceTypeForm
    list_display = ("code", "name", "category", "phase_list", "active")
    list_filter = ("category", "active")
    search_fields = ("code", "name")

    @admin.display(description=_("fasen"), ordering="phases")
    def phase_list(self, service_type: ServiceType) -> str:
        return ", ".join(service_type.phases)


class TrajectoryPauseInline(ReadOnlyInline):
    model = TrajectoryPause
    fields = ("from_date", "to_date", "reason")


@admin.register(Trajectory)
class TrajectoryAdmin(ServiceAdmin[Trajectory]):
    """Bought here; starting, pausing and closing it are steps of the caseworker's screens."""

    changeable = False
    plausible_dates = TRAJECTORY_DATES
    add_fields = (
        "client",
        "service_type",
        "provider",
        "purpose",
        "purchased_on",
        "started_on",
        "planned_end_on",
        "cost",
        "repeat_justification",
    )
    inlines = (TrajectoryPauseInline,)
    list_display = ("client", "service_type", "provider", "status", "purchased_on", "cost")
    list_select_related = ("client", "service_type", "provider")
    list_filter = ("status", "service_type__category", "provider")
    search_fields = (*CLIENT_SEARCH, "service_type__code")
    autocomplete_fields = ("client", "service_type", "provider")
    ordering = ("-id",)

    def write(
        self, request: AdminRequest, form: ServiceForm[Trajectory], change: bool
    ) -> Trajectory:
        return purchase_trajectory(
            **form.values(*self.add_fields), by=request.user, change_reason=form.history_reason
        )


@admin.register(TrajectoryPause)
class TrajectoryPauseAdmin(ViewOnlyAdmin[TrajectoryPause]):
    """Pauses come and go with a trajectory's status (`change_trajectory_status`)."""

    list_display = ("trajectory", "from_date", "to_date")
    list_select_related = ("trajectory__client", "trajectory__service_type")
    client_path = "trajectory.client_id"
    search_fields = ("trajectory__client__last_name", "=trajectory__client__bsn")
    ordering = ("-id",)


@admin.register(WorkPlanLetter)
class WorkPlanLetterAdmin(ViewOnlyAdmin[WorkPlanLetter]):
    """Recorded on the work plan page (`record_letter`); the admin shows them."""

    list_display = ("work_plan", "handed_on", "channel", "client_agreed", "recorded_by")
    list_select_related = ("work_plan__client", "recorded_by")
    client_path = "work_plan.client_id"
    list_filter = ("channel", "client_agreed")
    search_fields = ("work_plan__client__last_name", "=work_plan__client__bsn")
    ordering = ("-id",)
