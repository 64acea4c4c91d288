"""The form renderer: the widgets every form shows written in Python, the rest from templates.

A form field rendered through Django's templates costs 0.1-0.3 ms (an include per attribute
list, one more per option), and the hot pages show dozens: the caseload's filters, the file's
conversation form with its ladder. The writers below give the same HTML as the templates in
templates/django/forms/widgets/ (and Django's for the radio and checkbox lists), which stay
the reference: tests/test_widget_renderer.py renders every kind of widget both ways.
A widget kind without a writer (the admin's) renders from its template as before.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData
from django.utils.translation import gettext

Widget = Mapping[str, Any]

# NL Design System classes per input type (templates/django/forms/widgets/input.html)
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
INPUT_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
}
PLAIN_INPUTS = {"hidden", "file"}  # no NL Design System class


def _text(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless already safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: Mapping[str, Any], *, skip: str = "") -> str:
    """Django's attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if name == skip or value is False:
            continue
        name_html = conditional_escape(name)
        parts.append(f" {name_html}" if value is True else f' {name_html}="{_text(value)}"')
    return "".join(parts)


def _classed_attrs(attrs: Mapping[str, Any], classes: str) -> str:
    """utrecht_attrs.html: the NL Design System classes first, then the form's own."""
    own = attrs.get("class")
    extra = f" {conditional_escape(own)}" if own else ""
    return f' class="{classes}{extra}"' + _attrs(attrs, skip="class")


def write_input(widget: Widget) -> str:
    kind = widget["type"]
    value = widget["value"]
    html = f'<input type="{conditional_escape(kind)}" name="{conditional_escape(widget["name"])}"'
    if value is not None:
        html += f' value="{_text(value)}"'
    if kind in PLAIN_INPUTS:
        return html + _attrs(widget["attrs"]) + ">"
    return html + _classed_attrs(widget["attrs"], INPUT_CLASSES.get(kind, TEXTBOX)) + ">"


def write_option(option: Widget) -> str:
    label = option["label"]
    text = gettext("Kies …") if label == "---------" else conditional_escape(label)
    return f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>{text}</option>'


def write_select(widget: Widget, render: Callable[[str, Widget], str]) -> str:
    classes = "utrecht-select utrecht-select--html-select"
    html = [f'<select name="{conditional_escape(widget["name"])}"']
    html.append(_classed_attrs(widget["attrs"], classes) + ">")
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f'\n  <optgroup label="{conditional_escape(group)}">')
        html.extend(f"\n  {render(option['template_name'], option)}" for option in options)
        if group:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def write_textarea(widget: Widget) -> str:
    classes = "utrecht-textarea utrecht-textarea--html-textarea"
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    name = conditional_escape(widget["name"])
    return f'<textarea name="{name}"{_classed_attrs(widget["attrs"], classes)}>\n{value}</textarea>'


def write_input_option(option: Widget) -> str:
    """input_option.html with the trailing newlines of it and of radio/checkbox_option.html."""
    field = write_input(option)
    if not option["wrap_label"]:
        return field + "\n\n"
    target = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(target)}"' if target else ""
    return f"<label{label_for}>{field} {conditional_escape(option['label'])}</label>\n\n"


def write_choices(widget: Widget, render: Callable[[str, Widget], str]) -> str:
    """multiple_input.html: radio buttons and checkbox lists, each option in a div."""
    target = widget["attrs"].get("id")
    own = widget["attrs"].get("class")
    html = ["<div"]
    if target:
        html.append(f' id="{conditional_escape(target)}"')
    if own:
        html.append(f' class="{conditional_escape(own)}"')
    html.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        html.extend(
            f"<div>\n    {render(option['template_name'], option)}</div>" for option in options
        )
        if group:
            html.append("\n  </div>")
    html.append("\n</div>")
    return "".join(html)


WIDGETS = "django/forms/widgets/"
# Django's templates for these only include input.html.
INPUT_TEMPLATES = [
    f"{WIDGETS}{kind}.html"
    for kind in (
        "input checkbox color date datetime email hidden number password search tel text time url"
    ).split()
]


class WidgetRenderer(TemplatesSetting):
    """TemplatesSetting, with a writer in Python for the widgets that have one."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if widget is not None and template_name in self.writers:
            return self.writers[template_name](widget).strip()  # as the templates' output is
        return super().render(template_name, context, request)

    def _option(self, template_name: str, option: Widget) -> str:
        """An option inside a select or list, as the list's template would include it."""
        if template_name in self.writers:
            return self.writers[template_name](option)
        template: Any = self.get_template(template_name)  # a backend template: takes a dict
        return template.render({"widget": option})

    @cached_property
    def writers(self) -> dict[str, Callable[[Widget], str]]:
        writers: dict[str, Callable[[Widget], str]] = dict.fromkeys(INPUT_TEMPLATES, write_input)
        return writers | {
            f"{WIDGETS}select_option.html": write_option,
            f"{WIDGETS}select.html": lambda widget: write_select(widget, self._option),
            f"{WIDGETS}textarea.html": write_textarea,
            f"{WIDGETS}radio_option.html": write_input_option,
            f"{WIDGETS}checkbox_option.html": write_input_option,
            f"{WIDGETS}radio.html": lambda widget: write_choices(widget, self._option),
            f"{WIDGETS}checkbox_select.html": lambda widget: write_choices(widget, self._option),
        }
