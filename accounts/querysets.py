from django.contrib.auth.models import UserManager as DjangoUserManager

from .roles import Role


class UserManager(DjangoUserManager):
    def caseworkers(self):
        return self.filter(groups__name=Role.CASEWORKER, is_active=True)
