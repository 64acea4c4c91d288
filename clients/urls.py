from django.urls import path

from . import views

urlpatterns = [
    path("clienten/", views.caseload_list, name="caseload"),
    path("clienten/<int:pk>/", views.client_detail, name="client_detail"),
]
