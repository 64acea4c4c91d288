"""Importing clients from a CSV file: validated row by row, written all or nothing.

Columns (a header row; Dutch or English names, any order): `bsn`, `voornaam`/`first_name`,
`achternaam`/`last_name`, `geboortedatum`/`date_of_birth`, `regeling`/`regime`,
`arbeidsvermogen`/`has_work_capacity` (ja/nee), `in_zorg_sinds`/`in_service_since`,
`uit_zorg_per`/`out_of_service_on` (may be empty), `team` (its name), `casemanager`/`caseworker`
(a username, may be empty) and `fasen`/`phases`: the phase history, oldest first, as
`1:2019-01-01|2:2021-03-01`. Dates as 2021-03-01 or 01-03-2021. UTF-8 (with or without BOM,
or Windows-1252 as older Excel writes it), separated by `,`, `;` or tabs. The columns are
`import_rows.FILE_COLUMNS`; the import page explains them and offers a template. An error
names its column as the file does.

A BSN already in the system updates that client instead of adding one (so importing the same
file twice changes nothing the second time); its phase history may only be continued. One bad
row and nothing is written: every bad row is reported with its line number and reason. Every
run, a dry run too, is recorded as an `ImportRun` (who, when, which file, rows, errors).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from clients.models import (
    CaseworkerAssignment,
    Client,
    ImportRun,
    TeamAssignment,
    WorkCapacity,
    WorkCapacityDecision,
)
from clients.permissions import may_hand_over, may_see_every_client_file
from clients.services import update_client
from common.bulk import create_with_history, refresh_statistics
from common.events import announce_past_changed
from phases.models import PhasePeriod
from phases.services import transition_phase

from .import_ladder import add_rungs, rung_histories
from .import_rows import (
    REQUIRED,
    Known,
    Row,
    RowError,
    Sheet,
    check_row,
    decode,
    read_rows,
)

BATCH = 2000
ANALYSE_FROM = 1000  # new clients from which an import refreshes the planner's statistics


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    # False when the user may not see every client file: the dry run then left out the checks
    # against files they may not see (see `_check_known_clients`).
    checked_known_clients: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors


def import_clients(
    raw: bytes, *, filename: str, by: User | None, dry_run: bool = False
) -> ImportResult:
    """Validate every row; when all are good (and not `dry_run`), write them all. The run is
    recorded, whatever its outcome."""
    return record_run(_import(raw, filename=filename, by=by, dry_run=dry_run), filename, by)


def record_run(result: ImportResult, filename: str, by: User | None) -> ImportResult:
    """Record an import run (any kind of file, a dry run too): who, when, which file, rows,
    errors."""
    ImportRun.objects.create(
        user=by,
        filename=filename[:255],
        dry_run=result.dry_run,
        row_count=result.rows,
        error_count=len(result.errors),
    )
    return result


def _import(raw: bytes, *, filename: str, by: User | None, dry_run: bool) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    sheet = read_rows(decode(raw))
    missing = [sheet.heading(field) for field in REQUIRED if field not in sheet.headings]
    if missing:
        result.errors.append(
            RowError(1, "", _("Kolommen ontbreken: %(cols)s.") % {"cols": ", ".join(missing)})
        )
        return result
    result.rows = len(sheet.rows) + len(sheet.unreadable)
    result.errors.extend(sheet.unreadable)
    rows = _checked_rows(sheet, result)
    existing = {c.bsn: c for c in Client.objects.filter(bsn__in=[r.values["bsn"] for r in rows])}
    history = _phase_histories([c.pk for c in existing.values()])
    ladders = rung_histories(c.pk for c in existing.values())
    _check_known_clients(rows, existing, history, by=by, result=result)
    sheet.name_columns(result.errors)
    if result.errors or dry_run:
        result.errors.sort(key=lambda error: error.line)
        return result
    change_reason = _("import %(file)s") % {"file": filename}
    with transaction.atomic():
        new = [row for row in rows if row.values["bsn"] not in existing]
        _create(new, by=by, change_reason=change_reason)
        result.created = len(new)
        for row in rows:
            client = existing.get(row.values["bsn"])
            if client is None:
                continue
            changed = _update(
                client, row, history.get(client.pk, []), by=by, change_reason=change_reason
            )
            if changed or set(row.rungs) - ladders.get(client.pk, set()):
                result.updated += 1
            else:
                result.unchanged += 1
        _add_rungs(rows, ladders, by=by, change_reason=change_reason)
        if result.created >= ANALYSE_FROM:
            # The night's signals and the reports read these tables whole: plan them for
            # the rows now there, not for the table before the import.
            refresh_statistics(Client, PhasePeriod, TeamAssignment, WorkCapacityDecision)
    return result


def _add_rungs(
    rows: list[Row], known: dict[int, set[tuple[date, int]]], *, by: User | None, change_reason: str
) -> None:
    """The rungs of the file that its clients have not yet, and the figures from the earliest
    day the file writes marked as changed."""
    if not rows:
        return
    days = [row.values["in_service_since"] for row in rows]
    days += [day for row in rows for day, _rung in row.rungs]
    announce_past_changed(min(days))
    if not any(row.rungs for row in rows):
        return
    bsns = [row.values["bsn"] for row in rows if row.rungs]
    ids = dict(Client.objects.filter(bsn__in=bsns).values_list("bsn", "pk"))
    wanted = {ids[row.values["bsn"]]: row.rungs for row in rows if row.rungs}
    add_rungs(wanted, known, by=by, change_reason=change_reason)


def _checked_rows(sheet: Sheet, result: ImportResult) -> list[Row]:
    """The rows that pass every check of their own and name a BSN no earlier row named; the
    others' errors go to `result`."""
    known = Known.read()
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line, cells in sheet.rows:
        row = check_row(line, cells, known, result.errors)
        if row is None:
            continue
        bsn = row.values["bsn"]
        if bsn in seen:
            result.errors.append(
                RowError(
                    line, "bsn", _("Dit BSN staat ook op regel %(line)s.") % {"line": seen[bsn]}
                )
            )
            continue
        seen[bsn] = line
        rows.append(row)
    return rows


