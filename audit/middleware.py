from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

from common.addresses import client_ip
from common.reads import Read, noted_reads
from common.views import error_response

from .services import log_reads
from .throttle import seconds_to_next_hour, would_pass_the_limit


class ReadLogMiddleware:
    """Writes the read log for the clients a response showed (see `common.reads`), and keeps a
    signed-in user under the hourly ceiling of clients read (audit.throttle).

    The log is written after the view, so a page's rows are known; for any answer short of a
    server error, as a refused form shown again still shows the file. A page, API answer or
    export that would take its user past the ceiling is not sent (429), however many clients
    it holds (an export too when posted); signing out, one's own account pages and the answer
    to a write always are.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code >= 500:
            return response
        reads = noted_reads(request)
        # An export counts however it is asked for (a selection's export is a POST).
        reading = request.method in ("GET", "HEAD") or any(
            action == Read.EXPORT for _user, _client, action in reads
        )
        if reading and reads and would_pass_the_limit(request.user, len(reads)):
            return self.too_many(request)
        log_reads(reads=reads, path=request.get_full_path(), ip=client_ip(request))
        return response

    def too_many(self, request: HttpRequest) -> HttpResponse:
        response = error_response(
            request,
            429,
            gettext(
                "U heeft het afgelopen uur erg veel cliënten bekeken. Om misbruik te beperken "
                "kunt u het volgende uur weer verder. Is dit nodig voor uw werk, neem dan "
                "contact op met de functioneel beheerder."
            ),
        )
        response["Retry-After"] = str(seconds_to_next_hour())
        return response
