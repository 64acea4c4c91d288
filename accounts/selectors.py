from django.contrib.auth.models import AnonymousUser

from .models import User
from .roles import Role


def roles_of(user: User | AnonymousUser) -> list[Role]:
    if not user.is_authenticated:
        return []
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.value in names]
