"""Logging without personal data: no BSN, however it is written, in any log line.

Every handler the project configures (Django's LOGGING, which Celery uses too, and gunicorn's
logger in gunicorn.conf.py) formats through `RedactingFormatter`, which blanks BSN-like
numbers in the finished text: message, traceback, stack and whatever the format adds (a
request line, say). `RedactBsn` cleans the record itself as well, for any handler that reads
the record's fields rather than formatting it.
"""

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

MASK = "*" * 9

# A digit, also percent-encoded as it appears in a logged URL ("%31" is "1").
DIGIT = r"(?:\d|%3\d)"
# What people type between groups of a BSN, also as a URL encodes it ("+" and "%20" for a
# space). Not ":", so times and timestamps never join up into nine digits.
# Up to three of them in a row ("123 - 456 - 782", two spaces), Unicode dashes included.
SEPARATOR = r"(?:[\s.,\-_/+\u2010-\u2015\u2212]|%20|%2[BbCcDdEeFf]|%C2%A0){1,3}"
# Groups of digits with one separator between each two: "123456782", "123 456 782",
# "1234.56.782", "2 12-34-56-782". It starts at a digit that does not continue a number (but
# may follow an encoded separator, such as the "%20" in "q=%20123456782").
RUN = re.compile(rf"(?:(?<![\d%])|(?<=%[0-9A-Fa-f]{{2}})){DIGIT}+(?:{SEPARATOR}{DIGIT}+)*")
GROUP = re.compile(rf"(?P<digits>{DIGIT}+)(?P<separator>{SEPARATOR})?")
DIGITS = re.compile(DIGIT)
# A task or request id may hold nine digits in a row by chance: that is not a BSN.
UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# People write a BSN in groups of at most four (123 456 782, 1234.56.782); longer groups
# next to each other are other figures (a status code and a response size, "200 12345").
LONGEST_GROUP = 4


def redact(text: str) -> str:
    """`text` with every BSN-like number replaced by nine asterisks.

    A BSN-like number is nine digits in a row, or nine digits in groups of one to four joined
    by the same separator, also when more groups surround it ("page 2 123 456 782"). Numbers
    of other lengths, times, IPv4 addresses and UUIDs are left alone.
    """
    if not any(character.isdigit() for character in text):
        return text
    uuids = [match.span() for match in UUID.finditer(text)]
    spans: list[tuple[int, int]] = []
    for run in RUN.finditer(text):
        if _is_ipv4(run.group()):
            continue
        for start, end in _bsn_spans(run):
            if not any(start < u_end and u_start < end for u_start, u_end in uuids):
                spans.append((start, end))
    for start, end in reversed(spans):
        text = text[:start] + MASK + text[end:]
    return text


def _is_ipv4(text: str) -> bool:
    """An IPv4 address, not a dotted BSN that only looks like one (1.234.567.82)."""
    return bool(IPV4.fullmatch(text)) and all(int(part) <= 255 for part in text.split("."))


@dataclass
class _Group:
    start: int
    end: int
    digits: int
    separator: str  # what follows the group: "" at the end of the run

    @property
    def short(self) -> bool:
        return self.digits <= LONGEST_GROUP


def _bsn_spans(run: re.Match[str]) -> list[tuple[int, int]]:
    """Where in one run of digit groups a BSN lies: a group of exactly nine digits, or
    neighbouring short groups with the same separator between them that hold nine together."""
    groups = []
    position = run.start()
    while position < run.end():
        group = GROUP.match(run.string, position, run.end())
        if group is None:  # cannot happen (RUN is made of GROUPs); logging must never fail
            break
        groups.append(
            _Group(
                group.start(),
                group.end("digits"),
                len(DIGITS.findall(group["digits"])),
                _separator_kind(group["separator"] or ""),
            )
        )
        position = group.end()
    spans = []
    first = 0
    while first < len(groups):
        total, last = groups[first].digits, first
        if groups[first].short:
            while (
                total < 9
                and last + 1 < len(groups)
                and groups[last + 1].short
                and groups[last].separator == groups[first].separator
            ):
                last += 1
                total += groups[last].digits
        if total == 9:
            spans.append((groups[first].start, groups[last].end))
            first = last + 1
        else:
            first += 1
    return spans


def _separator_kind(separator: str) -> str:
    """Separators that look the same to a reader count as the same: any space, a "+" or a
    "%20" in a URL; "." and "%2E"."""
    text = unquote(separator)
    if text.isspace() or text == "+":
        return " "
    return "".join(" " if c.isspace() else c for c in text).replace("  ", " ")


class RedactBsn(logging.Filter):
    """Blank out BSNs in the record itself: its message, its traceback and its stack. The
    record is kept, the number is not."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A malformed call (arguments that do not fit the message): logging would print
            # both raw to stderr. Keep what it said, redacted.
            message = f"{record.msg} {record.args}"
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RedactingFormatter(logging.Formatter):
    """Format as usual (or as the formatter it `wraps`), then blank every BSN in the result."""

    def __init__(self, *args: Any, wraps: logging.Formatter | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wraps = wraps

    def format(self, record: logging.LogRecord) -> str:
        text = self.wraps.format(record) if self.wraps else super().format(record)
        return redact(text)


def redact_handler(handler: logging.Handler) -> None:
    """Make a handler set up by someone else (gunicorn) redact what it writes."""
    if not isinstance(handler.formatter, RedactingFormatter):
        handler.setFormatter(RedactingFormatter(wraps=handler.formatter or logging.Formatter()))
    if not any(isinstance(f, RedactBsn) for f in handler.filters):
        handler.addFilter(RedactBsn())


class DropQueryString(logging.Filter):
    """The development server logs each request line ("GET /clienten/?q=Jansen HTTP/1.1"):
    leave out the query string, which holds searches for names and BSNs, as gunicorn's access
    log does."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple) and isinstance(record.args[0], str):
            method, _space, rest = record.args[0].partition(" ")
            target, _space, protocol = rest.rpartition(" ")
            if "?" in target:
                request_line = f"{method} {target.split('?', 1)[0]} {protocol}"
                record.args = (request_line, *record.args[1:])
        return True


def redacting_logging_config(*, level: str) -> dict[str, Any]:
    """Django's LOGGING: every handler writes through RedactingFormatter, which blanks BSN-like
    numbers however they are written, in the message and in tracebacks."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "no_bsn": {"()": "common.logging.RedactBsn"},
            "no_query_string": {"()": "common.logging.DropQueryString"},
        },
        "formatters": {
            "redacted": {
                "class": "common.logging.RedactingFormatter",
                "format": "{asctime} {levelname} {name} {message}",
                "style": "{",
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["no_bsn"],
                "formatter": "redacted",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's defaults give these two handlers of their own that do not redact (and
            # runserver's request log the full address): both write through the root's handler.
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.server": {
                "handlers": [],
                "filters": ["no_query_string"],
                "level": "INFO",
                "propagate": True,
            },
            # The PDF renderer logs every step of every document at INFO.
            "weasyprint.progress": {"handlers": [], "level": "WARNING", "propagate": True},
        },
    }
