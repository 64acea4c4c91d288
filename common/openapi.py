"""drf-spectacular hooks that complete the API document in one place: the error answers every
operation can give, what a request may send, the change-reason header, field descriptions."""

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
RETRY_AFTER = {
    "Retry-After": {
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
        "description": "Seconden tot een nieuwe poging zin heeft / seconds to wait",
    }
}
ERRORS: dict[str, tuple[str, dict[str, Any], dict[str, Any]]] = {
    "400": (
        "Ongeldige invoer: per veld (of parameter) een lijst met meldingen, of `detail` als de "
        "hele aanvraag onleesbaar is / invalid input: messages per field or parameter, or "
        "`detail`",
        {"type": "object", "additionalProperties": {}},
        {},
    ),
    "401": (
        "Niet aangemeld / not signed in",
        DETAIL,
        {"WWW-Authenticate": {"required": True, "schema": {"type": "string"}}},
    ),
    "403": ("Uw rol mag dit niet / your role may not do this", DETAIL, {}),
    "404": (
        "Bestaat niet of valt buiten uw bereik; bij een lijst: een pagina na de laatste / not "
        "found or outside your scope; for a list: a page after the last one",
        DETAIL,
        {},
    ),
    "406": ("Alleen JSON / the answer is JSON only (Accept)", DETAIL, {}),
    "409": (
        "Iemand anders wijzigde het record intussen / edit conflict: send the current version",
        CONFLICT,
        {},
    ),
    "415": ("Stuur JSON / send JSON (Content-Type: application/json)", DETAIL, {}),
    "429": (
        "Te veel cliënten gelezen dit uur / too many clients read this hour",
        DETAIL,
        RETRY_AFTER,
    ),
    "503": (
        "De database was bezet; er is niets opgeslagen / the database was busy, nothing was "
        "written: try again",
        DETAIL,
        RETRY_AFTER,
    ),
}


def _error_codes(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    """The error answers an operation can give: 400 (a parameter or a body), 401, 403, 404 for
    one record or a page after the last, 406, 409 for PATCH and operations that name it, 415
    for a body, 429 when the user read too many clients this hour, 503 when the database was
    busy."""
    codes = ["400", "401", "403", "406", "429", "503"]
    pages = any(parameter.get("name") == "page" for parameter in operation.get("parameters", []))
    if "{" in path or pages or "404" in operation.get("responses", {}):
        codes.append("404")
    if method == "patch" or "409" in operation.get("responses", {}):
        codes.append("409")
    if "requestBody" in operation:
        codes.append("415")
    return sorted(codes)


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Every error answer an operation can give, with its JSON shape and headers, unless the
    operation documents its own."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "patch", "put", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method, operation):
                if code in responses and responses[code].get("content"):
                    continue
                description, schema, headers = ERRORS[code]
                responses[code] = {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                    **({"headers": headers} if headers else {}),
                }
    return result


# Text the API refuses wherever it is: a NUL (PostgreSQL cannot store it). A field that may
# not be blank needs a character other than white space, since the API trims it: the white
# space Python's str.strip() removes, spelled out (regex engines differ on what \s means).
NO_NUL = r"^[^\x00]*$"
WHITE_SPACE = r"\x09-\x0d\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK = rf"^[^\x00]*[^\x00{WHITE_SPACE}][^\x00]*$"


def _text_rule(schema: dict[str, Any]) -> None:
    if schema.get("type") == "string" and not {"format", "enum", "pattern"} & set(schema):
        schema["pattern"] = NOT_BLANK if schema.get("minLength", 0) >= 1 else NO_NUL


def state_request_rules(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """What a request may send, as strictly as the API checks it: no field outside those
    documented (the API refuses unknown fields rather than drop a typo), free text without a
    NUL and not blank where it is required, and a PATCH's `version`."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request") or component.get("type") != "object":
            continue
        component["additionalProperties"] = False
        for prop in component.get("properties", {}).values():
            _text_rule(prop)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _text_rule(parameter.get("schema", {}))
            if method == "patch":
                _version_required(result, operation)
    return result


def _version_required(result: dict[str, Any], operation: dict[str, Any]) -> None:
    """A PATCH of a record with a `version` must send the version it read (409 when stale)."""
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    name = body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
    component = result.get("components", {}).get("schemas", {}).get(name, {})
    if "version" in component.get("properties", {}):
        component["required"] = sorted({*component.get("required", []), "version"})
        operation["requestBody"]["required"] = True


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
    "out_of_service_reason": (
        "Reden uit zorg, verplicht bij een datum uit zorg / reason for leaving, required with "
        "out_of_service_on: retirement, death, lasting_none, recovered_work, detention, abroad, "
        "other"
    ),
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
