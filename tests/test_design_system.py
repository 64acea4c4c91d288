"""The NL Design System on the screens: every form control carries its component's class,
selects say "Kies …", a client's file pages carry a breadcrumb trail, and the icon is there."""

import datetime
from html.parser import HTMLParser

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Team
from tests.factories import PhasePeriodFactory

pytestmark = pytest.mark.django_db

COMPONENT_CLASS = {
    "checkbox": "utrecht-checkbox",
    "radio": "utrecht-radio-button",
    "select": "utrecht-select",
    "textarea": "utrecht-textarea",
    "text": "utrecht-textbox",  # and every other typed input: date, number ...
}


class Controls(HTMLParser):
    """The form controls inside the element with `inside_id`: (kind, name, classes)."""

    def __init__(self, inside_id: str) -> None:
        super().__init__()
        self.inside_id = inside_id
        self.depth = 0  # > 0 while inside that element
        self.found: list[tuple[str, str, set[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.depth:
            self.depth += tag not in {"input", "br", "img", "meta", "link"}
        elif attributes.get("id") == self.inside_id:
            self.depth = 1
            return
        if not self.depth or tag not in {"input", "select", "textarea"}:
            return
        kind = tag if tag != "input" else attributes.get("type") or "text"
        if kind in {"hidden", "submit", "button"}:
            return
        classes = set((attributes.get("class") or "").split())
        self.found.append((kind, attributes.get("name") or "", classes))

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in {"input", "br", "img", "meta", "link"}:
            self.depth -= 1


def test_every_control_of_the_conversation_form_carries_its_component_class(
    client, caseworker, client_file
):
    PhasePeriodFactory.create(client=client_file, phase="2", started_on=datetime.date(2024, 1, 1))
    client.force_login(caseworker)

    page = client.get(reverse("client_detail", args=[client_file.pk]))

    parser = Controls("gesprek-vastleggen")
    parser.feed(page.content.decode())
    kinds = {kind for kind, _name, _classes in parser.found}
    assert {"date", "select", "textarea", "checkbox", "number"} <= kinds, parser.found
    wrong = [
        (kind, name, sorted(classes))
        for kind, name, classes in parser.found
        if COMPONENT_CLASS.get(kind, "utrecht-textbox") not in classes
    ]
    assert not wrong


def test_a_select_asks_to_choose_instead_of_showing_dashes():
    class Form(forms.Form):
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
        team = forms.ModelChoiceField(queryset=Team.objects.all(), required=False)

    html = str(Form())

    assert "---------" not in html
    assert html.count(">Kies …</option>") == 2
    assert 'class="utrecht-select utrecht-select--html-select"' in html


def test_a_form_s_own_class_stays_beside_the_component_class():
    field = forms.CharField(widget=forms.TextInput(attrs={"class": "wide"}))

    html = field.widget.render("name", "x")

    assert 'class="utrecht-textbox utrecht-textbox--html-input wide"' in html
    assert html.count("class=") == 1


def test_a_page_of_a_client_file_shows_the_trail_back_to_the_caseload(
    client, caseworker, client_file
):
    client.force_login(caseworker)

    page = client.get(reverse("work_plan", args=[client_file.pk])).content.decode()
    file_page = client.get(reverse("client_detail", args=[client_file.pk])).content.decode()
    caseload = client.get(reverse("caseload")).content.decode()

    name = escape(f"{client_file.first_name} {client_file.last_name}")
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
