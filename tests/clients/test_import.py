"""`manage.py import_clients`: row by row checks, all or nothing, idempotent on the BSN."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from casework.importer import import_clients
from clients.models import CaseworkerAssignment, Client
from phases.models import PhasePeriod
from tests.factories import make_bsn

pytestmark = pytest.mark.django_db
HEADER = (
    "bsn;voornaam;achternaam;geboortedatum;regeling;arbeidsvermogen;in_zorg_sinds;uit_zorg_per;"
    "team;casemanager;fasen"
)


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def row(
    n: int, team: str, caseworker: str = "", phases: str = "1:2020-01-01|2:2022-03-01", **changes
) -> str:
    values = {
        "bsn": make_bsn(n),
        "first": f"Voornaam{n}",
        "last": f"Achternaam{n}",
        "born": "01-05-2001",
        "regime": "wajong2010",
        "capacity": "ja",
        "since": "2020-01-01",
        "until": "",
        "team": team,
        "caseworker": caseworker,
        "phases": phases,
    } | changes
    return ";".join(values.values())


def test_a_good_file_creates_clients_with_phases_and_contact_person(team, caseworker):
    data = csv(row(1, team.name, caseworker.username), row(2, team.name))

    result = import_clients(data, filename="instroom.csv", by=None)

    assert (result.ok, result.created) == (True, 2)
    client = Client.objects.get(bsn=make_bsn(1))
    assert (client.first_name, client.date_of_birth, client.caseworker) == (
        "Voornaam1",
        datetime.date(2001, 5, 1),
        caseworker,
    )
    periods = list(client.phase_periods.order_by("started_on").values_list("phase", "ended_on"))
    assert periods == [("1", datetime.date(2022, 3, 1)), ("2", None)]
    assert CaseworkerAssignment.objects.get(client=client).caseworker == caseworker
    assert client.history.get().history_change_reason == "import instroom.csv"
    assert list(client.team_periods.values_list("team", "started_on", "ended_on")) == [
        (team.pk, datetime.date(2020, 1, 1), None)
    ]


def test_one_bad_row_among_many_writes_nothing_and_every_bad_row_is_reported(team):
    rows = [row(n, team.name) for n in range(1, 40)]
    rows[9] = row(10, team.name, bsn="123456789")  # fails the 11-test: line 11
    rows[19] = row(20, "Team Onbekend")  # line 21
    rows[29] = row(30, team.name, phases="2:2022-01-01|1:2021-01-01")  # line 31

    result = import_clients(csv(*rows), filename="f.csv", by=None)

    assert not result.ok
    assert [(e.line, e.column) for e in result.errors] == [
        (11, "bsn"),
        (21, "team"),
        (31, "phases"),
    ]
    assert Client.objects.count() == 0 and PhasePeriod.objects.count() == 0


def test_importing_again_updates_and_does_not_duplicate(team):
    import_clients(csv(row(1, team.name)), filename="a.csv", by=None)

    again = import_clients(csv(row(1, team.name)), filename="a.csv", by=None)
    changed = import_clients(
        csv(row(1, team.name, last="Nieuw", phases="1:2020-01-01|2:2022-03-01|3:2024-01-01")),
        filename="b.csv",
        by=None,
    )

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert (changed.created, changed.updated) == (0, 1)
    client = Client.objects.get()
    assert client.last_name == "Nieuw"
    assert list(client.phase_periods.order_by("started_on").values_list("phase", flat=True)) == [
        "1",
        "2",
        "3",
    ]


def test_a_history_that_contradicts_the_file_is_refused(team):
    import_clients(csv(row(1, team.name)), filename="a.csv", by=None)
    result = import_clients(
        csv(row(1, team.name, phases="3:2020-01-01")), filename="b.csv", by=None
    )
    assert [(e.line, e.column) for e in result.errors] == [(2, "phases")]


def test_utf8_with_bom_and_commas_as_excel_writes_them(team):
    text = HEADER.replace(";", ",") + "\r\n" + row(1, team.name, first="Zoë").replace(";", ",")
    result = import_clients(("\ufeff" + text).encode("utf-8"), filename="excel.csv", by=None)
    assert result.ok and Client.objects.get().first_name == "Zoë"


def test_windows_1252_from_older_excel(team):
    text = HEADER + "\r\n" + row(1, team.name, first="Renée")
    result = import_clients(text.encode("cp1252"), filename="oud.csv", by=None)
    assert result.ok and Client.objects.get().first_name == "Renée"


def test_a_missing_column_is_reported_once(team):
    result = import_clients(b"bsn;voornaam\r\n111222333;Sanne\r\n", filename="x.csv", by=None)
    assert len(result.errors) == 1 and "Kolommen ontbreken" in result.errors[0].message


def test_duplicate_bsns_in_one_file(team):
    result = import_clients(csv(row(1, team.name), row(1, team.name)), filename="d.csv", by=None)
    assert [(e.line, e.column) for e in result.errors] == [(3, "bsn")]


def test_the_command_dry_run_writes_nothing_and_errors_fail(tmp_path, team):
    good = tmp_path / "goed.csv"
    good.write_bytes(csv(row(1, team.name)))
    out = io.StringIO()
    call_command("import_clients", str(good), "--dry-run", stdout=out)
    assert "niets opgeslagen" in out.getvalue() and not Client.objects.exists()

    call_command("import_clients", str(good), stdout=out)
    assert Client.objects.count() == 1

    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv(row(2, team.name, born="31-02-2001")))
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_clients", str(bad), stdout=out, stderr=io.StringIO())


def test_the_upload_page_checks_then_imports_for_functional_administrators(client, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    client.force_login(UserFactory.create(username="fb", role="functional_admin", is_staff=True))
    upload = SimpleUploadedFile("lijst.csv", csv(row(1, team.name)), content_type="text/csv")

    checked = client.post("/clienten/import/", {"file": upload, "dry_run": "on"})
    assert "gecontroleerd en in orde" in checked.content.decode()
    assert not Client.objects.exists()

    upload.seek(0)
    saved = client.post("/clienten/import/", {"file": upload})
    assert "1 nieuw" in saved.content.decode()
    assert Client.objects.count() == 1


def test_the_upload_page_lists_the_bad_rows(client, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import UserFactory

    client.force_login(UserFactory.create(username="fb", role="functional_admin", is_staff=True))
    upload = SimpleUploadedFile(
        "lijst.csv", csv(row(1, team.name, regime="wajong1999")), content_type="text/csv"
    )
    page = client.post("/clienten/import/", {"file": upload}).content.decode()
    assert "regel 2, kolom regeling" in page and "niets opgeslagen" in page
    assert not Client.objects.exists()


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "postgresql",
    reason="the import benchmark runs on PostgreSQL",
)
def test_the_import_benchmark_runs_on_a_small_file(caseworker):
    out = io.StringIO()
    call_command("bench_import", "--rows", "40", stdout=out)
    assert "(40 created)" in out.getvalue() and "(40 unchanged)" in out.getvalue()


# --- the dry run does not tell who is a client ------------------------------------------------


def upload(client, data: bytes, *, dry_run: bool, name: str = "lijst.csv") -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    form: dict[str, object] = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    response = client.post("/clienten/import/", form)
    assert response.status_code == 200
    return response.content.decode()


def report(page: str) -> str:
    """The import page's report on the file: what it says about the rows."""
    return page.split("<h1>", 1)[1].split("<form", 1)[0]


