from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db.models import QuerySet

from .roles import Role


class UserManager(DjangoUserManager):
    def caseworkers(self) -> QuerySet:
        return self.filter(groups__name=Role.CASEWORKER, is_active=True)
