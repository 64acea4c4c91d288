"""Client stamps (clients.stamps): the database marks a client whenever its file is written,
and a caseworker's list is kept in the cache only while its clients' stamps stand still."""

import datetime
import re

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AccessLog
from casework.work_queue import Kind, queue_scope, work_queue
from clients import stamps
from clients.models import Client, ClientStamp
from clients.stamps import kept, stamp_of
from common.reads import Read
from interventions.models import Agreement, Conversation
from phases.models import PhasePeriod
from signals.models import Signal
from signals.services import run_signals
from tests.factories import (
    AgreementFactory,
    ClientFactory,
    ConversationFactory,
    NotificationFactory,
    PhasePeriodFactory,
    SignalFactory,
    UserFactory,
    WorkPlanFactory,
)

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stamps are written by PostgreSQL triggers"
)
# Reads of a file are logged, not written to it: stamping them would drop every kept list
# at every look.
NOT_OF_THE_FILE = {"audit_accesslog", "clients_clientstamp"}


@pytest.fixture(autouse=True)
def kept_lists(settings):
    settings.STAMPED_CACHE_SECONDS = 600


def newest(client: Client) -> int:
    """The client's stamp: the number of the last statement that wrote to its file."""
    stamp = ClientStamp.objects.filter(client=client).values_list("stamp", flat=True).first()
    return stamp or 0


def _of_a_client(model: type[models.Model]) -> bool:
    """A model whose rows belong to a client: directly, or through a record that does."""
    for field in model._meta.concrete_fields:
        target = field.related_model if field.is_relation else None
        if target is Client:
            return True
        if target is not None and any(
            f.is_relation and f.related_model is Client for f in target._meta.concrete_fields
        ):
            return True
    return False


def file_tables() -> set[str]:
    return {
        model._meta.db_table
        for model in apps.get_models()
        if not model.__name__.startswith("Historical") and _of_a_client(model)
    } - NOT_OF_THE_FILE | {"clients_client"}


@postgresql_only
@pytest.mark.django_db
def test_every_table_of_a_client_file_stamps_its_client_on_every_kind_of_write():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE %s",
            ["%_stamp_%"],
        )
        triggers = set(cursor.fetchall())
    tables = file_tables()

    assert {"interventions_agreement", "work_jobrenewal", "signals_signal"} <= tables
    missing = {
        (table, f"{table}_stamp_{event}")
        for table in tables
        for event in ("insert", "update", "delete")
    } - triggers
    assert not missing, f"tables of the file without stamp triggers: {sorted(missing)}"


@postgresql_only
def test_each_kind_of_write_gives_the_client_a_newer_stamp(client_file, caseworker):
    other = ClientFactory.create(team=client_file.team)
    seen = [newest(client_file)]

    def moved() -> bool:
        seen.append(newest(client_file))
        return seen[-1] > seen[-2]

    conversation = ConversationFactory.create(client=client_file, caseworker=caseworker)
    assert moved()  # an insert through the ORM
    Conversation.objects.filter(pk=conversation.pk).update(summary="Bijgewerkt")
    assert moved()  # a queryset update
    plan = WorkPlanFactory.create(client=client_file)
    assert moved()
    agreement = AgreementFactory.create(work_plan=plan)
    assert moved()  # a row that reaches the client through its work plan
    Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.DONE)
    assert moved()
    period = PhasePeriodFactory.create(client=client_file, started_on=datetime.date(2020, 1, 1))
    assert moved()
    PhasePeriod.objects.filter(pk=period.pk).delete()
    assert moved()  # a delete
    Client.objects.filter(pk=client_file.pk).update(first_name="Anders")
    assert moved()  # the client's own row
    before_other = newest(other)
    Signal.objects.bulk_create(
        [SignalFactory.build(client=client_file), SignalFactory.build(client=other)]
    )
    assert moved() and newest(other) > before_other  # one statement, two clients

    before_unrelated = newest(other)
    ConversationFactory.create(client=client_file, caseworker=caseworker)
    assert newest(other) == before_unrelated  # another client's write leaves it be


