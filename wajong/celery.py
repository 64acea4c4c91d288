"""The Celery application; its configuration and beat schedule live in Django settings.

A task is not lost when its worker dies mid-run. On Redis the broker keeps a message it handed
out until the worker acknowledges it (`acks_late`) and gives it to a worker again once the
visibility timeout has passed (settings). Kombu's filesystem transport, used without Redis,
deletes a message file the moment a worker takes it, so here a worker keeps its own list of
what it took and has not finished (`BROKER_DIR/taken/<worker name>/`), and on starting it
puts back on the queue whatever a previous run of it left there. A worker stopped in good
order runs what it took before it exits, so only one that died leaves anything on its list.
"""

import json
import logging
import logging.config
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from celery import Celery, signals

if TYPE_CHECKING:
    from celery import Task
    from celery.app.task import Context
    from celery.worker.consumer import Consumer
    from celery.worker.request import Request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wajong.settings")

app = Celery("wajong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


@signals.setup_logging.connect
def use_the_projects_logging(loglevel: int | None = None, **kwargs: Any) -> None:
    """Worker and beat log through settings.LOGGING, as the web app does, so their lines and
    tracebacks are redacted too; Celery's own set-up (which replaces the root logger's
    handlers with plain ones) is skipped. `--loglevel` still sets the level."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)


def taken_folder(worker_name: str) -> Path | None:
    """Where the worker `worker_name` lists the tasks it took; None on Redis."""
    from django.conf import settings

    broker_dir = getattr(settings, "BROKER_DIR", None)
    return Path(broker_dir) / "taken" / worker_name if broker_dir else None


@signals.task_received.connect
def note_taken(sender: "Consumer", request: "Request", **kwargs: Any) -> None:
    """Before the task runs: write down what would be needed to send it again."""
    folder = taken_folder(request.hostname)
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    task = {
        "name": request.task_name,
        "id": request.id,
        "args": list(request.args),
        "kwargs": request.kwargs,
        "exchange": request.delivery_info.get("exchange"),
        "routing_key": request.delivery_info.get("routing_key"),
    }
    written = folder / f"{request.id}.json.part"
    written.write_text(json.dumps(task))
    written.replace(folder / f"{request.id}.json")  # whole or not at all


def _done(worker_name: str | None, task_id: str | None) -> None:
    folder = taken_folder(worker_name) if worker_name and task_id else None
    if folder is not None:
        (folder / f"{task_id}.json").unlink(missing_ok=True)


@signals.task_postrun.connect
def strike_finished(sender: "Task[Any, Any]", task_id: str, **kwargs: Any) -> None:
    """The task ran (succeeded or failed): its message is acknowledged, nothing to put back."""
    _done(sender.request.hostname, task_id)


@signals.task_revoked.connect
def strike_revoked(sender: "Task[Any, Any]", request: "Context", **kwargs: Any) -> None:
    _done(request.hostname, request.id)


@signals.worker_ready.connect
def put_back_unfinished(sender: "Consumer", **kwargs: Any) -> None:
    """Send again what this worker took in a previous run and never finished: it died."""
    folder = taken_folder(sender.hostname)
    if folder is None or not folder.is_dir():
        return
    for path in sorted(folder.glob("*.json")):
        task = json.loads(path.read_text())
        # Sent to a queue by its name, a message comes through the default exchange ("").
        route = (
            {"exchange": task["exchange"], "routing_key": task["routing_key"]}
            if task["exchange"]
            else {"queue": task["routing_key"]}
        )
        app.send_task(
            task["name"], args=task["args"], kwargs=task["kwargs"], task_id=task["id"], **route
        )
        path.unlink()
        logger.warning(
            "Task %s[%s] sent again: an earlier run of this worker died before finishing it.",
            task["name"],
            task["id"],
        )
