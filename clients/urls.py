from django.urls import path

from audit import views as audit_views
from interventions import views as intervention_views
from phases import views as phase_views

from . import views

urlpatterns = [
    path("clienten/", views.caseload_list, name="caseload"),
    path("clienten/overdracht/", views.handover, name="handover"),
    path("clienten/import/", views.import_page, name="import_clients"),
    path("clienten/<int:pk>/", views.client_detail, name="client_detail"),
    path("clienten/<int:pk>/gesprek/", intervention_views.log_contact, name="log_contact"),
    path("clienten/<int:pk>/historie/", audit_views.client_history_page, name="client_history"),
    path("clienten/<int:pk>/bsn/", audit_views.reveal_bsn, name="reveal_bsn"),
    path("inzagelog/", audit_views.access_log_page, name="access_log"),
    path("wijzigingen/", audit_views.change_search, name="change_search"),
    path("clienten/<int:pk>/fase/", phase_views.change_phase, name="change_phase"),
    path("clienten/<int:pk>/vrijstellingen/", phase_views.exemptions, name="exemptions"),
    path(
        "clienten/<int:pk>/vrijstellingen/contact/",
        phase_views.add_contact_exemption,
        name="add_contact_exemption",
    ),
    path(
        "clienten/<int:pk>/vrijstellingen/fase/",
        phase_views.add_phase_exemption,
        name="add_phase_exemption",
    ),
]