@postgresql_only
def test_the_nightly_signals_run_stamps_the_clients_it_raised_signals_for(client_file):
    PhasePeriodFactory.create(client=client_file, phase="1", started_on=datetime.date(2016, 1, 1))
    before = newest(client_file)

    run_signals(as_of=timezone.localdate())

    assert Signal.objects.filter(client=client_file, status=Signal.Status.OPEN).exists()
    assert newest(client_file) > before


@postgresql_only
def test_a_statement_touching_very_many_clients_stamps_them_all_at_once(
    client_file, caseworker, colleague
):
    """Above the threshold (5,000; here lowered to 1 for this transaction) a statement writes
    one stamp for every client instead of one per client, and every set's stamp moves."""
    other = ClientFactory.create(team=client_file.team, caseworker=caseworker)
    untouched = ClientFactory.create(team=client_file.team, caseworker=colleague)
    theirs = Client.objects.filter(caseworker=colleague)
    before_one, before_theirs = newest(client_file), stamp_of(theirs)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL wajong.stamp_every_client_above = 1")

    Client.objects.filter(pk=client_file.pk).update(first_name="Ayla")  # one: as ever
    assert newest(client_file) > before_one
    assert stamp_of(theirs) == before_theirs
    assert not ClientStamp.objects.filter(client_id=0).exists()

    before_other = newest(other)
    Client.objects.filter(pk__in=[client_file.pk, other.pk]).update(first_name="Noor")
    assert newest(other) == before_other  # not one by one …
    assert ClientStamp.objects.filter(client_id=0).exists()  # … but all at once
    assert list(theirs) == [untouched]
    assert stamp_of(theirs) != before_theirs  # so even a set it did not touch is built anew


@postgresql_only
def test_a_client_leaving_or_joining_a_list_changes_its_stamp(client_file, caseworker, colleague):
    ClientFactory.create(team=client_file.team, caseworker=caseworker)
    mine = Client.objects.filter(caseworker=caseworker)
    theirs = Client.objects.filter(caseworker=colleague)
    before_mine, before_theirs = stamp_of(mine), stamp_of(theirs)
    assert before_mine is not None and before_theirs is not None

    Client.objects.filter(pk=client_file.pk).update(caseworker=colleague)

    after_mine, after_theirs = stamp_of(mine), stamp_of(theirs)
    assert after_mine is not None and after_theirs is not None
    assert after_mine[0] == before_mine[0] - 1  # left: one fewer
    assert after_theirs[0] == before_theirs[0] + 1 and after_theirs[1] != before_theirs[1]


@postgresql_only
def test_a_write_that_commits_after_a_newer_one_still_changes_the_sets_stamp(
    client_file, caseworker
):
    """Two writers take their numbers in one order and may commit in the other: a set whose
    newest stamp stays the same has still changed when an older number lands in it."""
    later = ClientFactory.create(team=client_file.team, caseworker=caseworker)
    ConversationFactory.create(client=later, caseworker=caseworker)
    mine = Client.objects.filter(caseworker=caseworker)
    before = stamp_of(mine)
    assert newest(client_file) < newest(later)

    # as if a transaction that took its number before `later`'s write committed only now
    ClientStamp.objects.filter(client=client_file).update(stamp=newest(client_file) + 1)

    assert newest(client_file) < newest(later)  # the newest stamp of the set is unchanged …
    assert stamp_of(mine) != before  # … and the set's stamp moved all the same


@pytest.mark.django_db
def test_without_stamps_everything_is_built_anew(settings):
    """SQLite has no triggers, and a cache time of 0 turns keeping off."""
    built = []

    def build() -> int:
        built.append(1)
        return len(built)

    if connection.vendor != "postgresql":
        assert stamp_of(Client.objects.all()) is None
    else:
        settings.STAMPED_CACHE_SECONDS = 0
    assert kept(Client.objects.all(), "test", build) == 1
    assert kept(Client.objects.all(), "test", build) == 2


