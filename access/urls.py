from django.urls import path

from . import views

urlpatterns = [
    path("account/verificatie/", views.mfa_verify, name="mfa_verify"),
    path("account/verificatie/instellen/", views.mfa_setup, name="mfa_setup"),
    path("account/wachtwoord/", views.PasswordChange.as_view(), name="password_change"),
    path("account/sessies/", views.my_sessions, name="my_sessions"),
    path("account/sessies/beeindigen/", views.end_other_sessions, name="end_other_sessions"),
]
