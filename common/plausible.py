"""Dates a person can mean: the one rule the web forms and the API apply to a date field.

Year 1 and year 9999 are typing errors, not appointments. Each record declares its rules once,
next to its domain (`interventions.validators.CONVERSATION_DATES`, ...): a mapping from field
name to `Plausible`, which its serializer and its form both read
(`common.serializers.StrictModelSerializer` and `common.forms.PlausibleDates`).
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # django-stubs is a development dependency only
    from django_stubs_ext import StrOrPromise

EARLIEST = date(1900, 1, 1)  # older dates are typing errors, not Wajongers


def long_date(day: date) -> str:
    """A date as a person reads it: "1 januari 1900"."""
    return date_format(day, "j F Y")


def iso_date(day: date) -> str:
    """A date as the API writes it: "1900-01-01"."""
    return day.isoformat()


@dataclass(frozen=True)
class Plausible:
    """The dates a date field accepts: from 1900 (or from today) up to `future_years` years
    after today; with no future years, up to today. `what` names the date in the message,
    e.g. "De gespreksdatum"."""

    what: "StrOrPromise"
    future_years: int = 0
    from_today: bool = False
    past_message: "StrOrPromise | None" = None  # for a date before today, when from_today
    future_message: "StrOrPromise | None" = None  # for a date after today, when no future years

    def bounds(self) -> tuple[date, date]:
        today = timezone.localdate()
        return (today if self.from_today else EARLIEST), today + timedelta(
            days=366 * self.future_years
        )

    def named(self, what: "StrOrPromise") -> "Plausible":
        """The same range for a field that names the date otherwise (a form's "Hervat op" for
        the API's `on`)."""
        return replace(self, what=what)

    def refusal(self, value: date, spell: Callable[[date], str] = long_date) -> str | None:
        """Why `value` is refused, with the bounds written by `spell`; None when it is not."""
        first, last = self.bounds()
        if value < first and self.past_message is not None:
            return str(self.past_message)
        if value > last and self.future_years == 0:
            return str(
                self.future_message
                or _("%(field)s kan niet in de toekomst liggen.") % {"field": self.what}
            )
        if not first <= value <= last:
            return str(
                _("%(field)s moet tussen %(first)s en %(last)s liggen.")
                % {"field": self.what, "first": spell(first), "last": spell(last)}
            )
        return None

    def __call__(self, value: date) -> None:
        """As a Django validator: refuse `value` with a message that writes dates in words."""
        message = self.refusal(value)
        if message is not None:
            raise ValidationError(message, code="implausible")


def search_day(what: "StrOrPromise") -> Plausible:
    """A day a list is filtered or searched on: any day from 1900 to a hundred years ahead, so
    that year 1 or 9999 (a typing error) gets a message rather than an error page."""
    return Plausible(what, future_years=100)