@postgresql_only
def test_kept_is_built_once_until_a_client_of_the_set_changes(client_file, caseworker):
    built = []

    def build() -> int:
        built.append(1)
        return len(built)

    mine = Client.objects.filter(caseworker=caseworker)
    assert kept(mine, "test-kept", build) == 1
    assert kept(mine, "test-kept", build) == 1
    assert kept(mine, "another key", build) == 2

    ConversationFactory.create(client=client_file, caseworker=caseworker)

    assert kept(mine, "test-kept", build) == 3
    assert ClientStamp.objects.filter(client=client_file).exists()


def _page(response) -> str:
    """The page without its CSRF tokens, which every response has its own of."""
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _listed(response) -> list[int]:
    """The clients whose files the page links to, in order."""
    found = re.findall(r'href="/clienten/(\d+)/"', _page(response))
    return list(dict.fromkeys(int(pk) for pk in found))


def _written(response) -> bool:
    """Whether the page was written for this response (else it came from the cache)."""
    return bool(response.templates)


@postgresql_only
def test_the_caseload_kept_in_the_cache_shows_every_change_at_once(
    client, client_file, caseworker, colleague, settings
):
    second = ClientFactory.create(team=client_file.team, caseworker=caseworker)
    client.force_login(caseworker)
    first = client.get("/clienten/")

    with CaptureQueriesContext(connection) as again:
        kept_page = client.get("/clienten/")

    assert _page(kept_page) == _page(first)
    assert not [q for q in again.captured_queries if "interventions_conversation" in q["sql"]]
    # a kept list is still a read of every client it shows
    listed = AccessLog.objects.filter(user=caseworker, action=Read.LIST)
    assert sorted(listed.values_list("client_id", flat=True)) == sorted(
        [client_file.pk, second.pk] * 2
    )
    assert '<span class="utrecht-status-badge utrecht-status-badge--danger">1</span>' not in (
        kept_page.content.decode()
    )

    # A signal raised by plain SQL, as the nightly job writes them
    SignalFactory.create(client=client_file)
    with_signal = client.get("/clienten/")
    assert '<span class="utrecht-status-badge utrecht-status-badge--danger">1</span>' in (
        with_signal.content.decode()
    )
    settings.STAMPED_CACHE_SECONDS = 0
    assert _page(client.get("/clienten/")) == _page(with_signal)  # the same as built anew
    settings.STAMPED_CACHE_SECONDS = 600

    Client.objects.filter(pk=second.pk).update(caseworker=colleague)
    handed_over = client.get("/clienten/")
    assert _listed(handed_over) == [client_file.pk]
    assert "<caption>\n    1 cliënt\n  </caption>" in _page(handed_over)


@postgresql_only
def test_a_kept_page_shows_a_new_notification_in_its_header_at_once(
    client, client_file, caseworker
):
    client.force_login(caseworker)
    client.get("/clienten/")
    assert not _written(client.get("/clienten/"))

    NotificationFactory.create(recipient=caseworker)
    with_badge = client.get("/clienten/")
    assert _written(with_badge)
    assert 'utrecht-badge-counter">1<' in _page(with_badge)


@postgresql_only
def test_a_kept_caseload_is_the_callers_own_and_of_the_day(
    client, client_file, caseworker, colleague, monkeypatch
):
    client.force_login(caseworker)
    assert _listed(client.get("/clienten/")) == [client_file.pk]
    client.force_login(colleague)
    assert _listed(client.get("/clienten/")) == []

    # Out of service from tomorrow: still listed today, no longer tomorrow.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Client.objects.filter(pk=client_file.pk).update(out_of_service_on=tomorrow)
    client.force_login(caseworker)
    assert _listed(client.get("/clienten/")) == [client_file.pk]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    assert _listed(client.get("/clienten/")) == []


def _queue(caseworker, *, viewer=None) -> list:
    today = timezone.localdate()
    return work_queue(
        caseworker=caseworker,
        viewer=viewer or caseworker,
        start=today,
        end=today + datetime.timedelta(days=7),
    )


