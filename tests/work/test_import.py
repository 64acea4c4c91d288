"""The CSV import of employers and jobs: through the work services, all or nothing, a refusal
per column as the file names it, idempotent, and only for clients of the user's teams."""

import datetime
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.work_importer import import_employers, import_jobs
from clients.models import ImportRun
from tests.factories import ClientFactory, EmployerFactory, TeamFactory, UserFactory
from work.models import Employer, Job

pytestmark = pytest.mark.django_db

EMPLOYERS = "loonheffingennummer;naam;kvk_nummer"
JOBS = (
    "bsn;soort;werkgever;contract;uren_per_week;begindatum;geplande_einddatum;einddatum;"
    "reden_einde;geplaatst_door"
)
JOBS_ENGLISH = (
    "bsn;kind;employer;contract;hours_per_week;started_on;planned_end_on;ended_on;end_reason;"
    "placed_by"
)


def a_file(header: str, *rows: str) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


@pytest.fixture
def team():
    return TeamFactory.create(name="Team Zwolle 1")


@pytest.fixture
def manager(team):
    return UserFactory.create(username="tm", role="team_manager", team=team)


@pytest.fixture
def known(team):
    client = ClientFactory.create(team=team)
    employer = EmployerFactory.create(name="Bakkerij Van Dam", payroll_tax_number="123456789L01")
    return client, employer


def job_row(who: str, **changes: str) -> str:
    values = {
        "bsn": who,
        "kind": "regular",
        "employer": "123456789L01",
        "contract": "temporary",
        "hours": "24",
        "start": "01-03-2025",
        "planned": "28-02-2026",
        "ended": "",
        "reason": "",
        "placed_by": "uwv",
    } | changes
    return ";".join(values.values())


def test_employers_are_created_with_history_and_a_known_number_is_skipped(manager):
    EmployerFactory.create(payroll_tax_number="111111111L01")
    data = a_file(EMPLOYERS, "123456789l01;Bakkerij Van Dam;12345678", "111111111L01;Al bekend;")

    result = import_employers(data, filename="werkgevers.csv", by=manager)

    assert (result.ok, result.created, result.unchanged) == (True, 1, 1), [
        str(e) for e in result.errors
    ]
    employer = Employer.objects.get(payroll_tax_number="123456789L01")
    assert employer.history.get().history_change_reason == "import werkgevers.csv"
    assert Employer.objects.get(payroll_tax_number="111111111L01").name != "Al bekend"


def test_importing_the_same_employers_again_creates_nothing(manager):
    data = a_file(EMPLOYERS, "123456789L01;Bakkerij Van Dam;")
    import_employers(data, filename="a.csv", by=manager)

    again = import_employers(data, filename="a.csv", by=manager)

    assert (again.created, again.unchanged) == (0, 1)
    assert Employer.objects.count() == 1


def test_a_bad_payroll_tax_number_is_refused_in_its_column(manager):
    data = a_file(EMPLOYERS, "123456789;Bakkerij Van Dam;")

    result = import_employers(data, filename="a.csv", by=manager)

    assert [(e.line, e.heading) for e in result.errors] == [(2, "loonheffingennummer")]
    assert "9 cijfers" in result.errors[0].message
    assert not Employer.objects.exists()


def test_the_same_payroll_tax_number_twice_in_a_file_is_refused(manager):
    data = a_file(EMPLOYERS, "123456789L01;Een;", "123456789L01;Twee;")

    result = import_employers(data, filename="a.csv", by=manager)

    assert [(e.line, e.heading) for e in result.errors] == [(3, "loonheffingennummer")]
    assert not Employer.objects.exists()


def test_a_good_job_file_records_jobs_through_the_service_with_history(manager, known):
    client, employer = known
    data = a_file(
        JOBS,
        job_row(client.bsn),
        job_row(
            client.bsn,
            kind="zelfstandig",
            employer="",
            contract="",
            start="01-01-2020",
            planned="",
            ended="31-12-2022",
            reason="business_stopped",
            placed_by="self",
        ),
    )

    result = import_jobs(data, filename="loon.csv", by=manager)

    assert (result.ok, result.created) == (True, 2)
    job = Job.objects.get(employer=employer)
    assert (job.contract, job.planned_end_on, job.hours_per_week) == (
        "temporary",
        datetime.date(2026, 2, 28),
        24,
    )
    assert job.history.get().history_change_reason == "import loon.csv"
    assert job.history.get().history_user == manager
    business = Job.objects.get(kind="self_employed")
    assert (business.ended_on, business.end_reason) == (
        datetime.date(2022, 12, 31),
        "business_stopped",
    )


def test_english_headings_work_as_well(manager, known):
    client, _employer = known

    result = import_jobs(a_file(JOBS_ENGLISH, job_row(client.bsn)), filename="a.csv", by=manager)

    assert (result.ok, result.created) == (True, 1)


