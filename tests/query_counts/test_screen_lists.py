"""Every screen that lists rows costs a pinned number of queries, at 3 rows and at 30; so do
the downloads of those lists.

Every named URL outside the API and the admin is either pinned here or named in NOT_LISTS with
the reason it lists no rows, so a new screen is looked at
(`test_every_screen_is_pinned_or_not_a_list`).

A typical count: the session, the savepoint of the request's transaction, the user and their
roles, the page's own queries (teams in scope, a count and a page, one per prefetched relation),
the unread notifications in the header, the savepoint's release and the read log's one insert.
"""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from interventions.models import Conversation

from . import rows
from .pins import Pin, World, check, context_rows, csv_rows, page_rows


def file_page(tail: str = ""):
    return lambda world: f"/clienten/{world.client.pk}/{tail}"


def at(path: str):
    return lambda world: path


def changes(export: str = ""):
    def path(world: World) -> str:
        today = timezone.localdate()
        since = today - timedelta(days=30)
        return f"/wijzigingen/?user={world.caseworker.pk}&since={since}&until={today}" + (
            f"&export={export}" if export else ""
        )

    return path


def today_as(template: str):
    return lambda world: template.format(today=timezone.localdate())


def conversations_in(entries) -> int:
    return sum(entry.kind == "conversation" for entry in entries)


def conversations_found(response) -> int:
    """The conversations among the changes found (on every page)."""
    return conversations_in(response.context["page"].paginator.object_list)


def conversations_exported(response) -> int:
    """The conversations among the changes in a download: their "Gegeven" cells."""
    return response.content.decode().count(f"{Conversation._meta.verbose_name} #")


def queue_clients_shown(response) -> int:
    return len(
        {
            item.client_id
            for _key, _title, items, _total in response.context["groups"]
            for item in items
        }
    )


def agenda_rows(response) -> int:
    return sum(len(day.conversations) for day in response.context["days"])


def found(response) -> int:
    return response.context["page"].paginator.count


PINS = [
    Pin("report_search", at("/gesprekken/zoeken/?q=proefplaatsing"), rows.reports, 10, found),
    Pin("agenda", at("/agenda/"), rows.this_weeks_conversations, 10, agenda_rows),
    Pin("work_queue", at("/werk/?alle=vandaag"), rows.queue_clients, 16, queue_clients_shown),
    Pin("caseload", at("/clienten/"), rows.clients, 10, page_rows),
    Pin("caseload", at("/clienten/?team=on"), rows.clients, 10, page_rows, variant="team"),
    Pin("caseload", at("/clienten/?export=csv"), rows.clients, 8, csv_rows, variant="export"),
    Pin("handover", at("/clienten/overdracht/"), rows.clients, 12, page_rows, user="manager"),
    Pin(
        "client_detail",
        file_page(),
        rows.a_whole_file,
        # 21 + the planned conversations the form offers to fulfil + the plan's letters + the
        # work section (jobs with their placement, their renewals, the provisions) + the ladder
        # (whose last rung the form preselects) + the referrals with their organisations
        29,
        lambda response: len(response.context["file"].conversations),
    ),
    Pin(
        "record_job",
        file_page("werk/nieuw/"),
        rows.jobs,
        10,  # the page's own: the client with its phase and the client's earlier employers
        lambda response: len(response.context["form"].known_employers),
    ),
    Pin(
        "record_provision",
        file_page("voorzieningen/nieuw/"),
        rows.jobs,
        10,  # the page's own: the client with its phase and the client's jobs to choose from
        lambda response: len(response.context["form"].fields["job"].queryset),
    ),
    Pin(
        "record_referral",
        file_page("doorverwijzingen/nieuw/"),
        rows.organisations,
        10,  # the page's own: the client with its phase and the organisations to choose from
        lambda response: len(response.context["form"].fields["organisation"].queryset),
    ),
    Pin("change_phase", file_page("fase/"), rows.phase_periods, 10, context_rows("periods")),
    Pin(
        "work_capacity",
        file_page("arbeidsvermogen/"),
        rows.capacity_decisions,
        12,
        context_rows("reassessments"),
    ),
    Pin(
        "exemptions",
        file_page("vrijstellingen/"),
        rows.exemptions,
        11,
        context_rows("contact_exemptions"),
    ),
    Pin("work_plan", file_page("werkplan/"), rows.work_plans, 12, context_rows("earlier")),
    Pin("trajectories", file_page("trajecten/"), rows.trajectories, 13, context_rows("rows")),
    Pin(
        "client_history",
        file_page("historie/"),
        rows.a_whole_file_by_the_caseworker,
        39,
        lambda response: conversations_in(response.context["entries"]),
    ),
    Pin(
        "export_conversations",
        at("/gesprekken/export.csv"),
        rows.conversations,
        8,
        csv_rows,
    ),
    Pin("notifications", at("/meldingen/"), rows.notifications, 8, page_rows),
    Pin("my_sessions", at("/account/sessies/"), rows.sessions, 7, context_rows("sessions")),
    Pin(
        "access_log",
        lambda world: f"/inzagelog/?user={world.caseworker.pk}",
        rows.reads,
        12,
        page_rows,
        user="auditor",
    ),
    Pin(
        "change_search",
        changes(),
        rows.a_whole_file_by_the_caseworker,
        68,  # with the names of the clients on the page
        conversations_found,
        user="auditor",
    ),
    Pin(
        "change_search",
        changes("csv"),
        rows.a_whole_file_by_the_caseworker,
        65,
        conversations_exported,
        user="auditor",
        variant="export",
    ),
    # A manager's drill-down: 10 + the caseworkers the action bar offers to hand clients over to.
    Pin("drilldown", at("/dashboard/clienten/"), rows.clients, 12, page_rows, user="manager"),
    Pin(
        "drilldown",
        today_as("/dashboard/clienten/?phase=3&on={today}"),
        rows.clients,
        12,
        page_rows,
        user="manager",
        variant="phase-on-a-day",
    ),
    Pin(
        "drilldown",
        today_as("/dashboard/clienten/?transition=start-3&start=2019-01-01&end={today}"),
        rows.clients,
        12,
        page_rows,
        user="manager",
        variant="event",
    ),
    Pin(
        "drilldown",
        at("/dashboard/clienten/?export=csv"),
        rows.clients,
        9,
        csv_rows,
        user="manager",
        variant="export",
    ),
]

