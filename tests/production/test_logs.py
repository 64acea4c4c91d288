"""Production's web server writes no BSN, and no query string, to its logs."""

import re

import pytest

from tests.logs import BSN, bsn_in
from tests.processes import WebServer

# A search for a BSN, and BSNs typed into the address in the ways people write them.
REQUESTS = [
    f"/clienten/?search={BSN}",
    "/clienten/?q=123+456+782&fase=2",
    "/clienten/123%20456%20782/",
    "/clienten/123.456.782/historie/",
    "/api/v1/clients/?bsn=12-34-56-782",
]


@pytest.mark.django_db(transaction=True)
def test_gunicorns_logs_hold_no_bsn_and_no_query_string(production_server: WebServer):
    statuses = [production_server.get(path).status for path in REQUESTS]
    production_server.stop()  # so every line is written out

    log = production_server.log()
    access = [line for line in log.splitlines() if '"GET ' in line]
    assert statuses == [302, 302, 404, 404, 401]
    assert len(access) == len(REQUESTS), log  # each request is in the access log
    assert re.search(r'"GET /clienten/ HTTP/1\.1" status=302 ', log), log
    assert "Booting worker" in log  # gunicorn's error log is in the same output
    assert [line for line in access if "?" in line] == []
    assert "Not Found: /clienten/*********/" in log  # Django's own warning, redacted
    assert bsn_in(log) == [], log
