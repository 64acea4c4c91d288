"""The nightly jobs beat sends, in Amsterdam time (settings.CELERY_BEAT_SCHEDULE).

One beat per deployment sends them (docs/scaling.md); each job is safe to run twice.
"""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {
    # Every night at 02:00 Amsterdam time; the task works out today's date when it runs.
    "signal-checks": {
        "task": "signals.tasks.run_signal_checks",
        "schedule": crontab(hour=2, minute=0),
    },
    # After the signals; counts only the month-ends that are missing or out of date.
    "month-end-figures": {
        "task": "reports.tasks.refresh_figures",
        "schedule": crontab(hour=2, minute=30),
    },
    # Yesterday's unusual reading, for the auditor's read log page.
    "unusual-reading": {
        "task": "audit.tasks.flag_unusual_reading_task",
        "schedule": crontab(hour=2, minute=15),
    },
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    "clear-expired-access": {
        "task": "access.tasks.clear_expired_access",
        "schedule": crontab(hour=3, minute=35),
    },
}
