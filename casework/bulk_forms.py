"""The bulk actions' forms: each is a selection of clients (`SelectionForm`) and what to do."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.exports import EXPORT_TYPES
from common.widgets import DatePicker
from interventions.models import Conversation

from .forms import HandoverFields
from .selection import SelectionForm


class PlanOutreachForm(SelectionForm):
    """Plan a conversation with each selected client: the day, the kind and the channel."""

    on = forms.DateField(
        label=_("Datum van het gesprek"),
        widget=DatePicker(),
        error_messages={"required": _("Kies de datum van het gesprek.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort gesprek"), choices=Conversation.Kind.choices, initial="monitoring"
    )
    channel = forms.ChoiceField(
        label=_("Kanaal"), choices=Conversation.Channel.choices, initial="phone"
    )


class BulkExportForm(SelectionForm):
    """Download the selected clients as CSV or XLSX."""

    format = forms.ChoiceField(
        choices=[(kind, kind) for kind in EXPORT_TYPES],
        error_messages={"required": _("Kies CSV of Excel.")},
    )


class BulkHandoverForm(HandoverFields, SelectionForm):
    """Hand the selected clients over to one caseworker of the manager's teams, with a note."""

    def __init__(self, *args: Any, caseworkers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handover_note"].help_text = _(
            "De nieuwe casemanager ziet deze notitie bovenaan elk dossier."
        )
        self.fields["caseworker"].queryset = caseworkers  # type: ignore[attr-defined]
