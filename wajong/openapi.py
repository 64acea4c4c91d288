"""Document the error answers every operation can give, in one place (drf-spectacular hook)."""

ERRORS = {
    "400": (
        "Ongeldige invoer: per veld een lijst met meldingen (of `detail` als de hele aanvraag "
        "onleesbaar is) / invalid input: messages per field, or `detail`",
        {"type": "object", "additionalProperties": {}},
    ),
    "401": ("Niet aangemeld / not signed in", None),
    "403": ("Uw rol mag dit niet / your role may not do this", None),
    "404": ("Bestaat niet of valt buiten uw bereik / not found or outside your scope", None),
    "409": (
        "Iemand anders wijzigde het record intussen / edit conflict: send the current version",
        None,
    ),
}
DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}


def add_error_responses(result, generator, request, public):
    """400 for writes and filtered lists, 401 and 403 everywhere, 404 for one record, 409 for
    PATCH, each with its JSON shape, unless an operation documents its own."""
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "patch", "put", "delete"):
                continue
            codes = ["400", "401", "403"]
            if "{" in path:
                codes.append("404")
            if method == "patch":
                codes.append("409")
            responses = operation.setdefault("responses", {})
            for code in codes:
                if code in responses and responses[code].get("content"):
                    continue
                description, schema = ERRORS[code]
                responses[code] = {
                    "description": description,
                    "content": {"application/json": {"schema": schema or DETAIL}},
                }
    return result
