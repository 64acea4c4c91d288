from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ClientLadderView

router = SimpleRouter()  # no viewsets; the API root lists the routers' lists only

urlpatterns = [
    path("clients/<int:pk>/ladder/", ClientLadderView.as_view(), name="client-ladder"),
]
