"""The import page explains the file (every column, which are required, the valid values),
offers a template to fill in, and names a column in an error as the file itself names it."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.import_rows import FILE_COLUMNS
from casework.importer import import_clients
from clients.models import Client
from tests.factories import TeamFactory, UserFactory, make_bsn

pytestmark = pytest.mark.django_db

DUTCH = "bsn;voornaam;achternaam;geboortedatum;regeling;in_zorg_sinds;team"
ENGLISH = "bsn;first_name;last_name;date_of_birth;regime;in_service_since;team"


@pytest.fixture
def functional_admin(client):
    admin = UserFactory.create(username="fb", role="functional_admin", is_staff=True)
    client.force_login(admin)
    return admin


def a_file(header: str, *rows: str) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def a_row(team: str, born: str = "01-05-2001", bsn: int = 1) -> str:
    return f"{make_bsn(bsn)};Sanne;Visser;{born};wajong2015;01-01-2020;{team}"


def test_the_page_lists_every_column_and_marks_the_required_ones(client, functional_admin):
    html = client.get("/clienten/import/").content.decode()

    table = html[html.index("<table") : html.index("</table>")]
    for column in FILE_COLUMNS:
        assert f"<code>{column.dutch}</code>" in table
    rows = {row.split("</code>")[0]: row for row in table.split('<th scope="row"><code>')[1:]}
    assert "<strong>verplicht</strong>" in rows["bsn"]
    assert "<strong>verplicht</strong>" in rows["team"]
    assert "<strong>verplicht</strong>" not in rows["uit_zorg_per"]
    assert "of <code>date_of_birth</code>" in rows["geboortedatum"]


def test_the_page_lists_the_valid_values(client, functional_admin):
    TeamFactory.create(name="Team Zwolle 2")
    TeamFactory.create(name="Team Assen 1")

    html = client.get("/clienten/import/").content.decode()

    for code in ("owajong", "wajong2010", "wajong2015"):
        assert f"<li>{code} (" in html
    assert "<li>1 – Stabiliseren en participeren</li>" in html
    assert "<li>4 – (Duurzaam) aan het werk</li>" in html
    assert html.index("<li>Team Assen 1</li>") < html.index("<li>Team Zwolle 2</li>")
    assert "31-12-2021 (DD-MM-JJJJ)" in html


def test_the_page_names_the_teams_in_one_query_however_many(client, functional_admin):
    TeamFactory.create()
    client.get("/clienten/import/")  # the session is warm
    with CaptureQueriesContext(connection) as one_team:
        client.get("/clienten/import/")
    TeamFactory.create_batch(9)
    with CaptureQueriesContext(connection) as ten_teams:
        client.get("/clienten/import/")

    assert len(ten_teams) == len(one_team)


def test_the_page_speaks_english(client, functional_admin):
    client.cookies["django_language"] = "en"

    html = client.get("/clienten/import/").content.decode()

    assert "Download the template (CSV)" in html
    assert "31-12-2021 (DD-MM-YYYY)" in html
    assert "required" in html


def test_the_template_has_the_dutch_headings_and_one_made_up_row(client, functional_admin):
    response = client.get("/clienten/import/sjabloon.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    header, example = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header == [column.dutch for column in FILE_COLUMNS]
    assert dict(zip(header, example, strict=True))["voornaam"] == "Voorbeeld"


def test_the_template_imports_once_its_team_is_real(client, functional_admin):
    team = TeamFactory.create(name="Team Utrecht 1")
    template = client.get("/clienten/import/sjabloon.csv").content

    unchanged = import_clients(template, filename="sjabloon.csv", by=None)
    filled_in = import_clients(
        template.replace(b"Team Voorbeeld", team.name.encode()), filename="ingevuld.csv", by=None
    )

    assert [str(error) for error in unchanged.errors] == [
        "regel 2, kolom team: Onbekend team 'Team Voorbeeld'."
    ]
    assert filled_in.ok and Client.objects.get().last_name == "Testpersoon"


@pytest.mark.parametrize(
    "header, named",
    [(DUTCH, "geboortedatum"), (ENGLISH, "date_of_birth"), (DUTCH.title(), "Geboortedatum")],
    ids=["dutch", "english", "as-written"],
)
def test_an_error_names_the_column_as_the_file_does(client, functional_admin, header, named):
    TeamFactory.create(name="Team Utrecht 1")
    data = a_file(header, a_row("Team Utrecht 1", born="31-02-2001"))

    form = {"file": SimpleUploadedFile("lijst.csv", data, content_type="text/csv")}
    html = client.post("/clienten/import/", form).content.decode()

    assert f"regel 2, kolom {named}: " in html


def test_an_error_in_english_names_the_column_as_the_file_does(client, functional_admin):
    TeamFactory.create(name="Team Utrecht 1")
    client.cookies["django_language"] = "en"
    data = a_file(DUTCH, a_row("Team Utrecht 1", born="31-02-2001"))

    form = {"file": SimpleUploadedFile("lijst.csv", data, content_type="text/csv")}
    html = client.post("/clienten/import/", form).content.decode()

    assert "line 2, column geboortedatum: " in html


@pytest.mark.parametrize(
    "header, missing",
    [
        ("bsn;voornaam;geboortedatum;regeling;in_zorg_sinds", "achternaam, team"),
        ("bsn;first_name;date_of_birth;regime;in_service_since", "last_name, team"),
    ],
    ids=["dutch", "english"],
)
def test_missing_columns_are_named_in_the_files_language(header, missing):
    result = import_clients(a_file(header), filename="x.csv", by=None)

    assert [error.message for error in result.errors] == [f"Kolommen ontbreken: {missing}."]
