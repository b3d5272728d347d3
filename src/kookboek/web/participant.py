"""The contribution form: fill in, review, send, thank you."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import FileStorage

from kookboek.images.decode import ImageProblem
from kookboek.images.intake import process_photo
from kookboek.inbox.preview import preview
from kookboek.inbox.store import InboxError, UnknownEntry, valid_id
from kookboek.inbox.submission import RawSubmission, SubmissionErrors, parse_submission
from kookboek.web import client_address, inbox, limiter
from kookboek.web.shared import (
    KitchenDataMissing,
    form_context,
    kitchen_data,
    preview_frame,
    preview_photo,
    raw_from_request,
)

participant = Blueprint("formulier", __name__)
log = logging.getLogger("kookboek.form")
HONEYPOT = "website"


@participant.before_request
def limit_posts() -> None:
    if request.method == "POST" and not limiter("post").allow(client_address()):
        abort(429)


@participant.get("/")
def form() -> ResponseReturnValue:
    return _show_form(RawSubmission(), {})


@participant.post("/")
def check() -> ResponseReturnValue:
    raw = raw_from_request()
    if request.form.get(HONEYPOT):
        return redirect(url_for("formulier.thanks"), 303)  # a robot: pretend all went well
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing:
        return _not_ready()
    errors: dict[str, str] = {}
    previous = request.form.get("concept", "")
    kept_photo = _draft_photo(previous)
    photo = _uploaded_photo(request.files.get("foto"), errors)
    try:
        submission = parse_submission(raw, {c.id for c in competences})
    except SubmissionErrors as exc:
        errors = {**exc.errors, **errors}
    if errors:
        return _show_form(raw, errors, concept=previous if kept_photo else "", status=422)
    stored = photo if photo is not None else kept_photo
    token = inbox().save_draft(submission, stored)
    inbox().discard_draft(previous)
    shown_photo = preview_photo(stored, url_for("formulier.draft_photo", token=token))
    shown = preview(submission, prices, competences, shown_photo)
    return render_template(
        "review.html",
        preview=shown,
        frame=preview_frame(shown),
        submission=submission,
        token=token,
        has_photo=bool(stored),
    )


@participant.post("/aanpassen")
def change() -> ResponseReturnValue:
    token = request.form.get("concept", "")
    try:
        entry = inbox().draft(token)
    except UnknownEntry:
        return _show_form(RawSubmission(), {"formulier": "Je recept was verlopen. Begin opnieuw."})
    raw = RawSubmission.from_submission(entry.submission)
    return _show_form(raw, {}, concept=token if entry.photo else "")


@participant.post("/versturen")
def send() -> ResponseReturnValue:
    token = request.form.get("concept", "")
    if not valid_id(token):
        abort(404)
    if not limiter("send").allow(client_address()):
        abort(429)
    try:
        entry_id = inbox().send_draft(token)
    except UnknownEntry:
        # Sent already (a double tap) or expired: the thank-you page is still right.
        return redirect(url_for("formulier.thanks"), 303)
    except InboxError as exc:
        return render_template("error.html", title="Niet verstuurd", message=str(exc)), 503
    log.info("Nieuwe inzending ontvangen: %s", entry_id)  # no names, no addresses
    return redirect(url_for("formulier.thanks"), 303)


@participant.get("/bedankt")
def thanks() -> ResponseReturnValue:
    return render_template("thanks.html")


@participant.get("/concept/<token>/foto")
def draft_photo(token: str) -> ResponseReturnValue:
    photo = _draft_photo(token)
    if photo is None:
        abort(404)
    return Response(photo, mimetype="image/jpeg")


def _draft_photo(token: str) -> bytes | None:
    if not valid_id(token):
        return None
    try:
        return inbox().draft_photo(token)
    except UnknownEntry:
        return None


def _uploaded_photo(upload: FileStorage | None, errors: dict[str, str]) -> bytes | None:
    if upload is None or not upload.filename:
        return None
    try:
        return process_photo(upload.read())
    except ImageProblem as exc:
        errors["foto"] = f"Deze foto lukt niet: {exc} Kies een andere foto."
        return None


def _show_form(
    raw: RawSubmission, errors: dict[str, str], concept: str = "", status: int = 200
) -> ResponseReturnValue:
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing:
        return _not_ready()
    page = render_template(
        "form.html",
        raw=raw,
        errors=errors,
        concept=concept,
        honeypot=HONEYPOT,
        **form_context(prices, competences),
    )
    return page, status


def _not_ready() -> tuple[str, int]:
    return render_template(
        "error.html",
        title="Nog niet klaar",
        message="Het formulier is nog niet klaar. Vraag je begeleider om hulp.",
    ), 503