@postgresql_only
def test_the_work_queue_kept_in_the_cache_shows_every_change_at_once(
    client_file, caseworker, colleague
):
    today = timezone.localdate()
    theirs = ClientFactory.create(team=client_file.team, caseworker=colleague)
    first = _queue(caseworker)

    with CaptureQueriesContext(connection) as again:
        assert _queue(caseworker) == first
    assert not [q for q in again.captured_queries if "signals_signal" in q["sql"]]

    SignalFactory.create(client=client_file)  # as the nightly job raises one
    assert [item.kind for item in _queue(caseworker)] == [Kind.SIGNAL]

    # A conversation the caseworker holds with a colleague's client joins the queue …
    plan = ConversationFactory.create(
        client=theirs, caseworker=caseworker, held_on=today, status=Conversation.Status.PLANNED
    )
    assert {(item.kind, item.client_id) for item in _queue(caseworker)} == {
        (Kind.SIGNAL, client_file.pk),
        (Kind.PLANNED, theirs.pk),
    }
    # … and leaves it once it is recorded.
    Conversation.objects.filter(pk=plan.pk).update(status=Conversation.Status.HELD)
    assert [item.kind for item in _queue(caseworker)] == [Kind.SIGNAL]
    # A plan after the queue's week is not in it, until it is moved into the week.
    later = ConversationFactory.create(
        client=theirs,
        caseworker=caseworker,
        held_on=today + datetime.timedelta(days=20),
        status=Conversation.Status.PLANNED,
    )
    assert [item.kind for item in _queue(caseworker)] == [Kind.SIGNAL]
    Conversation.objects.filter(pk=later.pk).update(held_on=today)
    assert (Kind.PLANNED, theirs.pk) in {(i.kind, i.client_id) for i in _queue(caseworker)}
    Conversation.objects.filter(pk=later.pk).update(status=Conversation.Status.HELD)

    # Handed to the colleague: gone from this queue, in theirs.
    Client.objects.filter(pk=client_file.pk).update(caseworker=colleague)
    assert _queue(caseworker) == []
    assert [item.client_id for item in _queue(colleague)] == [client_file.pk]


@postgresql_only
def test_a_kept_work_queue_is_the_viewers_own(client_file, caseworker, manager):
    SignalFactory.create(client=client_file)
    elsewhere = UserFactory.create(username="tm.elders", role="team_manager")

    assert len(_queue(caseworker)) == 1
    assert len(_queue(caseworker, viewer=manager)) == 1
    assert _queue(caseworker, viewer=elsewhere) == []


@postgresql_only
def test_the_work_queue_page_kept_in_the_cache_shows_a_new_task_at_once(
    client, client_file, caseworker
):
    client.force_login(caseworker)
    first = client.get("/werk/")
    with CaptureQueriesContext(connection) as again:
        kept_page = client.get("/werk/")
    assert _page(kept_page) == _page(first)
    assert not [q for q in again.captured_queries if "signals_signal" in q["sql"]]
    assert not _written(kept_page)

    SignalFactory.create(client=client_file)
    with_signal = client.get("/werk/")
    assert "Signaal" in _page(with_signal)
    assert "1 taak tot en met" in _page(with_signal)
    # a kept queue is still a read of every client it shows
    assert AccessLog.objects.filter(client=client_file, action=Read.LIST).count() == 1
    client.get("/werk/")
    assert AccessLog.objects.filter(client=client_file, action=Read.LIST).count() == 2
    # a group in full is a page of its own, kept as well
    assert _written(client.get("/werk/", {"alle": "vandaag"}))
    assert not _written(client.get("/werk/", {"alle": "vandaag"}))


