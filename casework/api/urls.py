from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ClientHistoryView, ClientViewSet, TeamViewSet

router = SimpleRouter()
router.register("teams", TeamViewSet, basename="team")
router.register("clients", ClientViewSet, basename="client")

urlpatterns = [
    path("clients/<int:pk>/history/", ClientHistoryView.as_view(), name="client-history"),
    *router.urls,
]
