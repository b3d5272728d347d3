"""Moderation at /beheer: a coach reviews, corrects, approves or rejects submissions.

/beheer is used only on the computer that runs the form or over HTTPS: from any other address
over plain HTTP every page of it explains why and asks for no password, because on the
training room's Wi-Fi anyone could read a password sent in the clear.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue

from kookboek.content.vocabulary import ALLERGEN_NAMES, ALLERGENS
from kookboek.inbox.preview import preview
from kookboek.inbox.store import DATA_FILE, InboxEntry, UnknownEntry
from kookboek.inbox.submission import RawSubmission, SubmissionErrors, parse_submission
from kookboek.inbox.writer import (
    ApprovalError,
    chosen_allergens,
    publication_problems,
    review_allergens,
    write_recipe,
)
from kookboek.publishing import history
from kookboek.publishing.catalogue import file_version
from kookboek.publishing.targets import PublishProblem, load_settings
from kookboek.support.launcher import command_name
from kookboek.web import client_address, from_this_computer, inbox, limiter
from kookboek.web.accounts import AccountProblem, Accounts, clean_name
from kookboek.web.passwords import ENV_VARIABLE, MIN_LENGTH, configured_hash, verify
from kookboek.web.shared import (
    KitchenDataMissing,
    form_context,
    kitchen_data,
    preview_frame,
    preview_photo,
    raw_from_request,
)

moderation = Blueprint("beheer", __name__, url_prefix="/beheer")
#: Every blueprint under /beheer (the others add their pages beside moderation's).
COACH_BLUEPRINTS = {"beheer", "online", "recipes"}
log = logging.getLogger("kookboek.beheer")

#: Who a change was made by when she logged in with the old shared password and no name.
SHARED_PASSWORD_NAME = "Begeleider"


def refuse_plain_http_from_elsewhere() -> ResponseReturnValue | None:
    """Run before every request (before the CSRF check): a /beheer page asked for over plain
    HTTP from another machine gets the explanation instead, whatever it was."""
    # request.blueprints: this blueprint and the ones it is nested in (/beheer/prijzen, ...).
    coach_page = bool(COACH_BLUEPRINTS & set(request.blueprints))
    if not coach_page or request.is_secure or from_this_computer():
        return None
    return render_template("beheer/not_here.html"), 403


def _password_hash() -> str | None:
    return configured_hash(current_app.config.get("BEHEER_PASSWORD_HASH"), inbox().password_file)


def accounts() -> Accounts:
    found: Accounts = current_app.extensions["kookboek.accounts"]
    return found


def current_coach() -> str | None:
    """The name of the coach logged in on this request (for the history of changes), or None."""
    if not session.get("beheer"):
        return None
    return str(session.get("begeleider") or SHARED_PASSWORD_NAME)


def _session_expired() -> bool:
    now = time.time()
    since = float(session.get("beheer_sinds", 0))
    seen = float(session.get("beheer_gezien", 0))
    longest = float(current_app.config["COACH_SESSION_MAX_SECONDS"])
    idle = float(current_app.config["COACH_SESSION_IDLE_SECONDS"])
    return now - since > longest or now - seen > idle


def _still_allowed() -> bool:
    """An account removed by a colleague, or a shared-password session once accounts exist,
    no longer gets in."""
    if session.get("gedeeld"):
        return not accounts().exist()
    name = session.get("begeleider")
    return isinstance(name, str) and accounts().find(name) is not None


def coach_only(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> ResponseReturnValue:
        if not _login_possible():
            return _no_password()
        if not session.get("beheer"):
            return redirect(url_for("beheer.login"), 303)
        if _session_expired() or not _still_allowed():
            _end_session()
            flash("Je bent afgemeld. Meld je opnieuw aan.")
            return redirect(url_for("beheer.login"), 303)
        session["beheer_gezien"] = time.time()
        if request.method == "POST":
            _history_ready()
        return view(*args, **kwargs)

    return wrapped


def _history_ready() -> None:
    """Before the first change: the project is a git repository (made now when it is not,
    so that the change itself is the first one recorded after the starting point)."""
    if current_app.extensions.get("kookboek.history_ready"):
        return
    try:
        history.ensure_repository(current_app.config["PROJECT_DIR"])
    except history.HistoryProblem as exc:
        log.error("Geen geschiedenis: %s", exc)
        return
    current_app.extensions["kookboek.history_ready"] = True


def _login_possible() -> bool:
    return accounts().exist() or _password_hash() is not None


def _end_session() -> None:
    for key in ("beheer", "begeleider", "gedeeld", "beheer_sinds", "beheer_gezien"):
        session.pop(key, None)


def _no_password() -> tuple[str, int]:
    return render_template(
        "beheer/no_password.html",
        env_variable=ENV_VARIABLE,
        inbox_dir=current_app.config["INBOX_DIR"],
        command=command_name(),
    ), 503


def _login_page(error: str | None, name: str = "", status: int = 200) -> tuple[str, int]:
    return render_template(
        "beheer/login.html",
        error=error,
        name=name,
        shared_password=not accounts().exist(),
        command=command_name(),
    ), status


@moderation.get("/aanmelden")
def login() -> ResponseReturnValue:
    if not _login_possible():
        return _no_password()
    return _login_page(None)


@moderation.post("/aanmelden")
def check_login() -> ResponseReturnValue:
    if not _login_possible():
        return _no_password()
    name = " ".join(request.form.get("naam", "")[:100].split())
    password = request.form.get("wachtwoord", "")[:200]
    allowed = limiter("login").allow(client_address())
    if name and not limiter("login_name").allow(name.casefold()):
        allowed = False
    if not allowed:
        abort(429)
    if accounts().exist():
        account = accounts().check(name, password)
        if account is None:
            error = "Deze naam of dit wachtwoord klopt niet. Probeer opnieuw."
            return _login_page(error, name, 401)
        coach, shared = account.name, False
    else:
        password_hash = _password_hash()
        if password_hash is None or not verify(password_hash, password):
            return _login_page("Dit wachtwoord klopt niet. Probeer opnieuw.", name, 401)
        coach, shared = name or SHARED_PASSWORD_NAME, True
    # The session is a signed cookie (no fixation possible); keeping it keeps the CSRF token.
    now = time.time()
    session.update(
        beheer=True, begeleider=coach, gedeeld=shared, beheer_sinds=now, beheer_gezien=now
    )
    return redirect(url_for("beheer.overview"), 303)


@moderation.post("/afmelden")
def logout() -> ResponseReturnValue:
    session.clear()
    return redirect(url_for("beheer.login"), 303)


@moderation.get("/begeleiders")
@coach_only
def colleagues() -> ResponseReturnValue:
    return _colleagues_page({}, "")


def _colleagues_page(errors: dict[str, str], name: str, status: int = 200) -> tuple[str, int]:
    return render_template(
        "beheer/colleagues.html",
        names=accounts().names(),
        me=current_coach(),
        shared=bool(session.get("gedeeld")),
        errors=errors,
        name=name,
        min_length=MIN_LENGTH,
        command=command_name(),
    ), status


@moderation.post("/begeleiders")
@coach_only
def add_colleague() -> ResponseReturnValue:
    name = request.form.get("naam", "")[:100]
    password = request.form.get("wachtwoord", "")[:200]
    errors: dict[str, str] = {}
    try:
        name = clean_name(name)
    except AccountProblem as exc:
        errors["naam"] = str(exc)
    if len(password) < MIN_LENGTH:
        errors["wachtwoord"] = f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn."
    elif password != request.form.get("nog_eens", "")[:200]:
        errors["nog_eens"] = "De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw."
    if not errors:
        first = not accounts().exist()
        try:
            accounts().add(name, password)
        except AccountProblem as exc:
            errors["naam"] = str(exc)
        else:
            log.info("Begeleider %s toegevoegd door %s", name, current_coach())
            if first:
                # The shared password stops working now: she logs in with her own account.
                _end_session()
                flash(
                    f"Het account van {name} is gemaakt. Het gedeelde wachtwoord werkt niet "
                    "meer: meld je aan met je naam en je eigen wachtwoord."
                )
                return redirect(url_for("beheer.login"), 303)
            flash(f"{name} kan zich nu aanmelden met haar of zijn naam en wachtwoord.")
            return redirect(url_for("beheer.colleagues"), 303)
    return _colleagues_page(errors, name, 422)


@moderation.post("/begeleiders/verwijderen")
@coach_only
def remove_colleague() -> ResponseReturnValue:
    name = request.form.get("naam", "")[:100]
    if accounts().find(name) is None:
        abort(404)
    if name.casefold() == (current_coach() or "").casefold():
        flash("Je eigen account kan je niet verwijderen. Vraag het aan een collega.")
    elif request.form.get("bevestig") != "ja":
        flash(f"Vink eerst aan dat je het account van {name} wilt verwijderen.")
    else:
        accounts().remove(name)
        log.info("Begeleider %s verwijderd door %s", name, current_coach())
        flash(f"Het account van {name} is verwijderd.")
    return redirect(url_for("beheer.colleagues"), 303)


@moderation.get("/")
@coach_only
def overview() -> ResponseReturnValue:
    return render_template("beheer/list.html", entries=inbox().entries())


@moderation.get("/<entry_id>")
@coach_only
def show(entry_id: str) -> ResponseReturnValue:
    entry = _entry(entry_id)
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing as exc:
        return _content_problem(str(exc))
    stored = entry.photo.read_bytes() if entry.photo else None
    photo = preview_photo(stored, url_for("beheer.photo", entry_id=entry.id))
    shown = preview(entry.submission, prices, competences, photo)
    allergens = review_allergens(entry.submission, prices)
    # As approved with the boxes as they are ticked here: the derived allergens.
    problems = publication_problems(entry.submission, prices, competences, allergens.allergens)
    return render_template(
        "beheer/entry.html",
        entry=entry,
        version=entry_version(entry),
        preview=shown,
        frame=preview_frame(shown),
        problems=problems,
        allergens=allergens,
        allergen_names=ALLERGEN_NAMES,
        all_allergens=ALLERGENS,
    )


@moderation.get("/<entry_id>/foto")
@coach_only
def photo(entry_id: str) -> ResponseReturnValue:
    entry = _entry(entry_id)
    if entry.photo is None:
        abort(404)
    return Response(entry.photo.read_bytes(), mimetype="image/jpeg")


@moderation.get("/<entry_id>/bewerken")
@coach_only
def edit(entry_id: str) -> ResponseReturnValue:
    entry = _entry(entry_id)
    return _edit_form(entry, RawSubmission.from_submission(entry.submission), {})


@moderation.post("/<entry_id>/bewerken")
@coach_only
def save(entry_id: str) -> ResponseReturnValue:
    entry = _entry(entry_id)
    raw = raw_from_request()
    refusal = entry_changed_meanwhile(entry, request.form.get("versie"))
    if refusal:
        # Her text stays in the form; the colleague's version is what is stored.
        return _edit_form(entry, raw, {"versie": refusal}, status=409)
    # Consent is the participant's to give: a coach cannot change it.
    raw.publish_name = entry.submission.publish_name
    raw.publish_photo = entry.submission.publish_photo
    try:
        _, competences = kitchen_data()
    except KitchenDataMissing as exc:
        return _content_problem(str(exc))
    try:
        corrected = parse_submission(
            raw, {c.id for c in competences}, today=entry.submission.submitted_on
        )
    except SubmissionErrors as exc:
        return _edit_form(entry, raw, exc.errors, status=422)
    inbox().replace(entry.id, corrected)
    _last_edits()[entry.id] = (current_coach() or "", dt.datetime.now().astimezone())
    flash("De wijzigingen zijn bewaard.")
    return redirect(url_for("beheer.show", entry_id=entry.id), 303)


@moderation.post("/<entry_id>/goedkeuren")
@coach_only
def approve(entry_id: str) -> ResponseReturnValue:
    entry = _entry(entry_id)
    refusal = entry_changed_meanwhile(entry, request.form.get("versie"))
    if refusal:
        flash(refusal + " Kijk het recept opnieuw na en keur dan goed.")
        return redirect(url_for("beheer.show", entry_id=entry.id), 303)
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing as exc:
        return _content_problem(str(exc))
    photo = entry.photo.read_bytes() if entry.photo else None
    # The boxes the coach left ticked: what the recipe file will state.
    allergens = chosen_allergens(request.form.getlist("allergenen"))
    try:
        written = write_recipe(
            entry.submission,
            current_app.config["CONTENT_DIR"],
            prices,
            competences,
            photo,
            allergens=allergens,
        )
    except ApprovalError as exc:
        flash("Nog niet goedgekeurd: " + " ".join(exc.problems))
        return redirect(url_for("beheer.show", entry_id=entry.id), 303)
    inbox().delete(entry.id)
    log.info("Inzending %s goedgekeurd als %s", entry.id, written.path.name)
    # The participant's photo stays out of the history: she may withdraw her consent, and
    # a photo once in a shared git history cannot be taken out of every copy.
    recorded = record_change([written.path], f"Recept goedgekeurd: {content_name(written.path)}")
    if publish_on_approval():
        from kookboek.web.online import start_publication

        start_publication()
        flash(f"Goedgekeurd: {entry.submission.title}. Het wordt nu online gezet.")
        return redirect(url_for("online.page"), 303)
    flash(
        f"Goedgekeurd: het recept staat nu in content/recepten/{written.path.name}. Het staat "
        "op de website nadat je op Zet online drukt." + ("" if recorded else " " + HISTORY_NOT_KEPT)
    )
    return redirect(url_for("beheer.overview"), 303)


@moderation.post("/<entry_id>/weigeren")
@coach_only
def reject(entry_id: str) -> ResponseReturnValue:
    entry = _entry(entry_id)
    if request.form.get("bevestig") != "ja":
        flash("Vink eerst aan dat je deze inzending wilt verwijderen.")
        return redirect(url_for("beheer.show", entry_id=entry.id), 303)
    inbox().delete(entry.id)
    log.info("Inzending %s geweigerd en verwijderd", entry.id)
    flash("De inzending is verwijderd.")
    return redirect(url_for("beheer.overview"), 303)


HISTORY_NOT_KEPT = (
    "Let op: deze wijziging kon niet in de geschiedenis bewaard worden. Vraag de IT-partner "
    "om te kijken of git werkt."
)


def content_name(path: Path) -> str:
    """A content file as the history names it: relative to ``content/``."""
    try:
        return path.resolve().relative_to(current_app.config["CONTENT_DIR"].resolve()).as_posix()
    except ValueError:
        return path.name


def record_change(paths: Sequence[Path], message: str) -> bool:
    """Keep a change in the project's history with the coach as author; False when git could
    not (the change itself is made: the coach is told, nothing is lost)."""
    try:
        history.record(current_app.config["PROJECT_DIR"], paths, current_coach() or "", message)
    except history.HistoryProblem as exc:
        log.error("Niet in de geschiedenis bewaard: %s", exc)
        return False
    return True


def publish_on_approval() -> bool:
    try:
        return load_settings(current_app.config["PROJECT_DIR"]).on_approval
    except PublishProblem:
        return False


def entry_version(entry: InboxEntry) -> str:
    """The version of a submission a page was made from (see ``entry_changed_meanwhile``)."""
    return file_version(entry.folder / DATA_FILE)


def _last_edits() -> dict[str, tuple[str, dt.datetime]]:
    """Who last saved each submission and when, while this server runs."""
    found: dict[str, tuple[str, dt.datetime]] = current_app.extensions.setdefault(
        "kookboek.last_edits", {}
    )
    return found


def entry_changed_meanwhile(entry: InboxEntry, started_from: str | None) -> str | None:
    """The Dutch refusal when a colleague saved this submission after the page was opened
    (a post without a version, from a page older than this check, is not checked)."""
    if started_from is None or entry_version(entry) == started_from:
        return None
    who, when = _last_edits().get(entry.id) or (
        "een collega",
        dt.datetime.fromtimestamp((entry.folder / DATA_FILE).stat().st_mtime).astimezone(),
    )
    return (
        f"Niet bewaard: dit recept is ondertussen veranderd door {who} om "
        f"{when:%H:%M} ({when:%d-%m-%Y})."
    )


def _entry(entry_id: str) -> InboxEntry:
    try:
        return inbox().get(entry_id)
    except UnknownEntry:
        abort(404)


def _edit_form(
    entry: InboxEntry, raw: RawSubmission, errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing as exc:
        return _content_problem(str(exc))
    submission = entry.submission
    page = render_template(
        "beheer/edit.html",
        entry=entry,
        action=url_for("beheer.save", entry_id=entry.id),
        saved_url=url_for("beheer.show", entry_id=entry.id),
        has_photo=entry.photo is not None,
        consent=(
            f"De toestemming (voornaam: {'ja' if submission.publish_name else 'nee'}, foto: "
            f"{'ja' if submission.publish_photo else 'nee'}) kan alleen de deelnemer geven."
        ),
        # After a refusal her next save is over the version she has now been shown.
        version=request.form.get("versie", "") if status == 422 else entry_version(entry),
        raw=raw,
        errors=errors,
        **form_context(prices, competences),
    )
    return page, status


def _content_problem(report: str) -> tuple[str, int]:
    return render_template("beheer/content_problem.html", report=report), 500
