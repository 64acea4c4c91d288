"""`manage.py import_clients`: row by row checks, all or nothing, idempotent on the BSN."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from clients.importer import import_clients
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
    assert "regel 2, kolom regime" in page and "niets opgeslagen" in page
    assert not Client.objects.exists()


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "postgresql",
    reason="the import benchmark runs on PostgreSQL",
)
def test_the_import_benchmark_runs_on_a_small_file(caseworker):
    out = io.StringIO()
    call_command("bench_import", "--rows", "40", stdout=out)
    assert "(40 created)" in out.getvalue() and "(40 unchanged)" in out.getvalue()
