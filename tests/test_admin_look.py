"""The admin reads as part of the product: Dutch titles, the site's colours, roles by their
names (not the group codes), and a service type's phases as checkboxes."""

import re

import pytest
from django.contrib.auth.models import Group

from interventions.models import ServiceType
from tests.factories import CaseworkerFactory, ServiceTypeFactory, UserFactory

pytestmark = pytest.mark.django_db

GROUP_CODES = re.compile(r">\s*(caseworker|team_manager|auditor|functional_admin)\s*<")


@pytest.fixture
def functional_admin(client):
    user = UserFactory.create(username="fb", role="functional_admin", is_staff=True)
    client.force_login(user)
    return user


def title_of(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found
    return found.group(1).strip()


def test_the_admin_has_dutch_titles_and_the_sites_colours(client, functional_admin):
    html = client.get("/admin/").content.decode()

    assert title_of(html) == "Beheer | Wajong dossier – beheer"
    assert '<a href="/admin/">Wajong dossier – beheer</a>' in html
    assert 'href="/static/css/admin.css"' in html
    assert "Django" not in html
    assert "dark_mode.css" not in html  # one light look, as the site


def test_the_admin_titles_are_english_in_english(client, functional_admin):
    client.cookies["django_language"] = "en"

    html = client.get("/admin/").content.decode()

    assert title_of(html) == "Administration | Wajong case file – administration"


def test_the_admin_stylesheet_takes_the_sites_tokens_with_fallbacks(client, functional_admin):
    css = b"".join(client.get("/static/css/admin.css").streaming_content).decode()

    assert "--header-bg: var(--wajong-color-blue, #154273);" in css
    assert "--primary: var(--wajong-color-blue, #154273);" in css


@pytest.mark.parametrize("who", ["functional_admin", "superuser"])
def test_users_are_listed_and_filtered_by_readable_role(client, team, who):
    CaseworkerFactory.create(username="cw", team=team)
    UserFactory.create(username="au", role="auditor")
    if who == "superuser":
        client.force_login(UserFactory.create(username="root", is_superuser=True, is_staff=True))
    else:
        client.force_login(
            UserFactory.create(username="fb", role="functional_admin", is_staff=True)
        )

    html = client.get("/admin/accounts/user/").content.decode()
    filtered = client.get("/admin/accounts/user/?rol=auditor").content.decode()

    assert not GROUP_CODES.findall(html)
    assert ">Functioneel beheerder<" in html and ">Casemanager (AD/AID)<" in html
    assert "?rol=functional_admin" in html
    assert ">au<" in filtered and ">cw<" not in filtered


def test_the_groups_are_named_by_their_role_for_the_superuser(client):
    client.force_login(UserFactory.create(username="root", is_superuser=True, is_staff=True))

    html = client.get("/admin/auth/group/").content.decode()
    group = Group.objects.get(name="functional_admin")
    page = client.get(f"/admin/auth/group/{group.pk}/change/").content.decode()

    assert ">Functioneel beheerder<" in html and ">Teammanager<" in html
    assert "Functioneel beheerder" in page


def test_a_service_types_phases_are_checkboxes(client, functional_admin):
    service_type = ServiceTypeFactory.create(phases="34")

    html = client.get(f"/admin/interventions/servicetype/{service_type.pk}/change/").content
    page = html.decode()

    boxes = re.findall(r'<input type="checkbox" name="phases" value="(\d)"[^>]*>', page)
    assert boxes == ["1", "2", "3", "4"]
    checked = re.findall(r'<input type="checkbox" name="phases" value="(\d)"[^>]*checked', page)
    assert checked == ["3", "4"]
    assert "3 – Op weg naar werk" in page


def test_the_checked_phases_are_stored_sorted_as_before(client, functional_admin):
    response = client.post(
        "/admin/interventions/servicetype/add/",
        {
            "code": "WF900",
            "name": "Werkfit proef",
            "category": "work_fit",
            "phases": ["3", "2"],
            "active": "on",
            "change_reason": "Nieuw product",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert ServiceType.objects.get(code="WF900").phases == "23"


def test_a_service_type_needs_a_phase(client, functional_admin):
    response = client.post(
        "/admin/interventions/servicetype/add/",
        {"code": "WF901", "name": "Zonder fase", "category": "work_fit", "active": "on"},
    )

    assert response.status_code == 200
    assert not ServiceType.objects.filter(code="WF901").exists()
    assert 'id="id_phases_error"' in response.content.decode()


def test_the_list_of_service_types_shows_the_phases_readably(client, functional_admin):
    ServiceTypeFactory.create(phases="234")

    html = client.get("/admin/interventions/servicetype/").content.decode()

    assert ">2, 3, 4<" in html