def test_importing_the_same_jobs_again_creates_nothing(manager, known):
    client, _employer = known
    data = a_file(JOBS, job_row(client.bsn))
    import_jobs(data, filename="a.csv", by=manager)

    again = import_jobs(data, filename="a.csv", by=manager)

    assert (again.ok, again.created, again.unchanged) == (True, 0, 1)
    assert Job.objects.count() == 1


def test_a_known_running_job_given_an_end_is_ended(manager, known):
    client, _employer = known
    import_jobs(a_file(JOBS, job_row(client.bsn)), filename="a.csv", by=manager)
    ended = job_row(client.bsn, ended="31-10-2025", reason="contract_ended")

    result = import_jobs(a_file(JOBS, ended), filename="b.csv", by=manager)

    assert (result.created, result.updated) == (0, 1)
    job = Job.objects.get()
    assert (job.ended_on, job.end_reason) == (datetime.date(2025, 10, 31), "contract_ended")


def test_a_known_job_is_found_whatever_kind_the_row_gives_and_a_difference_refused(manager, known):
    client, _employer = known
    import_jobs(a_file(JOBS, job_row(client.bsn)), filename="a.csv", by=manager)
    other = job_row(client.bsn, kind="sheltered", hours="32")

    result = import_jobs(a_file(JOBS, other), filename="b.csv", by=manager)

    assert not result.ok
    assert [(e.line, e.heading, e.message) for e in result.errors] == [
        (
            2,
            "soort",
            "Wijkt af van het vastgelegde werk (Reguliere werkgever); er wordt niets overschreven.",
        ),
        (
            2,
            "uren_per_week",
            "Wijkt af van het vastgelegde werk (24); er wordt niets overschreven.",
        ),
    ]
    job = Job.objects.get()
    assert (job.kind, job.hours_per_week) == ("regular", 24)


def test_a_row_without_the_end_the_known_job_has_is_refused_not_reopened(manager, known):
    client, _employer = known
    ended = job_row(client.bsn, ended="31-10-2025", reason="contract_ended")
    import_jobs(a_file(JOBS, ended), filename="a.csv", by=manager)

    result = import_jobs(a_file(JOBS, job_row(client.bsn)), filename="b.csv", by=manager)

    assert {e.heading for e in result.errors} == {"einddatum", "reden_einde"}
    assert Job.objects.get().ended_on == datetime.date(2025, 10, 31)


def test_self_employment_is_known_by_client_start_and_kind(manager, known):
    client, _employer = known
    row = job_row(client.bsn, kind="self_employed", employer="", contract="", planned="")
    data = a_file(JOBS, row)
    assert import_jobs(data, filename="a.csv", by=manager).created == 1

    again = import_jobs(data, filename="a.csv", by=manager)

    assert (again.ok, again.created, again.unchanged) == (True, 0, 1)
    assert Job.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        (
            {"start": "01-01-1990"},
            "begindatum",
            "De startdatum ligt vóór de geboortedatum van de cliënt (15 juni 1995).",
        ),
        ({"start": "01-01-2030"}, "begindatum", "De startdatum moet tussen "),
        ({"planned": "01-01-2040"}, "geplande_einddatum", "De geplande einddatum moet tussen "),
        (
            {"ended": "01-01-2030", "reason": "dismissed"},
            "einddatum",
            "De laatste werkdag kan niet in de toekomst liggen.",
        ),
    ],
)
def test_a_job_date_is_refused_as_the_forms_and_the_api_refuse_it(
    manager, known, changes, column, message
):
    client, _employer = known
    data = a_file(JOBS, job_row(client.bsn, **changes))

    result = import_jobs(data, filename="a.csv", by=manager)

    assert [(e.heading, e.message[: len(message)]) for e in result.errors] == [(column, message)]
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"bsn": "123456782"}, "bsn"),
        ({"kind": "vrijwilliger"}, "soort"),
        ({"employer": "987654321L01"}, "werkgever"),
        ({"employer": ""}, "werkgever"),
        ({"contract": "losvast"}, "contract"),
        ({"contract": ""}, "contract"),
        ({"hours": "veel"}, "uren_per_week"),
        ({"hours": "90"}, "uren_per_week"),
        ({"start": "31-02-2025"}, "begindatum"),
        ({"start": ""}, "begindatum"),
        ({"planned": ""}, "geplande_einddatum"),
        ({"planned": "01-01-2025"}, "geplande_einddatum"),
        ({"ended": "01-01-2025", "reason": "dismissed"}, "einddatum"),
        ({"ended": "01-06-2025"}, "reden_einde"),
        ({"reason": "dismissed"}, "einddatum"),
        ({"ended": "01-06-2025", "reason": "ruzie"}, "reden_einde"),
        ({"placed_by": ""}, "geplaatst_door"),
        ({"placed_by": "buurman"}, "geplaatst_door"),
    ],
)
def test_a_bad_job_cell_is_refused_naming_its_column(manager, known, changes, column):
    client, _employer = known
    data = a_file(JOBS, job_row(client.bsn, **changes))

    result = import_jobs(data, filename="a.csv", by=manager)

    assert not result.ok
    assert column in {e.heading for e in result.errors}, [str(e) for e in result.errors]
    assert all(e.line == 2 for e in result.errors)
    assert not Job.objects.exists()


