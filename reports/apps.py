from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from accounts.models import Membership, Team, User
        from common.events import past_changed

        from .receivers import drop_todays_counts, mark_figures_stale, staff_changed

        past_changed.connect(mark_figures_stale, dispatch_uid="reports.mark_figures_stale")
        past_changed.connect(drop_todays_counts, dispatch_uid="reports.drop_todays_counts")
        for model in (Team, Membership, User):
            for signal in (post_save, post_delete):
                signal.connect(staff_changed, sender=model, dispatch_uid="reports.staff_changed")
        for through in (User.groups.through, User.teams.through):
            m2m_changed.connect(staff_changed, sender=through, dispatch_uid="reports.staff_changed")
