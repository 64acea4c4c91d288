from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        help_text=_("Zes cijfers; de app toont elke 30 seconden een nieuwe code."),
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}$", _("Een code bestaat uit zes cijfers."))],
        error_messages={"required": _("Vul de code uit de app in.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )
