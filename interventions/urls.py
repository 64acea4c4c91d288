from django.urls import path

from . import views

urlpatterns = [
    path("gesprekken/export.<slug:kind>", views.export_conversations, name="export_conversations"),
    path("clienten/<int:pk>/werkplan/", views.work_plan, name="work_plan"),
    path("clienten/<int:pk>/werkplan/afspreken/", views.agree_plan, name="agree_work_plan"),
    path("clienten/<int:pk>/trajecten/", views.trajectories, name="trajectories"),
    path(
        "clienten/<int:pk>/afspraken/<int:agreement_id>/status/",
        views.agreement_status,
        name="agreement_status",
    ),
    path(
        "clienten/<int:pk>/trajecten/<int:trajectory_id>/<slug:action>/",
        views.trajectory_action,
        name="trajectory_action",
    ),
]
