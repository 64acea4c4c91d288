"""The small action forms offered beside records of a file: one per record, or the posted one
that was refused, shown again with its errors and what was typed."""

from django import forms, template

from casework.forms import EndExemptionForm, ReopenAgreementForm
from interventions.models import Agreement, ContactExemption
from phases.models import PhaseExemption

register = template.Library()


@register.simple_tag
def reopen_form(agreement: Agreement, refused: forms.Form | None = None) -> forms.Form | None:
    """The form to reopen `agreement`; None while it is open."""
    return ReopenAgreementForm.for_agreement(agreement, refused)


@register.simple_tag
def end_early_form(
    exemption: ContactExemption | PhaseExemption, refused: forms.Form | None = None
) -> forms.Form | None:
    """The form to end `exemption` early; None when it cannot end any earlier."""
    return EndExemptionForm.for_exemption(exemption, refused)
