from django.urls import path

from . import views

urlpatterns = [
    path("clienten/<int:pk>/historie/", views.client_history_page, name="client_history"),
    path("inzagelog/", views.access_log_page, name="access_log"),
    path("wijzigingen/", views.change_search, name="change_search"),
]
