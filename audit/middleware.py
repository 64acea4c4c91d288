from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .services import log_reads


class ReadLogMiddleware:
    """Writes the read log for the clients a response showed (see `wajong.reads`).

    After the view, so a page's rows are known; for any answer short of a server error, as a
    refused form shown again still shows the file.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 500:
            log_reads(request)
        return response
