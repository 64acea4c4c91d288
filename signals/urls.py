from django.urls import path

from . import views

urlpatterns = [
    path("meldingen/", views.notification_list, name="notifications"),
    path("meldingen/gelezen/", views.mark_all_read, name="notifications_mark_read"),
]