def test_one_bad_row_writes_nothing_and_every_bad_row_is_reported(manager, known):
    client, _employer = known
    rows = [job_row(client.bsn, start=f"{day:02d}-03-2025") for day in range(1, 11)]
    rows[3] = job_row(client.bsn, start="04-03-2025", contract="")
    rows[7] = job_row(client.bsn, start="08-03-2025", placed_by="")

    result = import_jobs(a_file(JOBS, *rows), filename="a.csv", by=manager)

    assert [(e.line, e.heading) for e in result.errors] == [
        (5, "contract"),
        (9, "geplaatst_door"),
    ]
    assert (result.created, Job.objects.count()) == (0, 0)
    assert ImportRun.objects.get().error_count == 2


def test_the_same_job_twice_in_a_file_is_refused(manager, known):
    client, _employer = known

    result = import_jobs(
        a_file(JOBS, job_row(client.bsn), job_row(client.bsn)), filename="a.csv", by=manager
    )

    assert [(e.line, e.heading) for e in result.errors] == [(3, "begindatum")]


def test_a_dry_run_counts_and_writes_nothing(manager, known):
    client, _employer = known

    result = import_jobs(
        a_file(JOBS, job_row(client.bsn)), filename="a.csv", by=manager, dry_run=True
    )

    assert (result.ok, result.created) == (True, 1)
    assert not Job.objects.exists()


def test_a_client_of_another_team_reads_as_unknown_and_no_message_names_the_bsn(
    manager, known, caplog
):
    _client, _employer = known
    stranger = ClientFactory.create(team=TeamFactory.create(name="Team Assen 1"))
    caplog.set_level(logging.DEBUG)

    result = import_jobs(a_file(JOBS, job_row(stranger.bsn)), filename="a.csv", by=manager)
    unknown = import_jobs(a_file(JOBS, job_row("123456782")), filename="a.csv", by=manager)

    assert [e.message for e in result.errors] == [e.message for e in unknown.errors]
    assert not Job.objects.exists()
    assert stranger.bsn not in " ".join(str(e) for e in result.errors)
    assert stranger.bsn not in caplog.text


def test_an_auditor_imports_no_jobs(known):
    client, _employer = known
    auditor = UserFactory.create(username="au", role="auditor")

    result = import_jobs(a_file(JOBS, job_row(client.bsn)), filename="a.csv", by=auditor)

    assert [e.heading for e in result.errors] == ["bsn"]
    assert not Job.objects.exists()


def test_the_page_imports_jobs_for_a_team_manager(client, manager, known):
    file_client, _employer = known
    client.force_login(manager)
    upload = SimpleUploadedFile("loon.csv", a_file(JOBS, job_row(file_client.bsn)))

    html = client.post(
        "/clienten/import/", {"content": "banen", "file": upload, "dry_run": ""}
    ).content.decode()

    assert "Opgeslagen: 1 nieuw" in html
    assert Job.objects.count() == 1


def test_the_page_offers_a_team_manager_employers_and_jobs_not_clients(client, manager):
    client.force_login(manager)

    html = client.get("/clienten/import/").content.decode()

    assert 'value="werkgevers"' in html and 'value="banen"' in html
    assert 'value="clienten"' not in html
    assert "<code>geplaatst_door</code>" in html and "<li>agency (Uitzend)</li>" in html
    assert client.get("/clienten/import/sjabloon.csv?inhoud=clienten").status_code == 403


def test_a_team_manager_may_not_import_clients_by_posting_the_choice(client, manager):
    client.force_login(manager)
    upload = SimpleUploadedFile("c.csv", b"bsn;voornaam\r\n")

    response = client.post("/clienten/import/", {"content": "clienten", "file": upload})

    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("content", "first_line"),
    [("werkgevers", EMPLOYERS), ("banen", JOBS)],
)
def test_the_templates_hold_the_dutch_headings(client, manager, content, first_line):
    client.force_login(manager)

    response = client.get(f"/clienten/import/sjabloon.csv?inhoud={content}")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == first_line
    assert len(lines) == 2


def test_the_job_template_imported_unchanged_writes_nothing(client, manager, known):
    client.force_login(manager)
    data = client.get("/clienten/import/sjabloon.csv?inhoud=banen").content

    result = import_jobs(data, filename="sjabloon.csv", by=manager)

    assert [e.heading for e in result.errors] == ["bsn"]