@pytest.fixture
def functional_admin(client):
    from tests.factories import UserFactory

    admin = UserFactory.create(username="fb", role="functional_admin", is_staff=True)
    client.force_login(admin)
    return admin


def test_a_dry_run_reads_the_same_for_a_client_and_for_a_stranger(client, team, functional_admin):
    """A functional administrator may not see client files, so may not learn from the dry run
    whether a BSN is a client: a history that contradicts a file reads as for a new BSN."""
    import_clients(csv(row(1, team.name)), filename="bestaand.csv", by=None)
    probe = {"phases": "3:2019-01-01"}  # contradicts the known client's history

    known = upload(client, csv(row(1, team.name, **probe)), dry_run=True)
    stranger = upload(client, csv(row(2, team.name, **probe)), dry_run=True)

    assert report(known) == report(stranger)
    assert "wijkt af" not in known and "gecontroleerd en in orde" in known


def test_the_import_itself_still_refuses_a_contradicting_history(client, team, functional_admin):
    import_clients(csv(row(1, team.name)), filename="bestaand.csv", by=None)

    page = upload(client, csv(row(1, team.name, phases="3:2019-01-01")), dry_run=False)

    assert "fasehistorie wijkt af" in page and "niets opgeslagen" in page
    assert list(Client.objects.get().phase_periods.values_list("phase", flat=True)) == ["1", "2"]


