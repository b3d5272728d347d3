"""The contribution form and the moderation pages: a thin Flask adapter over the core."""

from __future__ import annotations

import importlib.util
import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_file,
    send_from_directory,
)
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from kookboek.images.intake import MAX_PHOTO_BYTES
from kookboek.inbox.store import Inbox
from kookboek.publishing.jobs import STATE_FILE, Jobs
from kookboek.support.resources import FONTS_DIR
from kookboek.web.accounts import ACCOUNTS_FILE, Accounts
from kookboek.web.ratelimit import RateLimiter

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)

# Browsers that saw this over HTTPS keep to HTTPS for a year.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"

# What one post may be: a few photos' worth. The participant's photo has its own, lower limit.
MAX_REQUEST_BYTES = 4 * MAX_PHOTO_BYTES

csrf = CSRFProtect()


class HttpsAwareSessionInterface(SecureCookieSessionInterface):
    """The session cookie is ``Secure`` whenever the request came over HTTPS (directly or as
    told by the trusted proxy), so a browser never sends it back over plain HTTP; in the
    training room, over plain HTTP, it stays a plain cookie."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        INBOX_DIR=Path("inzendingen"),
        # The participants' portfolios: private, beside the inbox, outside content/ and git.
        PORTFOLIO_DIR=Path("portfolio"),
        PORTFOLIO_RETENTION_MONTHS=12,
        CONTENT_DIR=Path("content"),
        FONT_DIR=FONTS_DIR,
        # Well above the photo limit: a photo that is too large still arrives whole, so the
        # form is shown again with all she typed and a message at the photo, rather than
        # a bare "too large". The photo itself is checked on its own (MAX_PHOTO_BYTES).
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=1024 * 1024,
        # The price page posts one field per price-list entry: room for a few thousand.
        MAX_FORM_PARTS=5000,
        MAX_INBOX_ENTRIES=500,
        SEND_LIMIT=(10, 3600.0),  # recipes sent per address per hour
        POST_LIMIT=(60, 600.0),  # any form post per address per 10 minutes
        CHECK_LIMIT=(600, 600.0),  # screens of the form checked on the way (nothing stored)
        LOGIN_LIMIT=(10, 600.0),  # password attempts per address per 10 minutes
        LOGIN_NAME_LIMIT=(10, 600.0),  # password attempts per coach's name per 10 minutes
        COACH_SESSION_IDLE_SECONDS=4 * 3600,  # logged out after 4 hours without a click
        COACH_SESSION_MAX_SECONDS=12 * 3600,  # and after 12 hours in any case
        BEHEER_PASSWORD_HASH=None,
        WTF_CSRF_TIME_LIMIT=12 * 3600,  # filling in a recipe may take a while
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="kookboek",
        # The address of the HTTPS reverse proxy in front of the form, the only peer whose
        # X-Forwarded-For and X-Forwarded-Proto are believed (by waitress: web/server.py).
        TRUSTED_PROXY=None,
    )
    if test_config:
        app.config.from_mapping(test_config)
    # Absolute, from the folder the form was started in: Flask would read a relative folder
    # of send_from_directory from the package's own folder instead (the preview's
    # stylesheet then came back as "not found" under ./kookboek form).
    app.config["INBOX_DIR"] = Path(app.config["INBOX_DIR"]).absolute()
    app.config["CONTENT_DIR"] = Path(app.config["CONTENT_DIR"]).absolute()
    # The project folder (mkdocs.yml, the git repository): where Zet online builds and the
    # history of changes is kept.
    app.config["PROJECT_DIR"] = Path(
        app.config.get("PROJECT_DIR") or app.config["CONTENT_DIR"].parent
    ).absolute()
    app.config["PORTFOLIO_DIR"] = Path(app.config["PORTFOLIO_DIR"]).absolute()
    # The site's theme (Material's custom_dir): the preview uses its stylesheet and script.
    app.config["THEME_DIR"] = Path(
        app.config.get("THEME_DIR") or app.config["CONTENT_DIR"].parent / "theme"
    ).absolute()

    app.extensions["kookboek.inbox"] = Inbox(
        app.config["INBOX_DIR"], max_entries=app.config["MAX_INBOX_ENTRIES"]
    )
    if not app.config.get("SECRET_KEY"):
        # Kept in the inbox folder: a restart must not expire the pages open on the phones.
        app.config["SECRET_KEY"] = app.extensions["kookboek.inbox"].session_key()
    app.extensions["kookboek.limits"] = {
        name: RateLimiter(*app.config[f"{name.upper()}_LIMIT"])
        for name in ("send", "post", "check", "login", "login_name")
    }
    app.extensions["kookboek.accounts"] = Accounts(app.config["INBOX_DIR"] / ACCOUNTS_FILE)
    # The state of Zet online: outside content/ and git, beside the inbox.
    app.extensions["kookboek.jobs"] = Jobs(app.config["INBOX_DIR"] / STATE_FILE)
    app.session_interface = HttpsAwareSessionInterface()

    from kookboek.web.moderation import moderation, refuse_plain_http_from_elsewhere
    from kookboek.web.portfolio import portfolio, refuse_plain_http_to_portfolio

    # Before the CSRF check: a password typed over plain HTTP on another machine is refused
    # with the explanation, never checked.
    app.before_request(refuse_plain_http_from_elsewhere)
    app.before_request(refuse_plain_http_to_portfolio)
    csrf.init_app(app)

    # Nests /beheer/prijzen and /beheer/documenten in /beheer (once, on first import).
    import kookboek.web.content_pages  # noqa: F401
    from kookboek.web.participant import participant

    app.register_blueprint(participant)
    app.register_blueprint(moderation)
    from kookboek.web.online import online

    app.register_blueprint(online)
    from kookboek.web.recipes import recipes

    app.register_blueprint(recipes)
    app.register_blueprint(portfolio)

    @app.get("/site/assets/<path:name>")
    def site_asset(name: str) -> Response:
        """The public site's own stylesheets, script, pictures and fonts, at the same paths
        as on the site, so the preview of a recipe looks exactly like its page (the form's
        own stylesheet takes its fonts from here too)."""
        folder, _, rest = name.partition("/")
        if name == MATERIAL_STYLESHEET:
            return send_file(material_stylesheet(), max_age=3600)
        if folder == "fonts":
            return send_from_directory(app.config["FONT_DIR"], rest, max_age=86400)
        if folder in {"stylesheets", "javascripts", "images"}:
            return send_from_directory(app.config["THEME_DIR"] / "assets" / folder, rest)
        abort(404)

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Same-origin only: over HTTPS flask-wtf checks that a post's Referer is this host,
        # and no address of the form (a review page's token) ever goes to another host.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
        return response

    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError) -> tuple[str, int]:
        return render_template(
            "error.html",
            title="Probeer opnieuw",
            message="Deze pagina was verlopen. Ga terug, laad de pagina opnieuw en "
            "verstuur nog eens.",
        ), 400

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
        return render_template(
            "error.html",
            title="Te groot",
            message="Wat je stuurde is te groot. Ga terug en kies een kleinere foto "
            f"(hoogstens {MAX_PHOTO_BYTES // (1024 * 1024)} MB).",
        ), 413

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        messages = {
            404: ("Niet gevonden", "Deze pagina bestaat niet."),
            405: ("Niet gevonden", "Deze pagina bestaat niet."),
            429: ("Even wachten", "Je hebt te veel na elkaar gestuurd. Probeer later opnieuw."),
        }
        title, message = messages.get(code, ("Er ging iets mis", "Probeer het opnieuw."))
        return render_template("error.html", title=title, message=message), code

    return app


MATERIAL_STYLESHEET = "stylesheets/material.css"


def material_stylesheet() -> Path:
    """Material for MkDocs' own stylesheet, read from the installed theme package (found,
    not imported: only the MkDocs adapter imports MkDocs and its theme)."""
    spec = importlib.util.find_spec("material")
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        abort(404)
    folder = Path(next(iter(locations))) / "templates" / "assets" / "stylesheets"
    found = sorted(folder.glob("main.*.min.css"))
    if not found:
        abort(404)
    return found[-1]


def inbox() -> Inbox:
    found: Inbox = current_app.extensions["kookboek.inbox"]
    return found


def limiter(name: str) -> RateLimiter:
    found: RateLimiter = current_app.extensions["kookboek.limits"][name]
    return found


def client_address() -> str:
    """The phone's address, for the rate limits. Behind the trusted proxy waitress has
    already put the address the proxy names (X-Forwarded-For) here; from anyone else that
    header was removed, so no client can pick its own address."""
    return request.remote_addr or "onbekend"


def from_this_computer() -> bool:
    """The request comes from the computer that runs the form (a loopback address)."""
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback
