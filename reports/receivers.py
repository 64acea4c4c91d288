"""Reports listen to the domain: a write dated in the past makes month-end figures stale."""

from datetime import date
from typing import Any

from .services import figures_changed_from


def mark_figures_stale(sender: Any, *, since: date, **kwargs: Any) -> None:
    figures_changed_from(since)
