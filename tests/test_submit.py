"""common.forms.submit: a posted form to its service, and what the user sees after."""

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from common.exceptions import EditConflict
from common.forms import submit


class NameForm(forms.Form):
    name = forms.CharField()
    version = forms.IntegerField(required=False)


def _post(data: dict[str, str]) -> Any:
    request: Any = RequestFactory().post("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_valid_input_is_written_then_a_message_and_the_redirect():
    request = _post({"name": "Jansen"})
    written: list[dict] = []
    _form, done = submit(
        request, NameForm(request.POST), written.append, done="Opgeslagen.", then="/verder/"
    )
    assert written == [{"name": "Jansen", "version": None}]
    assert done is not None and done["Location"] == "/verder/"
    assert [str(m) for m in get_messages(request)] == ["Opgeslagen."]


def test_the_message_may_say_what_the_service_did():
    request = _post({"name": "Jansen"})

    submit(
        request,
        NameForm(request.POST),
        lambda data: 3,
        done=lambda planned: f"{planned} gepland.",
        then="/verder/",
    )

    assert [str(m) for m in get_messages(request)] == ["3 gepland."]


def test_invalid_input_reaches_no_service():
    request = _post({"name": ""})
    written: list[dict] = []
    form, done = submit(request, NameForm(request.POST), written.append, done="x", then="/")
    assert done is None and written == [] and "name" in form.errors


def test_a_refusal_lands_on_its_field_and_nothing_follows():
    request = _post({"name": "Jansen"})

    def refuse(data):
        raise ValidationError({"name": "Deze naam bestaat al."})

    form, done = submit(request, NameForm(request.POST), refuse, done="x", then="/")
    assert done is None
    assert form.errors["name"] == ["Deze naam bestaat al."]
    assert list(get_messages(request)) == []


def test_an_edit_conflict_comes_back_with_the_typed_input_and_the_new_version():
    request = _post({"name": "Jansen", "version": "3"})

    def conflict(data):
        raise EditConflict("Iemand anders was u voor.", current_version=4)

    form, done = submit(
        request, NameForm(request.POST), conflict, done="x", then="/", again=NameForm
    )
    assert done is None
    assert form.data["name"] == "Jansen" and form.data["version"] == "4"
    assert "Iemand anders was u voor." in form.non_field_errors()[0]


def test_an_edit_conflict_without_a_way_back_is_not_swallowed():
    request = _post({"name": "Jansen"})

    def conflict(data):
        raise EditConflict("Iemand anders was u voor.")

    with pytest.raises(EditConflict):
        submit(request, NameForm(request.POST), conflict, done="x", then="/")
