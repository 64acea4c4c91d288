from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import (
    LadderView,
    PhaseDistributionView,
    PhaseFlowsView,
    PlacementsView,
    WorkStatusView,
)

router = SimpleRouter()  # no viewsets yet; the API root lists router entries only

urlpatterns = [
    path(
        "reports/phase-distribution/",
        PhaseDistributionView.as_view(),
        name="report-phase-distribution",
    ),
    path("reports/placements/", PlacementsView.as_view(), name="report-placements"),
    path("reports/work/", WorkStatusView.as_view(), name="report-work"),
    path("reports/ladder/", LadderView.as_view(), name="report-ladder"),
    path("reports/phase-flows/", PhaseFlowsView.as_view(), name="report-phase-flows"),
]
