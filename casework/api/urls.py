from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ClientHistoryView, ClientViewSet, TeamViewSet
from .work_queue import WorkQueueView

router = SimpleRouter()
router.register("teams", TeamViewSet, basename="team")
router.register("clients", ClientViewSet, basename="client")

urlpatterns = [
    path("clients/<int:pk>/history/", ClientHistoryView.as_view(), name="client-history"),
    path("work-queue/", WorkQueueView.as_view(), name="work-queue"),
    *router.urls,
]
