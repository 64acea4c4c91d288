"""What drf-spectacular needs to write the API document (settings.SPECTACULAR_SETTINGS)."""

SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.openapi.add_error_responses",
        "common.openapi.add_change_reason",
        "common.openapi.describe_fields",
        "common.openapi.state_request_rules",
        "common.openapi_links.add_links",
    ],
    # Separate components for what a request sends ("ClientRequest") and what an answer
    # shows ("Client"), so that each states its own rules (no unknown fields in a request).
    "COMPONENT_SPLIT_REQUEST": True,
    "TITLE": "Wajong casework API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs need a signed-in user, like every endpoint.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Tags and operation ids from the part after the version: "signals", not "v1".
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Several models have a `kind` and a `status`: name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "PhaseEnum": "phases.models.Phase",
        "ContactExemptionReasonEnum": "interventions.models.ContactExemption.Reason",
        "ConversationStatusEnum": "interventions.models.Conversation.Status",
        "ConversationKindEnum": "interventions.models.Conversation.Kind",
        "PhaseExemptionReasonEnum": "phases.models.PhaseExemption.Reason",
        "SignalKindEnum": "signals.models.Signal.Kind",
        "SignalStatusEnum": "signals.models.Signal.Status",
        "JobKindEnum": "work.models.Job.Kind",
        "ProvisionKindEnum": "work.models.Provision.Kind",
        "OrganisationKindEnum": "referrals.models.Organisation.Kind",
        "ReferralStatusEnum": "referrals.models.Referral.Status",
        # What a new work plan may be (an answer also shows "superseded").
        "NewWorkPlanStatusEnum": ["draft", "agreed"],
    },
    # Swagger UI's files come from the drf-spectacular-sidecar package: no page loads a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No validator badge: it would send the schema's address to validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}
