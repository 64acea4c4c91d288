from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self) -> None:
        from common.events import past_changed, staff_changed

        from .receivers import drop_every_teams_counts, drop_todays_counts, mark_figures_stale

        past_changed.connect(mark_figures_stale, dispatch_uid="reports.mark_figures_stale")
        past_changed.connect(drop_todays_counts, dispatch_uid="reports.drop_todays_counts")
        staff_changed.connect(drop_every_teams_counts, dispatch_uid="reports.staff_changed")
