"""What every endpoint of the REST API shares: pagination and how errors become responses.

The services raise Django's `ValidationError` (with a Dutch message per field) and
`EditConflict`; the API turns them into 400 and 409 with the contract's JSON shape, so views
call the services without catching anything themselves.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from common.exceptions import EditConflict
from common.forms import MAX_ID
from common.history import CHANGE_REASON_MAX_LENGTH
from common.parsers import UNSTORABLE, UNSTORABLE_MESSAGE
from common.reads import Read, note_reads

MAX_PAGE_SIZE = 500
DIGITS = re.compile("[0-9]+")


class Pagination(PageNumberPagination):
    """`?page=` (from 1) and `?page_size=` (1 to 500) on every list; the default size from
    REST_FRAMEWORK["PAGE_SIZE"]. A page number or size that is not a whole number in range is
    a 400 on the parameter; a page after the last one is a 404, as DRF does (an empty list
    still has its page 1)."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()  # the document promises numbers only

    def paginate_queryset(
        self, queryset: QuerySet[Any] | Sequence[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        self.check_parameters(request)
        return super().paginate_queryset(queryset, request, view)

    def check_parameters(self, request: Request) -> None:
        errors: dict[str, list[Any]] = {}
        page = request.query_params.get(self.page_query_param)
        if page is not None and not _counts_from_one(page):
            errors[self.page_query_param] = [_("Geef een paginanummer: een geheel getal vanaf 1.")]
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and not (_counts_from_one(size) and int(size) <= MAX_PAGE_SIZE):
            errors[self.page_size_query_param] = [
                _("Geef een paginagrootte: een geheel getal van 1 tot en met %(max)d.")
                % {"max": MAX_PAGE_SIZE}
            ]
        if errors:
            raise exceptions.ValidationError(errors)

    def get_page_number(self, request: Request, paginator: Any) -> int:
        page = request.query_params.get(self.page_query_param) or "1"
        # A number too long to convert is past any last page all the same (404).
        return int(page) if len(page) <= len(str(MAX_ID)) else MAX_ID

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return page_parameters()


def _counts_from_one(value: str) -> bool:
    return bool(DIGITS.fullmatch(value)) and value.strip("0") != ""


PAGE = "Paginanummer, vanaf 1; na de laatste pagina 404 / page number, from 1; after the last 404"
PAGE_SIZE = "Aantal per pagina / rows per page (1-500)"
PAGE_SCHEMA = {"type": "integer", "minimum": 1}
PAGE_SIZE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}


def page_parameters() -> list[dict[str, Any]]:
    """The paging parameters as the API document shows them."""
    return [
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": PAGE,
            "schema": PAGE_SCHEMA,
        },
        {
            "name": "page_size",
            "in": "query",
            "required": False,
            "description": PAGE_SIZE,
            "schema": PAGE_SIZE_SCHEMA,
        },
    ]


def paging() -> list[OpenApiParameter]:
    """The same, for `extend_schema` on a view that pages by hand."""
    return [
        OpenApiParameter("page", PAGE_SCHEMA, description=PAGE),
        OpenApiParameter("page_size", PAGE_SIZE_SCHEMA, description=PAGE_SIZE),
    ]


class ShowsClientData:
    """For viewsets whose records carry a client's personal data: every record put into a
    response through `get_serializer` is a noted read (one record: VIEW; a page: LIST), so the
    read log follows whatever the endpoint shows."""

    request: Any

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        shown = args[0] if args else kwargs.get("instance")
        if shown is not None:
            many = kwargs.get("many", False)
            note_reads(self.request, shown if many else [shown], Read.LIST if many else Read.VIEW)
        return super().get_serializer(*args, **kwargs)  # type: ignore[misc]


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Bewerkingsconflict.")
    default_code = "conflict"


def validation_error_detail(error: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError as {field: [messages]}; messages not tied to a field go under
    DRF's non-field key, as a serializer's own errors do."""
    per_field = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    return {
        (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
        for field, messages in per_field.items()
    }


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus: a service's ValidationError is a 400 with a message per field, an
    EditConflict a 409 that tells the version now stored."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=validation_error_detail(exc))
    elif isinstance(exc, EditConflict):
        response = drf_exception_handler(Conflict(detail=str(exc)), context)
        if response is not None and exc.current_version is not None:
            response.data["current_version"] = exc.current_version
        return response
    return drf_exception_handler(exc, context)


CHANGE_REASON_HEADER = "X-Change-Reason"


def _as_sent(header: str) -> str:
    """A header's text as the client meant it. Servers hand header bytes over as latin-1 text
    (PEP 3333, ASGI alike): bytes that are valid UTF-8 were meant as UTF-8, the documented way
    to send non-ASCII; any other bytes are kept as latin-1 text."""
    try:
        return header.encode("latin-1").decode("utf-8")
    except UnicodeError:  # not bytes a server passed on, or not UTF-8
        return header


def change_reason(request: Any) -> str:
    """The why an API client sent with a write (the X-Change-Reason header), for the
    history; empty when absent. Non-ASCII text comes as UTF-8 bytes. One that is too long or
    cannot be stored (a NUL) refuses the write with a 400 on the header."""
    reason = _as_sent(request.headers.get(CHANGE_REASON_HEADER) or "").strip()
    if len(reason) > CHANGE_REASON_MAX_LENGTH:
        raise exceptions.ValidationError(
            {
                CHANGE_REASON_HEADER: [
                    _("Een reden heeft hoogstens %(limit)d tekens (deze heeft er %(length)d).")
                    % {"limit": CHANGE_REASON_MAX_LENGTH, "length": len(reason)}
                ]
            }
        )
    if UNSTORABLE.search(reason):
        raise exceptions.ValidationError({CHANGE_REASON_HEADER: [UNSTORABLE_MESSAGE]})
    return reason


def paginated(serializer_class: type, name: str) -> type:
    """The documented shape of a page of `serializer_class` rows, for views that paginate by
    hand (an APIView has no list action for drf-spectacular to read it from)."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )
