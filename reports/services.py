"""Keeping the stored month-end figures current.

Services that write history with a date in the past call `figures_changed_from(day)`; the
nightly `refresh_month_end_figures` counts the missing and out-of-date month-ends again. Until
then the reports count those month-ends live, so a figure is never silently out of date.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from clients.models import Client
from common.dates import month_ends, months_back
from common.locks import only_one_at_a_time
from work.status_figures import work_status_groups

from .models import FigureState, MonthEndFigure, MonthEndWorkFigure
from .month_end_figures import month_end_counts

logger = logging.getLogger(__name__)
LOCK_ID = 4_151_2025  # one refresh at a time on PostgreSQL
# Month-ends before this are counted on request only (the yearly phase figures start in 2015).
YEARS_KEPT = 7


def figures_changed_from(day: date) -> None:
    """Figures on month-ends from `day` on may have changed: mark them out of date.

    Called inside the writing transaction; the mark is part of it, so it holds exactly when the
    write holds. A date after the last stored month-end marks nothing: the refresh stores a
    month-end only once its day is over (so on the 30th of November a write dated that day
    touches no stored figure either).
    """
    if day > months_back(timezone.localdate() - timedelta(days=1), 1)[0]:
        return
    FigureState.objects.get_or_create(pk=1)
    FigureState.objects.filter(pk=1).update(
        stale_from=Least(Coalesce(F("stale_from"), Value(day)), Value(day)),
        version=F("version") + 1,
    )


@dataclass
class Refresh:
    counted: list[date] = field(default_factory=list)
    skipped: bool = False  # another refresh was running

    def summary(self) -> str:
        if self.skipped:
            return "month-end figures: another refresh is running"
        if not self.counted:
            return "month-end figures: up to date"
        return (
            f"month-end figures: counted {len(self.counted)} month-ends "
            f"({self.counted[0]} to {self.counted[-1]})"
        )


def first_month_end_kept(today: date) -> date:
    return date(today.year - YEARS_KEPT + 1, 1, 31)


def refresh_month_end_figures(*, today: date | None = None) -> Refresh:
    """Count and store every month-end from `YEARS_KEPT` years back to the last one before
    `today` that is missing or out of date. Safe to run again: it then does nothing."""
    today = today or timezone.localdate()
    result = Refresh()
    with only_one_at_a_time(LOCK_ID) as acquired:
        if not acquired:
            result.skipped = True
            return result
        state, _ = FigureState.objects.get_or_create(pk=1)
        seen_version = state.version
        wanted = month_ends(first_month_end_kept(today), today - timedelta(days=1))
        result.counted = [end for end in wanted if not state.holds(end)]
        clients = Client.objects.all()
        for end in result.counted:
            rows = month_end_counts(clients, end)
            work = work_status_groups(clients, end)
            with transaction.atomic():
                MonthEndFigure.objects.filter(month_end=end).delete()
                MonthEndFigure.objects.bulk_create(
                    [MonthEndFigure(month_end=end, **row) for row in rows]
                )
                MonthEndWorkFigure.objects.filter(month_end=end).delete()
                MonthEndWorkFigure.objects.bulk_create(
                    [MonthEndWorkFigure(month_end=end, **row) for row in work]
                )
        with transaction.atomic():
            state = FigureState.objects.select_for_update().get(pk=1)
            if wanted:
                state.computed_from, state.computed_until = wanted[0], wanted[-1]
            if state.version == seen_version:
                state.stale_from = None  # nothing was written into the past meanwhile
            state.refreshed_at = timezone.now()
            state.save()
    logger.info(result.summary())
    return result
