"""The rules a client's data must meet, in one place for every way a client is written:
`create_client`, `update_client` and the import, which checks a whole file before one bulk
insert. The checks take a client's values by field name and read no database unless they say
so, so that a file of a hundred thousand rows is checked quickly."""

from collections.abc import Mapping
from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Team, User
from common.plausible import Plausible, long_date

from .models import Client

# How to reach the client (the contact details form edits only these).
CONTACT_FIELDS = ("phone", "email", "street_address", "postcode", "city", "preferred_channel")
# The client's own fields, checked here; its team and contact person are checked apart.
OWN_FIELDS = (
    "bsn",
    "first_name",
    "last_name",
    "date_of_birth",
    "regime",
    "has_work_capacity",
    "in_service_since",
    "out_of_service_on",
    "out_of_service_reason",
    *CONTACT_FIELDS,
)
_FIELDS = {name: cast(Field, Client._meta.get_field(name)) for name in OWN_FIELDS}

Errors = dict[str, list[str]]

# The dates a client takes, by field: the API serializer reads these.
CLIENT_DATES = {
    "date_of_birth": Plausible(gettext_lazy("De geboortedatum")),
    "in_service_since": Plausible(gettext_lazy("De datum in zorg"), future_years=1),
    "out_of_service_on": Plausible(gettext_lazy("De datum uit zorg"), future_years=5),
}

# The dates of a work-capacity decision and of a reassessment: never in the future.
CAPACITY_DATES = {
    "decided_on": Plausible(gettext_lazy("De besluitdatum")),
    "requested_on": Plausible(gettext_lazy("De aanvraagdatum")),
}


def own_values(client: Client) -> dict[str, Any]:
    return {name: getattr(client, name) for name in OWN_FIELDS}


def field_errors(values: Mapping[str, Any]) -> Errors:
    """The model's checks of the client's own fields among `values`: present, a valid BSN
    (nine digits and the eleven test), lengths and choices. Not the BSN's uniqueness."""
    errors: Errors = {}
    for name, value in values.items():
        if name in _FIELDS:
            try:
                _FIELDS[name].clean(value, None)
            except ValidationError as error:
                errors[name] = error.messages
    return errors


def date_errors(values: Mapping[str, Any], *, today: date | None = None) -> Errors:
    """Born in the past; in service on or after the day of birth; out of service after that.
    `today` is read once by a caller that checks many clients."""
    born, since = values.get("date_of_birth"), values.get("in_service_since")
    until = values.get("out_of_service_on")
    errors: Errors = {}
    if born and born > (today or timezone.localdate()):
        errors["date_of_birth"] = [_("De geboortedatum kan niet in de toekomst liggen.")]
    if born and since and since < born:
        errors["in_service_since"] = [_("De datum in zorg ligt vóór de geboortedatum.")]
    if since and until and until <= since:
        errors["out_of_service_on"] = [_("De datum uit zorg moet na de datum in zorg liggen.")]
    return errors


def leaving_errors(values: Mapping[str, Any]) -> Errors:
    """A day out of service comes with its reason; a reason comes with a day."""
    until, reason = values.get("out_of_service_on"), values.get("out_of_service_reason")
    if until and not reason:
        return {"out_of_service_reason": [_("Kies de reden uit zorg.")]}
    if reason and not until:
        return {"out_of_service_reason": [_("Een reden uit zorg hoort bij een datum uit zorg.")]}
    return {}


def birth_errors(
    client: Client, dates: Mapping[str, date | None], rules: Mapping[str, Plausible]
) -> Errors:
    """A day in the client's file lies on or after the client's birth: a conversation, an
    exemption, a plan or a phase cannot come before it. `dates` by field name; each field's
    rule names the date in the message."""
    born = client.date_of_birth
    return {
        field: [
            _("%(what)s ligt vóór de geboortedatum van de cliënt (%(born)s).")
            % {"what": rules[field].what, "born": long_date(born)}
        ]
        for field, day in dates.items()
        if born is not None and day is not None and day < born
    }


def caseworker_errors(
    caseworker: User | None, team: Team, *, members: set[tuple[int, int]] | None = None
) -> Errors:
    """The fixed contact person works in the client's team. `members` holds the (user id,
    team id) pairs of every membership, read once for many clients; without it, one query."""
    if caseworker is None:
        return {}
    if members is not None:
        works_there = (caseworker.pk, team.pk) in members
    else:
        works_there = caseworker.memberships.filter(team=team).exists()
    if works_there:
        return {}
    return {
        "caseworker": [
            _("%(name)s werkt niet in team %(team)s.") % {"name": caseworker, "team": team}
        ]
    }


def client_errors(
    values: Mapping[str, Any],
    *,
    members: set[tuple[int, int]] | None = None,
    today: date | None = None,
) -> Errors:
    """Every rule above for a new client with these values (its `team` and `caseworker` as
    records), by field."""
    errors = merged(field_errors(values), date_errors(values, today=today), leaving_errors(values))
    if values.get("team") is not None:
        found = caseworker_errors(values.get("caseworker"), values["team"], members=members)
        errors = merged(errors, found)
    return errors


def merged(*found: Errors) -> Errors:
    errors: Errors = {}
    for part in found:
        for field, messages in part.items():
            errors.setdefault(field, []).extend(messages)
    return errors


def refuse(*found: Errors) -> None:
    """Raise the errors found, if any, as one ValidationError by field."""
    errors = merged(*found)
    if errors:
        raise ValidationError(errors)
