from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Medewerkers en teams")

    def ready(self) -> None:
        from .permissions import sync_role_permissions

        # Runs after each app migrates; the last run sees every permission.
        post_migrate.connect(sync_role_permissions, dispatch_uid="sync_role_permissions")
