from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from audit.permissions import may_read_audit_trail
from clients.permissions import may_edit_client_files, may_hand_over
from reports.permissions import may_see_dashboards


def roles(request: HttpRequest) -> dict[str, object]:
    """`is_team_manager` (the header's handover link) and `sees_dashboards`: the user's roles
    are read once per request (and cached on the user), and only when a page asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_team_manager": SimpleLazyObject(lambda: may_hand_over(user)),
        "sees_dashboards": SimpleLazyObject(lambda: may_see_dashboards(user)),
        "reads_audit_trail": SimpleLazyObject(lambda: may_read_audit_trail(user)),
        "has_work_queue": SimpleLazyObject(lambda: may_edit_client_files(user)),
    }