def test_a_bad_row_next_to_it_does_not_give_the_answer_away(client, team, functional_admin):
    """Checks that depend on a file the user may not see run only when every other check
    passed, so a file that fails anyway (and writes nothing) tells nothing about a BSN."""
    import_clients(csv(row(1, team.name)), filename="bestaand.csv", by=None)
    probe = {"phases": "3:2019-01-01"}
    bad = row(3, team.name, regime="onbekend")

    known = upload(client, csv(row(1, team.name, **probe), bad), dry_run=False)
    stranger = upload(client, csv(row(2, team.name, **probe), bad), dry_run=False)

    assert report(known) == report(stranger)
    assert "regel 3, kolom regeling" in known and "wijkt af" not in known
    assert Client.objects.count() == 1


def test_whoever_may_see_every_file_gets_the_full_check_in_a_dry_run(team):
    from tests.factories import UserFactory

    import_clients(csv(row(1, team.name)), filename="bestaand.csv", by=None)
    superuser = UserFactory.create(username="root", is_superuser=True)

    result = import_clients(
        csv(row(1, team.name, phases="3:2019-01-01")), filename="b.csv", by=superuser, dry_run=True
    )

    assert [(e.line, e.column) for e in result.errors] == [(2, "phases")]


def test_every_import_run_is_recorded(client, team, functional_admin):
    from clients.models import ImportRun

    upload(client, csv(row(1, team.name), row(2, team.name)), dry_run=True, name="proef.csv")
    upload(client, csv(row(3, team.name, regime="x")), dry_run=False, name="fout.csv")
    import_clients(csv(row(4, team.name)), filename="server.csv", by=None)

    runs = ImportRun.objects.order_by("id").values_list(
        "user__username", "filename", "dry_run", "row_count", "error_count"
    )
    assert list(runs) == [
        ("fb", "proef.csv", True, 2, 0),
        ("fb", "fout.csv", False, 1, 1),
        (None, "server.csv", False, 1, 0),
    ]
    first = ImportRun.objects.order_by("id").first()
    assert first is not None and first.at is not None
    with pytest.raises(PermissionError):
        ImportRun.objects.all().delete()  # evidence: added, never changed or removed


# --- files that are not what they seem: a clear message per line, nothing written -----------


def test_a_field_longer_than_the_csv_limit_is_reported_on_its_line(client, team, functional_admin):
    data = csv(row(1, team.name), row(2, team.name, last="x" * 200_000), row(3, team.name))

    result = import_clients(data, filename="lang.csv", by=None)
    page = upload(client, data, dry_run=False)

    assert [(e.line, e.column) for e in result.errors] == [(3, "")]
    assert "te lang" in result.errors[0].message
    assert "regel 3: " in page and not Client.objects.exists()


def test_old_mac_line_endings_are_read_as_lines(team):
    data = csv(row(1, team.name), row(2, team.name)).replace(b"\r\n", b"\r")

    result = import_clients(data, filename="mac.csv", by=None)

    assert (result.ok, result.rows, result.created) == (True, 2, 2)


@pytest.mark.parametrize("junk", ["\x00", "\x1b[31m", "\x7f"])
def test_nul_and_control_characters_are_refused_per_cell(client, team, functional_admin, junk):
    data = csv(row(1, team.name), row(2, team.name, first=f"Sa{junk}nne"))

    result = import_clients(data, filename="nul.csv", by=None)
    page = upload(client, data, dry_run=False)

    assert [(e.line, e.column) for e in result.errors] == [(3, "first_name")]
    assert "regel 3, kolom voornaam" in page and not Client.objects.exists()


def test_a_binary_file_is_refused_without_an_error_page(client, team, functional_admin):
    spreadsheet = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 40

    result = import_clients(spreadsheet, filename="lijst.xlsx", by=None)
    page = upload(client, spreadsheet, dry_run=True, name="lijst.xlsx")

    assert not result.ok and "niets opgeslagen" in page
    assert not Client.objects.exists()


def test_the_import_hands_no_known_client_over(client, team, caseworker, functional_admin):
    """Another fixed contact person is a handover, the team manager's in every channel."""
    import_clients(csv(row(1, team.name)), filename="bestaand.csv", by=None)

    page = upload(client, csv(row(1, team.name, caseworker=caseworker.username)), dry_run=False)

    assert "kiest de teammanager" in page and "niets opgeslagen" in page
    assert Client.objects.get().caseworker is None


def test_a_new_client_gets_its_first_contact_person_from_the_import(
    client, team, caseworker, functional_admin
):
    upload(client, csv(row(1, team.name, caseworker=caseworker.username)), dry_run=False)

    assert Client.objects.get().caseworker == caseworker
