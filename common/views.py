"""The health check and the error pages: in the site's layout and language, JSON under /api/."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For the container healthcheck: the app answers and reaches its database. No data.

    A database that cannot be reached is a 503 (the service is unavailable), not a crash."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", content_type="text/plain", status=503)
    return HttpResponse("ok", content_type="text/plain")


def titles() -> dict[int, str]:
    return {
        400: gettext("Dit verzoek klopt niet"),
        403: gettext("Geen toegang"),
        404: gettext("Pagina niet gevonden"),
        405: gettext("Dit kan zo niet"),
        429: gettext("Even rustig aan"),
        500: gettext("Er ging iets mis"),
        503: gettext("Even bezet"),
    }


def explanations() -> dict[int, str]:
    return {
        400: gettext("Het verzoek kon niet worden gelezen. Er is niets opgeslagen."),
        403: gettext(
            "Uw rol geeft geen toegang tot deze pagina. Denkt u dat dit niet klopt, vraag dan "
            "de functioneel beheerder."
        ),
        404: gettext(
            "Deze pagina bestaat niet, of valt buiten wat u mag zien. Controleer het adres."
        ),
        405: gettext(
            "Deze pagina opent u via een knop, niet via het adres. Ga terug en probeer het opnieuw."
        ),
        500: gettext(
            "Er ging iets mis aan onze kant. Er is niets half opgeslagen. Probeer het later "
            "opnieuw; blijft het misgaan, meld het dan bij de functioneel beheerder."
        ),
        503: gettext("Probeer het over een paar seconden opnieuw."),
    }


# What an error answer under /api/ says when no layer gave a message of its own.
API_ERRORS = {
    400: _("Dit verzoek klopt niet."),
    401: _("Niet aangemeld."),
    403: _("U heeft hier geen toegang toe."),
    404: _("Niet gevonden: dit adres of dit record bestaat niet, of valt buiten uw bereik."),
    405: _("Deze methode kan hier niet."),
    406: _("Het antwoord is alleen JSON."),
    413: _("Deze aanvraag is te groot."),
    415: _("Stuur JSON (Content-Type: application/json)."),
    429: _("Te veel aanvragen; probeer het later opnieuw."),
    500: _("Er ging iets mis aan onze kant. Er is niets half opgeslagen."),
    503: _("Probeer het over een paar seconden opnieuw."),
}


def error_response(
    request: HttpRequest, status: int, message: str = "", *, with_context: bool = True
) -> HttpResponse:
    """An error as a page in the site's layout, or as JSON (`detail`) for the API.

    `with_context=False` renders without the context processors, which read the database: a
    server error may be the database itself."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message or str(API_ERRORS.get(status, ""))}, status=status)
    detail = message or explanations().get(status, "")
    context = {"status": status, "title": titles().get(status, ""), "detail": detail}
    template = loader.get_template("errors/error.html")
    if with_context:
        html = template.render(context, request)
    else:
        html = template.render({**context, "request": request})
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500, with_context=False)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_response(
        request,
        403,
        gettext(
            "Het formulier was verlopen of kwam niet van deze site. Er is niets opgeslagen. "
            "Ga terug, laad de pagina opnieuw en probeer het nog eens."
        ),
    )
