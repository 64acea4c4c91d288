"""Choices read by name: a select offers "Jobcoaching", not "JOBCOACH Jobcoaching", and staff
by their full name; the code stays where an administrator looks for it (the admin list)."""

import datetime
import re

import pytest

from tests.factories import (
    CaseworkerFactory,
    PhasePeriodFactory,
    ProviderFactory,
    ServiceTypeFactory,
    TrajectoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, f"no select {name}"
    return [text.strip() for text in re.findall(r"<option[^>]*>(.*?)</option>", select.group(0))]


def test_the_purchase_form_offers_services_by_name_without_their_code(
    client, caseworker, client_file
):
    PhasePeriodFactory.create(client=client_file, phase="4", started_on=datetime.date(2024, 1, 1))
    ServiceTypeFactory.create(code="JOBCOACH", name="Jobcoaching", phases="4")
    ProviderFactory.create(name="Stap Verder BV")
    client.force_login(caseworker)

    html = client.get(f"/clienten/{client_file.pk}/trajecten/").content.decode()

    assert "Jobcoaching" in options(html, "service_type")
    assert "JOBCOACH" not in " ".join(options(html, "service_type"))
    assert "Stap Verder BV" in options(html, "provider")


def test_a_trajectory_is_named_by_its_service_not_its_code(client_file):
    service = ServiceTypeFactory.create(code="JOBCOACH", name="Jobcoaching", phases="4")
    trajectory = TrajectoryFactory.create(client=client_file, service_type=service)

    assert str(trajectory) == f"Jobcoaching voor {client_file}"


def test_the_admin_list_keeps_the_service_code_in_its_own_column(client):
    ServiceTypeFactory.create(code="JOBCOACH", name="Jobcoaching", phases="4")
    client.force_login(UserFactory.create(username="fb", role="functional_admin", is_staff=True))

    html = client.get("/admin/interventions/servicetype/").content.decode()

    assert re.search(r">JOBCOACH</a>", html) or ">JOBCOACH<" in html
    assert ">Jobcoaching<" in html


def test_the_handover_offers_caseworkers_by_full_name_not_username(client, manager, team):
    CaseworkerFactory.create(
        username="ad.pietersen", first_name="Anna", last_name="Pietersen", team=team
    )
    client.force_login(manager)

    html = client.get("/clienten/overdracht/").content.decode()

    assert "Anna Pietersen" in options(html, "current")
    assert "ad.pietersen" not in " ".join(options(html, "current"))
