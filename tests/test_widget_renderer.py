"""The widgets written in Python give the HTML of their templates, for every kind and state."""

import re

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from casework.forms import CaseloadFilterForm
from common.widget_renderer import WidgetRenderer
from common.widgets import DatePicker

ODD = 'van \'t "Riet" <b> & co'
CHOICES = [("", "---------"), ("a", "Één"), ("b", ODD)]
GROUPED = [("Fase", [("1", "Fase 1"), ("2", "Fase 2")]), ("Anders", [("x", ODD)])]


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=10, help_text="Hulp")
    number = forms.IntegerField(min_value=1, required=False)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    day = forms.DateField(required=False, widget=DatePicker())
    time = forms.TimeField(required=False)
    moment = forms.DateTimeField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    search = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    agreed = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    several = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    rung = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect, required=False)
    rung_grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    ticks = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    styled = forms.CharField(
        required=False,
        widget=forms.TextInput(
            attrs={"class": "wide", "disabled": True, "readonly": False, "data-x": mark_safe("&")}
        ),
    )
    unlabelled = forms.ChoiceField(
        choices=[(1, 1), (2, 2)], widget=forms.RadioSelect(attrs={"class": "rung"}), required=False
    )


FILLED = {
    "text": ODD,
    "number": "x",  # refused: aria-invalid
    "email": "a@b.nl",
    "day": "2026-11-30",
    "moment": "2026-11-30 09:15",
    "secret": ODD,
    "hidden": ODD,
    "agreed": "on",
    "kind": "b",
    "grouped": "x",
    "several": ["a", "b"],
    "rung": "a",
    "rung_grouped": "2",
    "ticks": ["b"],
    "note": ODD,
    "styled": "<i>",
    "unlabelled": "2",
}


def both_ways(form_class, *args, **kwargs):
    by_template = form_class(*args, renderer=TemplatesSetting(), **kwargs)
    in_python = form_class(*args, renderer=WidgetRenderer(), **kwargs)
    by_template.is_valid() if by_template.is_bound else None
    in_python.is_valid() if in_python.is_bound else None
    return by_template, in_python


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"initial": {"text": ODD, "kind": "a", "note": "", "agreed": True}},
        {"data": FILLED},
        {"data": {}},
        {"data": FILLED, "auto_id": False},
    ],
    ids=["empty", "initial", "filled", "all-missing", "no-ids"],
)
def test_every_widget_gives_its_templates_html(arguments):
    by_template, in_python = both_ways(EveryWidget, **arguments)

    for name in EveryWidget.base_fields:
        assert str(in_python[name]) == str(by_template[name]), name
    if arguments.get("data") is FILLED:  # the states that change the HTML were there
        assert 'aria-invalid="true"' in str(in_python["number"])
        assert "checked" in str(in_python["ticks"]) and "selected" in str(in_python["grouped"])


def test_an_option_without_a_writer_is_still_rendered_from_its_template():
    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/attrs.html"

    class Form(forms.Form):
        pick = forms.ChoiceField(choices=CHOICES, widget=OwnOption)

    by_template, in_python = both_ways(Form)
    assert str(in_python["pick"]) == str(by_template["pick"])
    assert "<option" not in str(in_python["pick"])


@pytest.mark.django_db
@pytest.mark.parametrize("query", [None, {"q": ODD, "phase": "2", "no_contact_since": "1800-01"}])
def test_the_caseload_filters_render_alike(query):
    by_template, in_python = both_ways(CaseloadFilterForm, query)
    assert str(in_python.as_div()) == str(by_template.as_div())


@pytest.mark.django_db
def test_the_client_file_is_the_same_page_with_either_renderer(
    client, caseworker, client_file, settings
):
    client.force_login(caseworker)

    def page() -> str:
        html = client.get(f"/clienten/{client_file.pk}/").content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    settings.FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
    by_template = page()
    settings.FORM_RENDERER = "common.widget_renderer.WidgetRenderer"
    in_python = page()

    assert 'type="radio"' in in_python and "<textarea" in in_python and "<select" in in_python
    assert in_python == by_template
