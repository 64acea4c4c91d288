"""Logging without personal data."""

import logging
import re

NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


class RedactBsn(logging.Filter):
    """Blank out anything that looks like a BSN (nine digits in a row), e.g. in a logged URL
    with a search for a full BSN; the record is kept, the number is not."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = NINE_DIGITS.sub("*********", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
