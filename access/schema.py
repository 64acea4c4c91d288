"""How the OpenAPI document describes the API token (imported by AccessConfig.ready)."""

from typing import Any

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "access.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token"
        )


class VerifiedSessionScheme(SessionScheme):
    """The browser session, as drf-spectacular describes DRF's own (cookie `sessionid`)."""

    target_class = "access.authentication.VerifiedSessionAuthentication"
