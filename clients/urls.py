from django.urls import path

from interventions import views as intervention_views

from . import views

urlpatterns = [
    path("clienten/", views.caseload_list, name="caseload"),
    path("clienten/<int:pk>/", views.client_detail, name="client_detail"),
    path("clienten/<int:pk>/gesprek/", intervention_views.log_contact, name="log_contact"),
]
