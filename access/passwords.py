"""Password rules beyond Django's own (AUTH_PASSWORD_VALIDATORS)."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a Dutch message: Django 5.2's Dutch catalogue lacks its current one."""

    def get_error_message(self) -> str:
        return _(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens lang zijn."
        ) % {"min_length": self.min_length}