def _check_known_clients(
    rows: list[Row],
    existing: dict[str, Client],
    history: dict[int, list[tuple[str, date]]],
    *,
    by: User | None,
    result: ImportResult,
) -> None:
    """A known client's phase history may only be continued by the file.

    That check tells whether a BSN is a client (a known one refuses a contradicting history, a
    new one does not), and a functional administrator may not see client files, so may not
    learn that. For the files a user may not see it therefore waits for the real import and for
    a file that passed every other check. A dry run reads the same for a client and a stranger,
    and so does a file that fails anyway: only a file that would otherwise have been written
    can fail on it, and had the BSN been new, that file would have added a client in the
    user's name (and every run is recorded).
    """
    result.checked_known_clients = by is None or may_see_every_client_file(by)
    if result.checked_known_clients:
        visible = set(existing)
    else:
        shown = Client.objects.visible_to(by).filter(bsn__in=list(existing))
        visible = set(shown.values_list("bsn", flat=True))
    hands_over = by is None or may_hand_over(by)
    for row in rows:
        bsn = row.values["bsn"]
        if bsn in visible:
            _check_continuation(row, history.get(existing[bsn].pk, []), result.errors)
            _check_handover(row, existing[bsn], hands_over, result.errors)
    if result.errors or result.dry_run:
        return
    for row in rows:
        bsn = row.values["bsn"]
        if bsn in existing and bsn not in visible:
            _check_continuation(row, history.get(existing[bsn].pk, []), result.errors)
            _check_handover(row, existing[bsn], hands_over, result.errors)


def _check_handover(row: Row, client: Client, hands_over: bool, errors: list[RowError]) -> None:
    """Another fixed contact person for a known client is a handover: the team manager's, in
    the import as on every screen."""
    wanted = row.values["caseworker"]
    if not hands_over and client.caseworker_id != (wanted.pk if wanted else None):
        errors.append(
            RowError(
                row.line,
                "caseworker",
                _("Een andere vaste contactpersoon kiest de teammanager (overdracht)."),
            )
        )


