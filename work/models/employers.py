"""Employers, known by their payroll tax number (loonheffingennummer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import staff_member

from ..querysets import EmployerQuerySet
from ..validators import validate_kvk_number, validate_payroll_tax_number


class Employer(models.Model):
    """An employer as the study tells them apart: one payroll tax number, one employer."""

    name = models.CharField(_("naam"), max_length=200)
    payroll_tax_number = models.CharField(
        _("loonheffingennummer"),
        max_length=12,
        unique=True,
        validators=[validate_payroll_tax_number],
        help_text=_("9 cijfers, L, 2 cijfers, bijvoorbeeld 123456789L01"),
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[validate_kvk_number]
    )
    recorded_by = staff_member(_("vastgelegd door"))
    history = HistoricalRecords()

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(payroll_tax_number__regex=r"^[0-9]{9}L[0-9]{2}$"),
                name="employer_payroll_tax_number_form",
            ),
            models.CheckConstraint(
                condition=models.Q(kvk_number="") | models.Q(kvk_number__regex=r"^[0-9]{8}$"),
                name="employer_kvk_number_form",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.payroll_tax_number})"
