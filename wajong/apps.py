from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """The admin site, open only to the staff roles (see `wajong.admin.StaffAdminSite`)."""

    default_site = "wajong.admin.StaffAdminSite"
