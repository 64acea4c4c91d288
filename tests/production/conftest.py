"""The application as production runs it: gunicorn with the project's gunicorn.conf.py and
`DEBUG=false`, in a subprocess on a free port.

It uses this test's database, so a test that writes rows for it to serve (a user to log in
with, a client file) must be `django_db(transaction=True)`. TLS is left out
(`SECURE_SSL_REDIRECT=false`), as behind the load balancer that ends it.
"""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import WebServer, database_url, free_port


@pytest.fixture
def production_server(transactional_db, tmp_path: Path) -> Iterator[WebServer]:
    """gunicorn serving the app with production settings; `.log()` is all it wrote."""
    port = free_port()
    server = WebServer(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        port=port,
        env={
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SECRET_KEY": "production-test-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_DIR": str(tmp_path / "broker"),
        },
        log_path=tmp_path / "gunicorn.log",
    )
    try:
        server.wait_until_listening()
        yield server
    finally:
        server.stop()
        print(f"--- gunicorn's output ---\n{server.log()}")  # shown when a test fails