# Named screens that list no rows of their own, and why.
NOT_LISTS = {
    "contact_details": "a form of one client's contact details",
    "calendar_feed_create": "a POST that shows the agenda (pinned as agenda)",
    "calendar_feed_revoke": "a POST that redirects",
    "calendar_feed": "a calendar file; tests/clients/test_agenda.py checks it",
    "queue_plan_no_show": "a POST that shows the work queue (pinned as work_queue)",
    "queue_plan_move": "a POST that shows the work queue (pinned as work_queue)",
    "queue_signal_dismiss": "a POST that shows the work queue (pinned as work_queue)",
    "queue_agreement_done": "a POST that shows the work queue (pinned as work_queue)",
    "queue_referral_follow_up": "a POST that shows the work queue (pinned as work_queue)",
    "bulk_plan": "a POST on a selection; tests/query_counts/test_bulk_actions.py pins it",
    "bulk_export": "a POST on a selection; tests/query_counts/test_bulk_actions.py pins it",
    "bulk_handover": "a POST on a selection; tests/query_counts/test_bulk_actions.py pins it",
    "healthz": "a health check",
    "favicon": "a redirect to the icon",
    "login": "a form",
    "logout": "a redirect",
    "mfa_verify": "a form",
    "mfa_setup": "a form",
    "password_change": "a form",
    "end_other_sessions": "a POST that redirects",
    "notifications_mark_read": "a POST that redirects",
    "home": "a redirect to the caseload or the dashboard",
    "import_clients": "a form; its report lists the rows of the uploaded file, not the database, "
    "and its help the teams in one query (tests/clients/test_import_page.py)",
    "import_template": "a fixed file: the headings and one made-up row",
    "reveal_bsn": "a POST that shows the client file (pinned as client_detail)",
    "log_contact": "a POST that shows the client file (pinned as client_detail)",
    "add_contact_exemption": "a POST that shows the exemptions (pinned as exemptions)",
    "add_phase_exemption": "a POST that shows the exemptions (pinned as exemptions)",
    "end_contact_exemption": "a POST that shows the exemptions (pinned as exemptions)",
    "end_phase_exemption": "a POST that shows the exemptions (pinned as exemptions)",
    "agree_work_plan": "a POST that shows the work plan (pinned as work_plan)",
    "work_plan_letter": "a PDF of one plan version; tests/clients/test_work_plan_letter.py",
    "record_work_plan_letter": "a POST that redirects, or shows its refused form",
    "agreement_status": "a POST that shows the client file (pinned as client_detail)",
    "reopen_agreement": "a POST that shows the client file or the work plan (pinned as "
    "client_detail and work_plan)",
    "trajectory_action": "a POST that shows the trajectories (pinned as trajectories)",
    "end_job": "a form on one job",
    "renew_job": "a form on one job",
    "decide_provision": "a form on one provision",
    "follow_up_referral": "a form on one referral",
    "work_proposal": "one proposal about one job",
    "dashboard": "report tables, one row per team or caseworker; tests/reports pins that their "
    "queries do not grow with the clients",
    "dashboard_page": "as dashboard",
    "report_export": "as dashboard, as a download",
    "set_language": "a POST that redirects",
    "api-schema": "the API's description",
    "api-docs": "the API's documentation page",
}


@pytest.mark.parametrize("pin", PINS, ids=[pin.id for pin in PINS])
def test_a_screen_list_costs_its_pinned_queries_at_3_and_30_rows(pin: Pin, world: World):
    check(pin, world)


def _names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            route = prefix + str(pattern.pattern)
            if not route.startswith(("admin/", "api/v1/")):
                yield from _names(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield pattern.name or prefix + str(pattern.pattern)


def test_every_screen_is_pinned_or_not_a_list():
    screens = set(_names(get_resolver().url_patterns))
    assert {"caseload", "client_detail", "access_log"} <= screens  # the finder finds them

    pinned = {pin.name for pin in PINS}
    unknown = screens - pinned - set(NOT_LISTS)
    assert not unknown, f"screens neither pinned nor in NOT_LISTS: {sorted(unknown)}"
    gone = (pinned | set(NOT_LISTS)) - screens
    assert not gone, f"pins or NOT_LISTS entries of screens that no longer exist: {sorted(gone)}"
    assert not pinned & set(NOT_LISTS), "a screen is either pinned or not a list"
