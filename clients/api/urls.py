from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ClientHistoryView

router = SimpleRouter()  # the clients' own endpoints come with the API issue

urlpatterns = [
    path("clients/<int:pk>/history/", ClientHistoryView.as_view(), name="client-history"),
]
