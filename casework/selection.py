"""A selection of clients on a list (the caseload, a drill-down) for a bulk action: the clients
ticked on the page, or every client matching the list's filters on all its pages.

"All matching" travels as the list's query string and is evaluated again when the action is
posted, within the user's scope; the count the user saw travels with it, so a list that changed
meanwhile (a filter, a client added) is refused with the new count instead of being acted on.
Ticked clients outside what the action may touch refuse the whole action: none is acted on.
"""

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import User
from clients.models import Client
from clients.querysets import ClientQuerySet
from common.forms import ids_from
from reports.drilldown import drilldown_for
from reports.forms import DrilldownForm

from .forms import CaseloadFilterForm
from .selectors import filtered_caseload

# The most clients one bulk action writes to; an export has its own limit (EXPORT_ROW_LIMIT).
BULK_LIMIT = 1000
# The lists a selection comes from: their screen's URL name.
SOURCES = {"caseload": "caseload", "drilldown": "drilldown"}
# What a list's query string carries that is no filter (the sort stays: it is the list's).
NOT_FILTERS = ("page", "export")


class IdsField(forms.Field):
    """Client ids, one value each (the ticked boxes); anything that is no id is refused."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        values = [str(v) for v in (value or [])]
        ids = ids_from(values)
        if len(ids) != len(set(values)):
            raise ValidationError(_("De gekozen cliënten zijn niet te lezen; kies opnieuw."))
        return sorted(ids)


class SelectionForm(forms.Form):
    """Which clients: `scope` "ticked" (the `client` ids) or "all" (every client matching the
    `source` list's filters in `query`, of whom the user saw `expected`).

    `clients()` is the selection after `is_valid()`, within `within` (the clients the action
    may touch); at most BULK_LIMIT clients when `capped`."""

    TICKED, ALL = "ticked", "all"

    source = forms.ChoiceField(choices=[(s, s) for s in SOURCES], widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    scope = forms.ChoiceField(
        label=gettext_lazy("Welke cliënten"),
        choices=[
            (TICKED, gettext_lazy("De aangevinkte cliënten")),
            (ALL, gettext_lazy("Alle cliënten die aan de filters voldoen")),
        ],
        error_messages={"required": gettext_lazy("Kies welke cliënten.")},
    )
    expected = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    client = IdsField(required=False)

    def __init__(
        self,
        *args: Any,
        user: User,
        within: ClientQuerySet,
        today: date,
        capped: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.within, self.today = user, within, today
        self.limit = BULK_LIMIT if capped else None
        self.selected: ClientQuerySet | None = None
        self.count: int | None = None  # how many the selection holds now, once known

    def full_clean(self) -> None:
        """As Django's, with the refusals of the hidden fields said above the form."""
        super().full_clean()
        for name in ("source", "query", "expected", "client"):
            if name in self.errors:
                self.add_error(None, list(self.errors.pop(name)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(name in self.errors for name in SelectionForm.base_fields):
            return data
        if data["scope"] == self.ALL:
            self._all_matching(data)
        else:
            self._ticked(data["client"])
        if self.count is not None and self.limit is not None and self.count > self.limit:
            raise self._too_many(self.limit, self.count)
        return data

    @staticmethod
    def _too_many(limit: int, count: int) -> ValidationError:
        return ValidationError(
            _(
                "Kies hoogstens %(limit)s cliënten per keer; deze selectie telt er %(count)s. "
                "Verfijn de filters."
            )
            % {
                "limit": number_format(limit, 0, force_grouping=True),
                "count": number_format(count, 0, force_grouping=True),
            }
        )

    def _ticked(self, ids: list[int]) -> None:
        if not ids:
            raise ValidationError(
                _("Kies ten minste één cliënt, of kies alle cliënten die aan de filters voldoen.")
            )
        most = self.limit or settings.EXPORT_ROW_LIMIT  # no list ticks more; an export neither
        if len(ids) > most:
            self.count = len(ids)
            raise self._too_many(most, len(ids))
        self.selected = self.within.filter(pk__in=ids)
        self.count = self.selected.count()
        if self.count != len(ids):
            outside = len(ids) - self.count
            raise ValidationError(
                ngettext(
                    "%(count)d gekozen cliënt valt buiten wat u hier mag doen; er is niets "
                    "gewijzigd.",
                    "%(count)d gekozen cliënten vallen buiten wat u hier mag doen; er is niets "
                    "gewijzigd.",
                    outside,
                )
                % {"count": outside}
            )

    def _all_matching(self, data: dict[str, Any]) -> None:
        matching = self._matching(data["source"], data["query"])
        self.selected = matching.filter(pk__in=self.within.values("pk"))
        self.count = self.selected.count()
        expected = data.get("expected")
        if expected != self.count:
            raise ValidationError(
                ngettext(
                    "De lijst is intussen veranderd: nu voldoet %(count)d cliënt aan de "
                    "filters. Controleer de selectie en bevestig opnieuw.",
                    "De lijst is intussen veranderd: nu voldoen %(count)d cliënten aan de "
                    "filters. Controleer de selectie en bevestig opnieuw.",
                    self.count,
                )
                % {"count": self.count}
            )

    def _matching(self, source: str, query: str) -> ClientQuerySet:
        """The clients the list `source` shows for its filters in `query` (every page)."""
        filters = QueryDict(query)
        if source == "drilldown":
            drill = DrilldownForm(filters)
            if drill.is_valid():
                return drilldown_for(self.user, drill.cleaned_data, today=self.today)
        else:
            caseload = CaseloadFilterForm(filters)
            if caseload.is_valid():
                return filtered_caseload(
                    user=self.user, today=self.today, filters=caseload.cleaned_data
                )
        raise ValidationError(_("De filters van de lijst kloppen niet; kies opnieuw in de lijst."))

    def clients(self) -> list[Client]:
        """The selected clients (call after `is_valid()`), by name."""
        if self.selected is None:
            return []
        return list(self.selected.order_by("last_name", "first_name", "id"))

    def back(self) -> str:
        """The list the selection came from, with its filters (from what was posted: only a
        known list, and its query string read and written again)."""
        url = reverse(SOURCES.get(str(self.data.get("source", "")), "caseload"))
        query = filters_of(QueryDict(str(self.data.get("query", ""))[:2000]))
        return f"{url}?{query}" if query else url


def filters_of(query: QueryDict) -> str:
    """A list's query string without what is no filter (the page, an export)."""
    filters = query.copy()
    for key in NOT_FILTERS:
        filters.pop(key, None)
    return filters.urlencode()
