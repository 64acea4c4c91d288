"""A part of a page written once and served to the same user many times (kept in the cache).

What differs between two of the user's requests must not be kept in it. The one such thing
inside a page's forms is the CSRF token: Django masks it anew for every response. So the part
is written with a stand-in for the token, and every response that serves it puts in its own.
"""

from functools import cache
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe


@cache
def _standin() -> str:
    """The same in every process (a kept part is served by any of them), and not guessable, so
    that no text a user typed can be taken for it."""
    return "csrf-standin-" + salted_hmac("common.fragments", "csrf").hexdigest()[:32]


def written(request: HttpRequest, template_name: str, context: dict[str, Any]) -> str:
    """The template's HTML for this request, fit to keep: with the token's stand-in."""
    return render_to_string(template_name, {**context, "csrf_token": _standin()}, request)


def served(request: HttpRequest, html: str) -> SafeString:
    """A part from `written`, with this request's CSRF token in place of the stand-in."""
    return mark_safe(html.replace(_standin(), get_token(request)))  # the HTML is our template's
