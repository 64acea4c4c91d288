"""A signed-in user's own account: their password and their sessions."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User

from .sessions import end_sessions, keep_this_session, live_sessions


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]  # login_required: a signed-in user


@login_required
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    """Where the user is signed in (browser, address), since when and last seen."""
    return render(
        request,
        "access/my_sessions.html",
        {
            "sessions": live_sessions(_user(request)),
            "current_key": request.session.session_key,
        },
    )


@login_required
@require_POST
def end_other_sessions(request: HttpRequest) -> HttpResponse:
    ended = end_sessions(_user(request), keep=request.session.session_key)
    messages.success(
        request,
        ngettext("%(count)d andere sessie beëindigd.", "%(count)d andere sessies beëindigd.", ended)
        % {"count": ended},
    )
    return redirect("my_sessions")


class PasswordChange(auth_views.PasswordChangeView):
    """The user's own password, checked by AUTH_PASSWORD_VALIDATORS. A change revokes their API
    tokens and ends their sessions (access.apps); this one goes on."""

    template_name = "access/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        keep_this_session(self.request, form.save())
        messages.success(
            self.request,
            gettext(
                "Uw wachtwoord is gewijzigd. Andere sessies zijn beëindigd en uw API-tokens "
                "ingetrokken."
            ),
        )
        return redirect(self.get_success_url())
