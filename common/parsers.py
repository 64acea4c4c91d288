"""How the API reads a request body. Kept apart from common.api: DRF's views read the parser
setting when they are imported, and common.api imports them."""

import codecs
import json
import math
import re
from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers
from rest_framework.settings import api_settings


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, but whatever it cannot take is a 400 in the user's language, never a
    server error: nesting deeper than Python's parser goes (a RecursionError), a number too
    large for a float (1e400 is infinity, which no id or count can be), bytes that are not
    UTF-8, and text that cannot be stored (a NUL, which PostgreSQL refuses, or half a UTF-16
    surrogate pair), wherever in the body it is."""

    def parse(
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        # Refuses an unknown charset with a 400 (not yet in djangorestframework-stubs).
        encoding = parsers.get_encoding(parser_context or {})  # type: ignore[attr-defined]
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=_refuse_constant,
                parse_float=_finite_float,
            )
        except RecursionError:
            raise exceptions.ParseError(_("De JSON is te diep genest.")) from None
        except json.JSONDecodeError as error:
            raise exceptions.ParseError(
                _("De aanvraag is geen geldige JSON (regel %(line)d, kolom %(column)d).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        except UnicodeDecodeError:
            raise exceptions.ParseError(_("De aanvraag is geen geldige JSON in UTF-8.")) from None
        except ValueError:  # e.g. an integer of more than 4,300 digits
            raise exceptions.ParseError(_("De aanvraag is geen geldige JSON.")) from None
        _refuse_unstorable_text(data)
        return data


def _refuse_constant(name: str) -> None:
    raise exceptions.ParseError(_("%(name)s is geen getal in JSON.") % {"name": name})


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise exceptions.ParseError(_("Het getal %(number)s is te groot.") % {"number": text})
    return number


# A NUL (PostgreSQL refuses it in text) or a lone surrogate (not encodable as UTF-8).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = _(
    "Dit veld bevat een teken dat niet kan worden opgeslagen (NUL of ongeldige Unicode)."
)


def _refuse_unstorable_text(data: Any) -> None:
    """Refuse every top-level field whose value (or a key in it), however deeply nested, holds
    text that cannot be stored. Walked without recursion: the body may be nested deep."""
    whole = api_settings.NON_FIELD_ERRORS_KEY
    refused = {}
    for field, value in data.items() if isinstance(data, dict) else [(whole, data)]:
        pending = [field, value]
        while pending:
            item = pending.pop()
            if isinstance(item, str) and UNSTORABLE.search(item):
                refused[whole if UNSTORABLE.search(field) else field] = [UNSTORABLE_MESSAGE]
                break
            if isinstance(item, dict):
                pending.extend(item.keys())
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(item)
    if refused:
        raise exceptions.ValidationError(refused)
