"""The numbers and fixed texts of the demo data set."""

from datetime import date
from zoneinfo import ZoneInfo

from accounts.models import Role

REASON = "Demodata (seed_demo)"
DEMO_PASSWORD = "wajong-demo-2026"
# The demo logins, one per role; documented in the README. Local use only.
DEMO_LOGINS = {
    "casemanager": Role.CASEWORKER,
    "teammanager": Role.TEAM_MANAGER,
    "auditor": Role.AUDITOR,
    "beheerder": Role.FUNCTIONAL_ADMIN,
}
# Clients per phase, average per month in 2021 as UWV reported it; the demo's current-phase mix.
PHASE_MIX = {"1": 20_110, "2": 15_585, "3": 11_115, "4": 41_595}
# Mean days a client stays in a phase, and all conversations a year (held ~85% of them).
PHASE_DAYS = {"1": 900, "2": 420, "3": 330, "4": 1100}
CONVERSATIONS_PER_YEAR = {"1": 1.5, "2": 2.2, "3": 2.2, "4": 1.1}
CLIENTS_PER_TEAM = 2_750
CLIENTS_PER_CASEWORKER = 400
CHUNK = 5_000
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# (phase, started_on, ended_on or None while open, reason)
Period = tuple[str, date, date | None, str]
