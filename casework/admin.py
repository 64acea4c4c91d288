"""The client in the admin: its list shows the current phase, which the phases app knows."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges, ModelChange, ModelChangeValue
from simple_history.template_utils import HistoricalRecordContextHelper

from clients.models import Client, mask_bsn
from clients.permissions import may_hand_over
from clients.rules import CLIENT_DATES
from clients.services import EDITABLE_FIELDS, create_client, update_client
from common.admin import AdminRequest, ServiceAdmin, ServiceForm, staff_user
from phases.querysets import with_current_phase

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldGroups


class ClientForm(ServiceForm[Client]):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The version the user read; a save carrying an older one is an edit conflict.
            self.fields["expected_version"].initial = self.instance.version
            self.fields["expected_version"].required = True
            # The stored BSN is never put in the page (shown masked, revealed only through the
            # logged reveal on the file); this field takes a corrected one.
            bsn = self.fields["bsn"]
            self.initial["bsn"] = ""
            bsn.required = False
            bsn.label = _("Gecorrigeerd BSN")
            bsn.help_text = _("Leeg laten om het BSN te houden.")
            bsn.widget.attrs["autocomplete"] = "off"


class MaskedBsnHistory(HistoricalRecordContextHelper):
    """The admin's history list shows a changed BSN masked, like everywhere else."""

    def prepare_delta_change_value(self, change: ModelChange, value: ModelChangeValue) -> Any:
        if change.field == "bsn" and value:
            return mask_bsn(value)
        return super().prepare_delta_change_value(change, value)


@admin.register(Client)
class ClientAdmin(ServiceAdmin[Client]):
    form = ClientForm
    plausible_dates = CLIENT_DATES
    client_path = "pk"
    list_display = (
        "last_name",
        "first_name",
        "bsn_masked",
        "regime",
        "team",
        "caseworker",
        "current_phase",
        "in_service_since",
    )
    list_select_related = ("team", "caseworker")
    list_filter = ("regime", "has_work_capacity", "team")
    # The full BSN only: searching on part of it would let anyone fish for personal numbers.
    search_fields = ("last_name", "first_name", "=bsn")
    autocomplete_fields = ("caseworker",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Client]:
        return with_current_phase(super().get_queryset(request))

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: HistoricalChanges
    ) -> MaskedBsnHistory:
        return MaskedBsnHistory(self.model, historical_record)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Client | None = None
    ) -> tuple[str, ...]:
        fields = ("bsn_masked", "version") if obj else ()
        # Choosing the fixed contact person is a handover: the team manager's, here too.
        return fields if may_hand_over(staff_user(request)) else (*fields, "caseworker")

    def get_fields(self, request: HttpRequest, obj: Client | None = None) -> "_FieldGroups":
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        fields = [f for f in fields if f != "bsn_masked"]
        return ["bsn_masked", *fields]

    @admin.display(description=_("BSN"))
    def bsn_masked(self, client: Client) -> str:
        return client.masked_bsn

    @admin.display(description=_("fase"))
    def current_phase(self, client: Client) -> str | None:
        return client.current_phase  # type: ignore[attr-defined]

    def write(self, request: AdminRequest, form: ServiceForm[Client], change: bool) -> Client:
        data, by, why = form.cleaned_data, request.user, form.history_reason
        fields = [f for f in (*EDITABLE_FIELDS, "caseworker") if f in form.fields]
        if not change:
            return create_client(**form.values(*fields), by=by, change_reason=why)
        # An empty corrected BSN keeps the stored one.
        changes = {f: data[f] for f in fields if f in form.changed_data and data[f] != ""}
        return update_client(
            client=form.instance,
            expected_version=data["expected_version"],
            changes=changes,
            by=by,
            change_reason=why,
        )
