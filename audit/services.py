from django.conf import settings
from django.http import HttpRequest

from wajong.logging import NINE_DIGITS
from wajong.reads import noted_reads

from .models import AccessLog


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from. Behind the TLS proxy that is the last address in
    X-Forwarded-For, the one the proxy itself added; anything before it the client could write."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def log_reads(request: HttpRequest) -> None:
    """One read-log row per client and action the response showed: one insert per request."""
    reads = noted_reads(request)
    if not reads:
        return
    # The address as asked, with any BSN typed into a search blanked out.
    path = NINE_DIGITS.sub("*********", request.get_full_path())[:500]
    ip = client_ip(request)
    AccessLog.objects.bulk_create(
        [
            AccessLog(user=user, client_id=client, action=action, path=path, ip=ip)
            for user, client, action in reads
        ],
        batch_size=1000,
    )
