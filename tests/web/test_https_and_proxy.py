"""Beyond the training room: /beheer only here or over HTTPS, and a proxy trusted by address."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from form_helpers import Phone, csrf_token
from live_server import running

PASSWORD = "soep-is-lekker-42"
ELSEWHERE = "192.168.1.23"  # a laptop or phone on the training room's Wi-Fi
NOT_HERE = "De beheerpagina werkt hier niet"


def password_field(page: str) -> bool:
    return re.search(r'type="password"|name="wachtwoord"', page) is not None


HTTPS = "https://localhost"  # as the request reaches the app behind the trusted proxy


def from_address(app: Flask, address: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


# -- the app: /beheer, cookies and HSTS (Flask's test client) ---------------------------------


def test_beheer_over_plain_http_from_another_machine_explains_and_asks_no_password(
    app: Flask, coach: FlaskClient
) -> None:
    client = from_address(app, ELSEWHERE)
    # Even a header claiming HTTPS: only the trusted proxy may say so (waitress decides).
    for method, url in [
        ("GET", "/beheer/"),
        ("GET", "/beheer/aanmelden"),
        ("GET", f"/beheer/{'a' * 32}"),
        ("POST", "/beheer/aanmelden"),
    ]:
        response = client.open(
            url, method=method, headers={"X-Forwarded-Proto": "https"}, data={"wachtwoord": "x"}
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 403, url
        assert NOT_HERE in page and "https://" in page and "computer waarop" in page
        assert not password_field(page)
    # The same coach's logged-in session, carried to another address, shows nothing either.
    coach.environ_base["REMOTE_ADDR"] = ELSEWHERE
    refused = coach.get("/beheer/")
    assert refused.status_code == 403 and "Alle inzendingen" not in refused.get_data(as_text=True)


def test_a_password_sent_over_plain_http_from_elsewhere_is_never_checked(app: Flask) -> None:
    client = from_address(app, ELSEWHERE)
    token = csrf_token(client.get("/").get_data(as_text=True))
    response = client.post("/beheer/aanmelden", data={"csrf_token": token, "wachtwoord": PASSWORD})
    assert response.status_code == 403
    client.environ_base["REMOTE_ADDR"] = "127.0.0.1"
    assert client.get("/beheer/").status_code == 303  # not logged in: back to the login page


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.1.1", "::1", "::ffff:127.0.0.1"])
def test_beheer_on_the_computer_that_runs_the_form_works_as_today(app: Flask, address: str) -> None:
    client = from_address(app, address)
    page = client.get("/beheer/aanmelden").get_data(as_text=True)
    assert password_field(page) and NOT_HERE not in page
    token = csrf_token(page)
    response = client.post("/beheer/aanmelden", data={"csrf_token": token, "wachtwoord": PASSWORD})
    assert response.status_code == 303
    assert client.get("/beheer/").status_code == 200


def test_beheer_over_https_from_another_machine_works(app: Flask) -> None:
    client = from_address(app, "198.51.100.7")
    page = client.get("/beheer/aanmelden", base_url=HTTPS).get_data(as_text=True)
    assert password_field(page)
    response = client.post(
        "/beheer/aanmelden",
        base_url=HTTPS,
        data={"csrf_token": csrf_token(page), "wachtwoord": PASSWORD},
        headers={"Referer": f"{HTTPS}/beheer/aanmelden"},  # what a browser sends
    )
    assert response.status_code == 303
    assert client.get("/beheer/", base_url=HTTPS).status_code == 200


def test_the_participant_form_stays_open_on_the_wifi(app: Flask) -> None:
    response = from_address(app, ELSEWHERE).get("/")
    assert response.status_code == 200 and 'name="titel"' in response.get_data(as_text=True)


def test_under_https_the_cookie_is_secure_and_hsts_is_sent(app: Flask) -> None:
    secure = from_address(app, "198.51.100.7").get("/", base_url=HTTPS)
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in secure.headers["Set-Cookie"]
    plain = from_address(app, ELSEWHERE).get("/")
    assert "Strict-Transport-Security" not in plain.headers
    assert "Secure" not in plain.headers["Set-Cookie"]  # the training room has no HTTPS
    # The Referer that flask-wtf checks over HTTPS reaches this host, and no other.
    assert secure.headers["Referrer-Policy"] == "same-origin"


# -- waitress: which peer's proxy headers count (real server on 127.0.0.1) -------------------


def test_behind_the_trusted_proxy_each_phone_has_its_own_limit_and_https_is_known(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app(TRUSTED_PROXY="127.0.0.1", LOGIN_LIMIT=(2, 600.0))
    with running(app) as base:
        first = Phone(base, forwarded_for="203.0.113.1", forwarded_proto="https")
        assert [first.log_in("fout wachtwoord") for _ in range(3)] == [401, 401, 429]
        second = Phone(base, forwarded_for="203.0.113.2", forwarded_proto="https")
        assert second.log_in("fout wachtwoord") == 401  # another phone: its own limit
        assert second.log_in(PASSWORD) == 303
        status, headers, _ = second.request("GET", "/beheer/")
        assert status == 200 and headers["Strict-Transport-Security"]
        assert second.set_cookie and "Secure" in second.set_cookie

        # The proxy says the phone came over plain HTTP: /beheer is refused, the form is not.
        plain = Phone(base, forwarded_for="203.0.113.3", forwarded_proto="http")
        status, _, page = plain.request("GET", "/beheer/aanmelden")
        assert status == 403 and NOT_HERE in page and not password_field(page)
        assert plain.request("GET", "/")[0] == 200


@pytest.mark.parametrize("proxy", [None, "127.0.0.2"], ids=["no proxy", "another proxy"])
def test_proxy_headers_from_a_peer_that_is_not_the_proxy_are_ignored(
    make_app: Callable[..., Flask], proxy: str | None
) -> None:
    app = make_app(TRUSTED_PROXY=proxy, LOGIN_LIMIT=(2, 600.0))
    with running(app) as base:
        pretending = [
            Phone(base, forwarded_for=f"203.0.113.{n}", forwarded_proto="https") for n in (1, 2)
        ]
        # Both count as this one computer (127.0.0.1): they share one limit.
        assert [pretending[0].log_in("fout wachtwoord") for _ in range(2)] == [401, 401]
        assert pretending[1].log_in("fout wachtwoord") == 429
        status, headers, _ = pretending[1].request("GET", "/")
        assert status == 200 and "Strict-Transport-Security" not in headers
        assert pretending[1].set_cookie and "Secure" not in pretending[1].set_cookie
