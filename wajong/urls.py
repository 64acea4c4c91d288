from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from common import views as common_views

urlpatterns = [
    path("healthz/", common_views.healthz, name="healthz"),
    # Pages link the SVG icon; a browser that asks the old address anyway is sent there.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("favicon.svg")),
        name="favicon",
    ),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("access.urls")),
    path("", include("signals.urls")),
    path("", include("casework.urls")),
    path("", include("audit.urls")),
    path("", include("reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("wajong.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, so scripts stay 'self' only; Swagger
    # UI sets inline styles, which this one page allows. A page for people, not a client of the
    # API: signed out, it sends the browser to the login (the schema itself answers 401).
    path(
        "api/docs/",
        login_required(
            csp_update({"style-src": "'unsafe-inline'"})(
                SpectacularSwaggerSplitView.as_view(url_name="api-schema")
            )
        ),
        name="api-docs",
    ),
]

handler400 = "common.views.bad_request"
handler403 = "common.views.permission_denied"
handler404 = "common.views.page_not_found"
handler500 = "common.views.server_error"
