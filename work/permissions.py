"""Who may do what with work records, beyond seeing the client (scope is the querysets' job)."""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from clients.permissions import may_edit_client_files, may_manage_catalogues


def may_add_employers(user: User | AnonymousUser) -> bool:
    """Any caseworker or team manager adds the employer of a client's job; functional
    administrators keep the list (and import payroll data)."""
    return may_edit_client_files(user) or may_manage_catalogues(user)
