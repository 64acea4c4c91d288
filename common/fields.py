from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxLengthValidator
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


def limited_text(
    verbose_name: "StrOrPromise", *, max_length: int, blank: bool = False
) -> models.TextField:
    """Free text with one length limit for every channel. Django gives a TextField's
    max_length to its form fields and DRF to its serializer fields, but does not check it in
    full_clean(), which every service runs: the validator does."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        blank=blank,
        validators=[MaxLengthValidator(max_length)],
    )


def text_limit(model: type[models.Model], name: str) -> int:
    """The limit `model` sets on its text field `name`, for a form or serializer field that is
    not generated from the model: the web forms and the API keep the model's limit."""
    max_length = getattr(model._meta.get_field(name), "max_length", None)
    if not isinstance(max_length, int):
        raise ImproperlyConfigured(f"{model.__name__}.{name} has no length limit.")
    return max_length
