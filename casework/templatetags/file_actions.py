"""The small action forms offered beside records of a file: one per record, or the posted one
that was refused, shown again with its errors and what was typed."""

from django import forms, template

from casework.forms import ReopenAgreementForm
from interventions.models import Agreement

register = template.Library()


@register.simple_tag
def reopen_form(agreement: Agreement, refused: forms.Form | None = None) -> forms.Form | None:
    """The form to reopen `agreement`; None while it is open."""
    return ReopenAgreementForm.for_agreement(agreement, refused)