def _phase_histories(client_ids: list[int]) -> dict[int, list[tuple[str, date]]]:
    histories: dict[int, list[tuple[str, date]]] = {}
    for client_id, phase, started in (
        PhasePeriod.objects.filter(client_id__in=client_ids)
        .order_by("client_id", "started_on")
        .values_list("client_id", "phase", "started_on")
    ):
        histories.setdefault(client_id, []).append((phase, started))
    return histories


def _check_continuation(row: Row, known: list[tuple[str, date]], errors: list[RowError]) -> None:
    """A known client's history in the file must start with what the file is told already."""
    if row.phases and row.phases[: len(known)] != known:
        errors.append(
            RowError(
                row.line,
                "phases",
                _("De fasehistorie wijkt af van die in het dossier; alleen aanvullen kan."),
            )
        )


def _create(rows: list[Row], *, by: User | None, change_reason: str) -> None:
    """New clients in bulk, each with its history rows, phases and contact person."""
    clients = [Client(**row.values) for row in rows]
    create_with_history(Client, clients, by=by, change_reason=change_reason, batch=BATCH)
    saved = dict(Client.objects.filter(bsn__in=[c.bsn for c in clients]).values_list("bsn", "pk"))
    periods = []
    for row in rows:
        for index, (phase, started) in enumerate(row.phases):
            ended = row.phases[index + 1][1] if index + 1 < len(row.phases) else None
            periods.append(
                PhasePeriod(
                    client_id=saved[row.values["bsn"]],
                    phase=phase,
                    started_on=started,
                    ended_on=ended,
                    reason=change_reason,
                    recorded_by=by,
                )
            )
    today = timezone.localdate()
    assignments = [
        CaseworkerAssignment(
            client_id=saved[row.values["bsn"]],
            caseworker=row.values["caseworker"],
            started_on=today,
            assigned_by=by,
        )
        for row in rows
        if row.values["caseworker"] is not None
    ]
    teams, decisions = _first_dated_facts(rows, saved, by=by, today=today)
    for model, objects in (
        (PhasePeriod, periods),
        (CaseworkerAssignment, assignments),
        (TeamAssignment, teams),
        (WorkCapacityDecision, decisions),
    ):
        create_with_history(model, objects, by=by, change_reason=change_reason, batch=BATCH)


def _first_dated_facts(
    rows: list[Row], saved: dict[str, int], *, by: User | None, today: date
) -> tuple[list[TeamAssignment], list[WorkCapacityDecision]]:
    """New clients' first team period and work-capacity decision, from the day in service."""
    teams = [
        TeamAssignment(
            client_id=saved[row.values["bsn"]],
            team=row.values["team"],
            started_on=row.values["in_service_since"],
            assigned_by=by,
        )
        for row in rows
    ]
    decisions = [
        WorkCapacityDecision(
            client_id=saved[row.values["bsn"]],
            decided_on=min(row.values["in_service_since"], today),
            outcome=WorkCapacity.HAS
            if row.values["has_work_capacity"]
            else WorkCapacity.LASTING_NONE,
            decided_by=by,
        )
        for row in rows
    ]
    return teams, decisions


def _current(client: Client, field: str) -> Any:
    """A field's value, a related record by its id (no query per client)."""
    return (
        getattr(client, f"{field}_id")
        if field in ("team", "caseworker")
        else getattr(client, field)
    )


def _key(value: Any) -> Any:
    return value.pk if isinstance(value, Team | User) else value


def _update(
    client: Client, row: Row, known: list[tuple[str, date]], *, by: User | None, change_reason: str
) -> bool:
    """Bring a known client in line with its row; whether anything changed."""
    wanted = {k: v for k, v in row.values.items() if k != "bsn"}
    changes = {k: v for k, v in wanted.items() if _current(client, k) != _key(v)}
    if changes:
        update_client(
            client=client,
            expected_version=client.version,
            changes=changes,
            by=by,
            change_reason=change_reason,
        )
    for phase, started in row.phases[len(known) :]:
        transition_phase(
            client=client, phase=phase, started_on=started, reason=change_reason, by=by
        )
    return bool(changes) or len(row.phases) > len(known)
