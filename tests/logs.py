"""Finding a planted BSN in log output, however it was written there."""

import re
import unicodedata
from urllib.parse import unquote

BSN = "123456782"  # passes the 11-test; planted in requests and errors, never to be logged


def bsn_in(text: str, bsn: str = BSN) -> list[str]:
    """Every place `bsn` appears in `text`: in a row, with separators between its digits
    (spaces, dots, dashes, "%20"...), percent-encoded or in other scripts' digits."""
    plain = unquote(text)
    plain = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in plain)
    pattern = r"(?<!\d)" + r"\D{0,3}".join(bsn) + r"(?!\d)"
    return re.findall(pattern, plain)
