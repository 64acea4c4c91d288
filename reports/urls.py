from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/clienten/", views.drilldown, name="drilldown"),
    path("dashboard/<slug:report>.<slug:kind>", views.export_report, name="report_export"),
    path("dashboard/<slug:page>/", views.dashboard, name="dashboard_page"),
]
