"""Which Django model permissions each role's group carries (used by the admin).

Scope (which clients a user may see) is not a model permission; it lives in `visible_to(user)`.
"""

from django.contrib.auth.models import Group, Permission

from .roles import Role

# role -> {"app_label.model": actions}
ROLE_MODEL_PERMISSIONS: dict[Role, dict[str, tuple[str, ...]]] = {
    Role.FUNCTIONAL_ADMIN: {
        "accounts.user": ("view", "add", "change"),
        "accounts.team": ("view", "add", "change"),
        "accounts.membership": ("view",),  # changed through the user's teams
        "interventions.provider": ("view", "add", "change"),
        "interventions.servicetype": ("view", "add", "change"),
        "work.employer": ("view", "add"),  # as over the API; a payroll tax number is kept
        "norms.normversion": ("view", "add", "change"),
        "referrals.organisation": ("view", "add", "change"),  # the social map
    },
}


def sync_role_permissions(**kwargs: object) -> None:
    """Make each role's group hold exactly its listed permissions; safe to run on every migrate."""
    for role, models in ROLE_MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for label, actions in models.items():
            app_label, model = label.split(".")
            wanted += list(
                Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )
        group.permissions.set(wanted)
