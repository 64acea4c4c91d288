"""gunicorn's configuration: the one place for how the production web server runs.

The Dockerfile and docker-compose.yml start `gunicorn --config gunicorn.conf.py`; gunicorn also
reads this file by itself when started from the project folder. Command-line options (a test's
`--bind 127.0.0.1:port`) override what is set here.

No personal data reaches its logs: the access log leaves out query strings (searches for a
name or BSN) and the referrer (the previous page's address, query and all), and every line
gunicorn writes, access or error, goes through the project's BSN redaction.
"""

import os

from gunicorn import glogging
from gunicorn.config import Config

from common.cores import usable_cores
from common.logging import redact_handler

wsgi_app = "wajong.wsgi:application"
bind = ["0.0.0.0:8000"]  # the container's port; docker compose maps PORT onto it
# Two synchronous workers per core, chosen by measurement: the pages are CPU-bound in Python,
# so more processes than cores only queue, and threads share one interpreter lock. The
# caseload under 20 connections on 2 cores (`bench_load --only caseload --seconds 20`, 110,000
# clients), workers x threads: pages/s and p95 ms
#   2x1: 45.5, 480   3x1: 47.0, 479   4x1: 48.7, 458   6x1: 48.8, 475   8x1: 45.1, 519
#   2x4: 28.2, 833   4x2: 48.8, 658
# At most 16: each worker holds its memory and a database connection.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * usable_cores(), 16)))
# Web requests wait at most a few seconds for a row lock or a statement, then hear "try again"
# (settings: DB_REQUEST_TIMEOUTS); the workers read settings after this file has run.
os.environ.setdefault("DB_REQUEST_TIMEOUTS", "true")
# No runtime control socket (gunicornc): nothing uses it, and two servers on one machine (tests
# side by side) would share its default path in $HOME.
control_socket_disable = True

accesslog = "-"
# %(U)s is the path without the query string. Labelled numbers: a status, a size and a
# duration side by side would read as one long number.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" status=%(s)s bytes=%(b)s ms=%(M)s'
errorlog = "-"


class RedactingLogger(glogging.Logger):
    """gunicorn's logger, each of its handlers writing through the BSN redaction."""

    def setup(self, cfg: Config) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                redact_handler(handler)


logger_class = RedactingLogger
