"""The Celery application; its configuration and beat schedule live in Django settings."""

import logging.config
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wajong.settings")

app = Celery("wajong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def use_the_projects_logging(loglevel: int | None = None, **kwargs) -> None:
    """Worker and beat log through settings.LOGGING, as the web app does, so their lines and
    tracebacks are redacted too; Celery's own set-up (which replaces the root logger's
    handlers with plain ones) is skipped. `--loglevel` still sets the level."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)
