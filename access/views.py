"""A signed-in user's own account: password, sessions, and the second factor."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User

from . import mfa
from .forms import CodeForm
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

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        keep_this_session(self.request, form.save())
        messages.success(
            self.request,
            gettext(
                "Uw wachtwoord is gewijzigd. Andere sessies zijn beëindigd en uw API-tokens "
                "ingetrokken."
            ),
        )
        return redirect(self.get_success_url())


def _next_page(request: HttpRequest) -> str:
    """Where the user was going: a path on this site, else the start page."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("home")


def _with_next(request: HttpRequest, name: str) -> HttpResponse:
    if "next" in request.GET:
        return redirect_to_login(request.GET["next"], reverse(name))
    return redirect(name)


@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the key), enter a code."""
    user = _user(request)
    if mfa.confirmed_device(user) is not None:
        return _with_next(request, "mfa_verify")  # a second device only after a reset
    device = mfa.device_to_set_up(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        error = mfa.check_code(request, device=device, code=form.cleaned_data["code"])
        if error is None:
            messages.success(request, gettext("Tweestapsverificatie is ingesteld."))
            return redirect(_next_page(request))
        form.add_error("code", error)
    return render(
        request,
        "access/mfa_setup.html",
        {"form": form, "qr_code": mfa.qr_code_of(device), "secret": mfa.secret_of(device)},
    )


@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """Enter the code from the authenticator app; then on to where the user was going."""
    user = _user(request)
    device = mfa.confirmed_device(user)
    if device is None:
        return _with_next(request, "mfa_setup")
    if user.is_verified():  # type: ignore[attr-defined]  # set by django-otp's middleware
        return redirect(_next_page(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        error = mfa.check_code(request, device=device, code=form.cleaned_data["code"])
        if error is None:
            return redirect(_next_page(request))
        form.add_error("code", error)
    return render(request, "access/mfa_verify.html", {"form": form})
