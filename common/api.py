"""What every endpoint of the REST API shares: pagination and how errors become responses.

The services raise Django's `ValidationError` (with a Dutch message per field) and
`EditConflict`; the API turns them into 400 and 409 with the contract's JSON shape, so views
call the services without catching anything themselves.
"""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from common.exceptions import EditConflict
from common.history import CHANGE_REASON_MAX_LENGTH
from common.parsers import UNSTORABLE, UNSTORABLE_MESSAGE
from common.reads import Read, note_reads


class Pagination(PageNumberPagination):
    """`?page=` and `?page_size=` (at most 500) on every list; the default size from
    REST_FRAMEWORK["PAGE_SIZE"]."""

    page_size_query_param = "page_size"
    max_page_size = 500


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


EARLIEST = date(1900, 1, 1)  # older dates are typing errors, not Wajongers


def plausible(value: date | None, field_label: Any, *, future_years: int = 0) -> date | None:
    """Refuse absurd dates (year 1 or 9999) with a message a person understands."""
    if value is None:
        return value
    latest = timezone.localdate() + timedelta(days=366 * future_years)
    if not EARLIEST <= value <= latest:
        raise exceptions.ValidationError(
            _("%(field)s moet tussen %(first)s en %(last)s liggen.")
            % {"field": field_label, "first": EARLIEST.isoformat(), "last": latest.isoformat()}
        )
    return value


def paginated(serializer_class: type, name: str) -> type:
    """The documented shape of a page of `serializer_class` rows, for views that paginate by
    hand (an APIView has no list action for drf-spectacular to read it from)."""
    from rest_framework import serializers

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