@postgresql_only
def test_the_file_kept_in_the_cache_shows_every_change_at_once(client, client_file, caseworker):
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/"
    with CaptureQueriesContext(connection) as built:
        first = client.get(url)

    with CaptureQueriesContext(connection) as again:
        kept_page = client.get(url)
    assert kept_page.status_code == 200
    assert _page(kept_page) == _page(first)
    assert not _written(kept_page)
    # the file's records: a dozen queries fewer
    assert len(again.captured_queries) <= len(built.captured_queries) - 12
    assert not [q for q in again.captured_queries if 'FROM "referrals_referral"' in q["sql"]]
    # still a logged read
    assert AccessLog.objects.filter(client=client_file, action=Read.VIEW).count() == 2

    conversation = ConversationFactory.create(
        client=client_file, caseworker=caseworker, summary="Proefplaatsing besproken"
    )
    changed = client.get(url)
    assert [c.pk for c in changed.context["file"].conversations] == [conversation.pk]
    assert "Proefplaatsing besproken" in changed.content.decode()

    # The client's own row: the name on the kept file and in the title follow at once.
    Client.objects.filter(pk=client_file.pk).update(last_name="Verhoeven-Kaya")
    renamed = client.get(url).content.decode()
    assert renamed.count("Verhoeven-Kaya") >= 2


@postgresql_only
def test_a_kept_file_is_written_from_the_client_as_stored_after_its_stamp(
    client, client_file, caseworker, monkeypatch
):
    """A write between the request's read of the client and the stamps' would otherwise be
    kept under the new stamp with the client as it was before."""
    client.force_login(caseworker)
    real_stamp_of = stamps.stamp_of

    def a_write_comes_between(clients):
        Client.objects.filter(pk=client_file.pk).update(last_name="Tussendoor")
        return real_stamp_of(clients)

    monkeypatch.setattr(stamps, "stamp_of", a_write_comes_between)
    client.get(f"/clienten/{client_file.pk}/")
    monkeypatch.setattr(stamps, "stamp_of", real_stamp_of)

    kept_page = client.get(f"/clienten/{client_file.pk}/")
    assert not _written(kept_page)
    assert "Tussendoor" in _page(kept_page)


@postgresql_only
def test_a_file_with_a_message_to_show_once_is_not_kept(client, client_file, caseworker):
    agreement = AgreementFactory.create(work_plan=WorkPlanFactory.create(client=client_file))
    client.force_login(caseworker)
    url = f"/clienten/{client_file.pk}/"
    client.get(url)

    # A refused click writes nothing (no new stamp), and says why on the file once.
    client.post(f"{url}afspraken/{agreement.pk}/status/", {"status": "onzin"})
    with_message = client.get(url)
    assert _written(with_message)  # written for this look
    assert "utrecht-alert--error" in with_message.content.decode()

    after = client.get(url)
    assert not _written(after)  # kept again
    assert "utrecht-alert--error" not in after.content.decode()


def _plan_of_the_stamp(viewing) -> str:
    """The plan of the digest a page asks for, with the heap scans switched off: what the
    index alone can give (at a test's size the planner would read the table anyway). After a
    VACUUM, as on a real database: without a visibility map a scan of the index alone costs
    the planner as much as one of another index and the table."""
    with CaptureQueriesContext(connection) as asked:
        viewing()
    digest = next(q["sql"] for q in asked.captured_queries if "string_agg" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE clients_client")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + digest)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_stamps_of_a_caseload_and_a_work_queue_are_read_from_an_index_alone(
    client_file, caseworker
):
    ClientFactory.create_batch(3, team=client_file.team, caseworker=caseworker)
    # The rest of the team: the caseload is a few rows of many, as in a real team.
    ClientFactory.create_batch(40, team=client_file.team)
    ConversationFactory.create(client=client_file, caseworker=caseworker)
    mine = Client.objects.visible_to(caseworker).filter(caseworker=caseworker)
    week = queue_scope(
        caseworker=caseworker,
        viewer=caseworker,
        start=timezone.localdate(),
        end=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert week is not None
    for clients in (mine, week.clients):
        plan = _plan_of_the_stamp(lambda clients=clients: stamp_of(clients))
        assert "Index Only Scan using client_caseload_scope_idx" in plan, plan
