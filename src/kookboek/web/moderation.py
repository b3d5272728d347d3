"""Moderation at /beheer: a coach reviews, corrects, approves or rejects submissions.

/beheer is used only on the computer that runs the form or over HTTPS: from any other address
over plain HTTP every page of it explains why and asks for no password, because on the
training room's Wi-Fi anyone could read a password sent in the clear.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

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
from kookboek.inbox.store import InboxEntry, UnknownEntry
from kookboek.inbox.submission import RawSubmission, SubmissionErrors, parse_submission
from kookboek.inbox.writer import (
    ApprovalError,
    chosen_allergens,
    publication_problems,
    review_allergens,
    write_recipe,
)
from kookboek.support.launcher import command_name
from kookboek.web import client_address, from_this_computer, inbox, limiter
from kookboek.web.passwords import ENV_VARIABLE, configured_hash, verify
from kookboek.web.shared import (
    KitchenDataMissing,
    form_context,
    kitchen_data,
    preview_frame,
    preview_photo,
    raw_from_request,
)

moderation = Blueprint("beheer", __name__, url_prefix="/beheer")
log = logging.getLogger("kookboek.beheer")


def refuse_plain_http_from_elsewhere() -> ResponseReturnValue | None:
    """Run before every request (before the CSRF check): a /beheer page asked for over plain
    HTTP from another machine gets the explanation instead, whatever it was."""
    # request.blueprints: this blueprint and the ones it is nested in (/beheer/prijzen, ...).
    if moderation.name not in request.blueprints or request.is_secure or from_this_computer():
        return None
    return render_template("beheer/not_here.html"), 403


def _password_hash() -> str | None:
    return configured_hash(current_app.config.get("BEHEER_PASSWORD_HASH"), inbox().password_file)


def coach_only(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> ResponseReturnValue:
        if _password_hash() is None:
            return _no_password()
        if not session.get("beheer"):
            return redirect(url_for("beheer.login"), 303)
        return view(*args, **kwargs)

    return wrapped


def _no_password() -> tuple[str, int]:
    return render_template(
        "beheer/no_password.html",
        env_variable=ENV_VARIABLE,
        inbox_dir=current_app.config["INBOX_DIR"],
        command=command_name(),
    ), 503


@moderation.get("/aanmelden")
def login() -> ResponseReturnValue:
    if _password_hash() is None:
        return _no_password()
    return render_template("beheer/login.html", error=None)


@moderation.post("/aanmelden")
def check_login() -> ResponseReturnValue:
    password_hash = _password_hash()
    if password_hash is None:
        return _no_password()
    if not limiter("login").allow(client_address()):
        abort(429)
    if not verify(password_hash, request.form.get("wachtwoord", "")[:200]):
        error = "Dit wachtwoord klopt niet. Probeer opnieuw."
        return render_template("beheer/login.html", error=error), 401
    # The session is a signed cookie (no fixation possible); keeping it keeps the CSRF token.
    session["beheer"] = True
    return redirect(url_for("beheer.overview"), 303)


@moderation.post("/afmelden")
def logout() -> ResponseReturnValue:
    session.clear()
    return redirect(url_for("beheer.login"), 303)


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
    flash("De wijzigingen zijn bewaard.")
    return redirect(url_for("beheer.show", entry_id=entry.id), 303)


@moderation.post("/<entry_id>/goedkeuren")
@coach_only
def approve(entry_id: str) -> ResponseReturnValue:
    entry = _entry(entry_id)
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
    flash(
        f"Goedgekeurd: het recept staat nu in content/recepten/{written.path.name}. "
        f"Het staat op de website nadat je de website opnieuw maakt met {command_name()} build."
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
    page = render_template(
        "beheer/edit.html",
        entry=entry,
        raw=raw,
        errors=errors,
        **form_context(prices, competences),
    )
    return page, status


def _content_problem(report: str) -> tuple[str, int]:
    return render_template("beheer/content_problem.html", report=report), 500
