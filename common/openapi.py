"""Document the error answers every operation can give, in one place (drf-spectacular hook)."""

from typing import Any

from common.history import CHANGE_REASON_MAX_LENGTH

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
CONFLICT = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "current_version": {
            "type": "integer",
            "description": "De versie die nu is opgeslagen / the version now stored",
        },
    },
    "required": ["detail"],
}
ERRORS = {
    "400": (
        "Ongeldige invoer: per veld een lijst met meldingen (of `detail` als de hele aanvraag "
        "onleesbaar is) / invalid input: messages per field, or `detail`",
        {"type": "object", "additionalProperties": {}},
    ),
    "401": ("Niet aangemeld / not signed in", DETAIL),
    "403": ("Uw rol mag dit niet / your role may not do this", DETAIL),
    "404": ("Bestaat niet of valt buiten uw bereik / not found or outside your scope", DETAIL),
    "409": (
        "Iemand anders wijzigde het record intussen / edit conflict: send the current version",
        CONFLICT,
    ),
}


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """400 for writes and filtered lists, 401 and 403 everywhere, 404 for one record, 409 for
    PATCH and for operations that name it without a body, each with its JSON shape, unless an
    operation documents its own."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "patch", "put", "delete"):
                continue
            codes = ["400", "401", "403"]
            if "{" in path:
                codes.append("404")
            responses = operation.setdefault("responses", {})
            if method == "patch" or "409" in responses:
                codes.append("409")
            for code in codes:
                if code in responses and responses[code].get("content"):
                    continue
                description, schema = ERRORS[code]
                responses[code] = {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                }
    return result


CHANGE_REASON = {
    "name": "X-Change-Reason",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "maxLength": CHANGE_REASON_MAX_LENGTH},
    "description": (
        "Waarom u dit wijzigt; komt in de historie. Hoogstens 2.000 tekens; stuur tekens buiten "
        "ASCII (é, ë, –) als UTF-8-bytes; langer of een NUL-teken geeft 400 / why you make "
        "this change, kept in the history. At most 2,000 characters; send characters outside "
        "ASCII as UTF-8 bytes; longer or a NUL character gets 400"
    ),
}


def add_change_reason(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Every write takes the optional X-Change-Reason header."""
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in ("post", "patch", "put"):
                operation.setdefault("parameters", []).append(CHANGE_REASON)
    return result


# What each field means, in Dutch and English, for fields that do not describe themselves.
FIELDS = {
    "id": "Nummer van het record / the record's id",
    "client": "Cliënt (id) / client (id)",
    "caseworker": "Casemanager (gebruikers-id) / caseworker (user id)",
    "team": "Team (id)",
    "name": "Naam / name",
    "first_name": "Voornaam / first name",
    "last_name": "Achternaam / last name",
    "date_of_birth": "Geboortedatum / date of birth",
    "regime": "Wajongregeling / Wajong regime: owajong, wajong2010, wajong2015",
    "has_work_capacity": "Heeft arbeidsvermogen / has work capacity",
    "in_service_since": "In zorg sinds / in service since",
    "out_of_service_on": "Uit zorg per (leeg: nog in zorg) / out of service on (empty: still in)",
    "held_on": "Datum van het gesprek / date of the conversation",
    "status": "Status",
    "channel": "Kanaal: in_person, video, phone, written / channel",
    "with_client": "Met de cliënt gesproken / the client took part",
    "kind": "Soort / kind",
    "duration_minutes": "Duur in minuten (1-1440) / duration in minutes",
    "summary": "Verslag / summary",
    "next_contact_on": "Volgend contact gepland op / next contact planned on",
    "reason": "Reden / reason",
    "note": "Toelichting / note",
    "valid_from": "Geldig vanaf (inclusief) / valid from (inclusive)",
    "valid_until": "Geldig tot en met / valid until (inclusive)",
    "review_on": "Herbeoordelen op / review on",
    "phase": "Klantfase 1-4 / client phase 1-4",
    "started_on": "Begonnen op / started on",
    "ended_on": "Geëindigd op (exclusief; leeg: loopt nog) / ended on (exclusive; empty: current)",
    "recorded_by": "Vastgelegd door (gebruikers-id) / recorded by (user id)",
    "goal": "Doel van het werkplan / the work plan's goal",
    "agreed_on": "Afgesproken met de cliënt op / agreed with the client on",
    "version": "Versie / version",
    "agreements": "Afspraken / agreements",
    "description": "Omschrijving / description",
    "owner": "Wie: client, uwv, employer, provider / who carries it out",
    "due_on": "Uiterlijk op / due on",
    "service_type": "Dienstsoort (id) / service type (id)",
    "provider": "Aanbieder (id) / provider (id)",
    "purpose": "Doel van de inkoop / purpose of the purchase",
    "purchased_on": "Ingekocht op / purchased on",
    "planned_end_on": "Geplande einddatum / planned end",
    "outcome": "Resultaat / outcome",
    "pauses": "Pauzes / pauses",
    "from_date": "Gepauzeerd vanaf / paused from",
    "to_date": "Hervat op (leeg: nog gepauzeerd) / resumed on (empty: still paused)",
    "code": "Code",
    "category": "Categorie / category",
    "active": "Nog in gebruik / still in use",
    "kvk_number": "KvK-nummer / Chamber of Commerce number",
    "raised_on": "Gesignaleerd op / raised on",
    "resolved_on": "Opgelost op / resolved on",
    "details": "Gegevens achter het signaal / what the signal is based on",
    "rule_version": "Gebruikte normversie (id) / norm version used (id)",
    "dismissed_reason": "Reden van terzijde leggen / why it was set aside",
    "dismissed_until": "Terzijde tot en met / set aside until",
    "dismissed_by": "Terzijde gelegd door / set aside by",
    "at": "Tijdstip / time",
    "user": "Medewerker (id) / staff member (id)",
    "action": "Handeling / action",
    "path": "Adres van de aanvraag / request path",
    "ip": "IP-adres van de aanvrager / the requester's IP address",
    "model": "Soort gegeven / kind of record",
    "object_id": "Nummer van het gegeven / the record's id",
    "changes": "Wat veranderde: veld, oud, nieuw / what changed: field, old, new",
    "field": "Veld / field",
    "old": "Oude waarde / value before",
    "new": "Nieuwe waarde / value after",
    "year": "Jaar / year",
    "months": "Aantal maandeinden / number of month-ends",
    "month_ends": "De maandeinden / the month-ends",
    "rows": "Per fase het gemiddelde / the average per phase",
    "average": "Gemiddeld aantal cliënten / average number of clients",
    "total": "Totaal / total",
    "until": "Tot en met / until (inclusive)",
    "on": "Datum / date",
    "outcome_note": "Toelichting bij het resultaat / note on the outcome",
    "repeat_justification": "Motivering herhaalde inkoop / why the service is bought again",
    "current_phase": "Huidige fase (alleen lezen) / current phase (read-only)",
    "bsn": "BSN",
    "cost": "Kosten in euro's / cost in euros",
    "count": "Aantal / count",
    "next": "Volgende pagina / next page",
    "previous": "Vorige pagina / previous page",
    "results": "De records op deze pagina / the records on this page",
}


def describe_fields(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Give every schema property a description, in Dutch and English, where it has none."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for name, prop in component.get("properties", {}).items():
            if "description" not in prop and name in FIELDS and "$ref" not in prop:
                prop["description"] = FIELDS[name]
    return result
