"""The NL Design System on the screens: one stylesheet, a client's file pages carry a
breadcrumb trail, and the icon is there."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_of_a_client_file_shows_the_trail_back_to_the_caseload(
    client, caseworker, client_file
):
    client.force_login(caseworker)

    page = client.get(reverse("work_plan", args=[client_file.pk])).content.decode()
    file_page = client.get(reverse("client_detail", args=[client_file.pk])).content.decode()
    caseload = client.get(reverse("caseload")).content.decode()

    name = f"{client_file.first_name} {client_file.last_name}"
    trail = page[page.index('class="utrecht-breadcrumb-nav"') :]
    trail = trail[: trail.index("</nav>")]
    assert f'href="{reverse("caseload")}">Cliënten</a>' in trail
    assert f'href="{reverse("client_detail", args=[client_file.pk])}">{name}</a>' in trail
    assert 'aria-current="page">Werkplan</a>' in trail
    assert f'aria-current="page">{name}</a>' in file_page
    assert "utrecht-breadcrumb-nav" not in caseload


def test_the_old_icon_address_leads_to_the_svg_icon(client):
    answer = client.get("/favicon.ico")

    assert answer.status_code == 302
    assert answer["Location"] == "/static/favicon.svg"
    assert (settings.BASE_DIR / "static" / "favicon.svg").read_text().startswith("<svg")


def test_every_page_links_the_one_stylesheet_and_the_icon(client):
    page = client.get(reverse("login")).content.decode()

    assert 'href="/static/dist/wajong.css"' in page
    assert 'rel="icon" href="/static/favicon.svg"' in page
    assert (settings.BASE_DIR / "static" / "dist" / "wajong.css").stat().st_size > 10_000
