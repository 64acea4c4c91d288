"""Version 1 of the REST API, mounted at /api/v1/: a contract with other systems, so its paths
and names do not change.

Each app keeps its endpoints in `<app>/api/urls.py` (a router plus any plain paths); list the
app in API_APPS and its routes are served here and shown on the API root.
"""

from importlib import import_module

from django.urls import include, path
from rest_framework.routers import APIRootView

API_APPS = (
    "signals",
    "reports",
    "audit",
    "casework",
    "work",
    "participation",
    "referrals",
    "interventions",
    "phases",
)

_modules = [import_module(f"{app}.api.urls") for app in API_APPS]


class ApiRootView(APIRootView):
    """The endpoints of the Wajong casework API, version 1."""

    api_root_dict = {
        prefix: f"{basename}-list"
        for module in _modules
        for prefix, _viewset, basename in module.router.registry
    }


urlpatterns = [
    path("", ApiRootView.as_view(), name="api-root"),
    *(path("", include(module)) for module in _modules),
]
