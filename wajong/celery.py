"""The Celery application; its configuration and beat schedule live in Django settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wajong.settings")

app = Celery("wajong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
