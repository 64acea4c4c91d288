"""The caseworker's screens: the caseload, the client file and the forms on it."""

from django.urls import path

from .views import clients, home, interventions, phases

urlpatterns = [
    path("", home.home, name="home"),
    path("clienten/", clients.caseload_list, name="caseload"),
    path("clienten/overdracht/", clients.handover, name="handover"),
    path("clienten/import/", clients.import_page, name="import_clients"),
    path("clienten/<int:pk>/", clients.client_detail, name="client_detail"),
    path("clienten/<int:pk>/bsn/", clients.reveal_bsn, name="reveal_bsn"),
    path("clienten/<int:pk>/gesprek/", interventions.log_contact, name="log_contact"),
    path("clienten/<int:pk>/fase/", phases.change_phase, name="change_phase"),
    path("clienten/<int:pk>/vrijstellingen/", phases.exemptions, name="exemptions"),
    path(
        "clienten/<int:pk>/vrijstellingen/contact/",
        phases.add_contact_exemption,
        name="add_contact_exemption",
    ),
    path(
        "clienten/<int:pk>/vrijstellingen/fase/",
        phases.add_phase_exemption,
        name="add_phase_exemption",
    ),
    path(
        "gesprekken/export.<slug:kind>",
        interventions.export_conversations,
        name="export_conversations",
    ),
    path("clienten/<int:pk>/werkplan/", interventions.work_plan, name="work_plan"),
    path("clienten/<int:pk>/werkplan/afspreken/", interventions.agree_plan, name="agree_work_plan"),
    path("clienten/<int:pk>/trajecten/", interventions.trajectories, name="trajectories"),
    path(
        "clienten/<int:pk>/afspraken/<int:agreement_id>/status/",
        interventions.agreement_status,
        name="agreement_status",
    ),
    path(
        "clienten/<int:pk>/trajecten/<int:trajectory_id>/<slug:action>/",
        interventions.trajectory_action,
        name="trajectory_action",
    ),
]
