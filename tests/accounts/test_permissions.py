from django.contrib.auth.models import Group

from accounts.permissions import ROLE_MODEL_PERMISSIONS, sync_role_permissions
from accounts.roles import Role


def test_functional_admin_group_holds_catalogue_and_norm_permissions(db):
    codenames = set(
        Group.objects.get(name=Role.FUNCTIONAL_ADMIN).permissions.values_list("codename", flat=True)
    )
    assert {"change_servicetype", "add_provider", "change_normversion", "add_team"} <= codenames
    assert not any(code.endswith("_client") for code in codenames)


def test_sync_is_idempotent_and_restores_a_removed_permission(db):
    group = Group.objects.get(name=Role.FUNCTIONAL_ADMIN)
    expected = group.permissions.count()
    group.permissions.clear()

    sync_role_permissions()
    sync_role_permissions()

    assert group.permissions.count() == expected
    assert expected == sum(len(a) for a in ROLE_MODEL_PERMISSIONS[Role.FUNCTIONAL_ADMIN].values())


def test_functional_admin_can_open_the_service_type_admin(client, db):
    from tests.factories import UserFactory

    user = UserFactory.create(username="fb", role=Role.FUNCTIONAL_ADMIN, is_staff=True)
    client.force_login(user)

    assert client.get("/admin/interventions/servicetype/").status_code == 200
    assert client.get("/admin/clients/client/").status_code == 403
