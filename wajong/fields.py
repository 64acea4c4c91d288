from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

if TYPE_CHECKING:  # django-stubs is a development dependency only
    from django_stubs_ext import StrOrPromise


def staff_member(verbose_name: "StrOrPromise") -> models.ForeignKey:
    """Who recorded, created or decided something: optional, never deleted from under a record."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
