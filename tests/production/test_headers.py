"""Production's answers, from gunicorn with DEBUG off: security headers, nothing cached, error
pages in the site's layout (JSON under /api/), and a signed-in day that works with the second
factor on."""

from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import CaseworkerFactory, ClientFactory, TeamFactory
from tests.processes import Response, WebServer

PASSWORD = "een-lang-en-sterk-wachtwoord"


class Browser:
    """Keeps cookies and fills in the CSRF token, as a browser does."""

    def __init__(self, server: WebServer):
        self.server, self.cookies = server, SimpleCookie()

    def _send(self, method: str, path: str, form: dict | None = None) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())}
        body = ""
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies["csrftoken"].value}
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = self.server.request(method, path, headers=headers, body=body)
        for cookie in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(cookie)
        return response

    def get(self, path: str) -> Response:
        return self._send("GET", path)

    def post(self, path: str, form: dict) -> Response:
        return self._send("POST", path, form)


def assert_security_headers(response: Response) -> None:
    headers = response.headers
    assert "no-store" in headers["Cache-Control"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_day_with_the_second_factor(production_server: WebServer):
    team = TeamFactory.create(name="Team Productie")
    user = CaseworkerFactory.create(username="ad.prod", team=team)
    # The server hashes as production does, not with the tests' fast hasher.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "productiezout")
    user.save()
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    client = ClientFactory.create(team=team, caseworker=user, last_name="Productieveld")
    browser = Browser(production_server)

    login = browser.get("/login/")
    assert login.status == 200
    assert_security_headers(login)
    assert "Secure" in login.headers["Set-Cookie"]  # the CSRF cookie: HTTPS only
    signed_in = browser.post("/login/", {"username": "ad.prod", "password": PASSWORD})
    assert signed_in.status == 302
    cookies = signed_in.headers.get_all("Set-Cookie") or []
    session = next(c for c in cookies if "sessionid=" in c)
    assert "Secure" in session and "HttpOnly" in session
    assert browser.get("/clienten/").headers["Location"].startswith("/account/verificatie/")

    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    assert browser.post("/account/verificatie/", {"code": code}).status == 302
    file = browser.get(f"/clienten/{client.pk}/")

    assert file.status == 200 and b"Productieveld" in file.body
    assert_security_headers(file)
    assert browser.get("/clienten/?export=csv").headers["Cache-Control"].count("no-store") == 1


@pytest.mark.django_db(transaction=True)
def test_error_pages_are_the_sites_own_and_show_no_debug_information(
    production_server: WebServer,
):
    unknown = production_server.get("/bestaat-niet/")
    api = production_server.get("/api/v1/bestaat-niet/")
    forged = production_server.request(
        "POST",
        "/login/",
        body="username=x&password=y",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert unknown.status == 404
    html = unknown.body.decode()
    assert "Pagina niet gevonden" in html and 'class="site-header"' in html
    assert "URLconf" not in html and "Traceback" not in html
    assert_security_headers(unknown)
    assert api.status == 404 and api.headers["Content-Type"] == "application/json"
    assert forged.status == 403 and "Het formulier was verlopen" in forged.body.decode()
    assert production_server.get("/healthz/").body == b"ok"
    static = production_server.get("/static/js/app.js")
    assert static.status == 200 and "no-store" not in (static.headers["Cache-Control"] or "")
