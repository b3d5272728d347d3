"""The contribution form: fill in, review, send, thank you.

Every step that changes something is a POST answered by a redirect to a GET page (the review
page ``/nakijken/<token>``, the thank-you page), so Back and reload never send anything twice.
The recipe waiting for review is a draft in the inbox's ``.concepten/`` folder, named by a
random token: that token is the review page's address and survives changes, a restart of the
form and a closed browser. A form that cannot be accepted (a mistake, an expired CSRF token, a
photo over the limit) is shown again with everything she typed.
"""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import FileStorage

from kookboek.images.decode import ImageProblem
from kookboek.images.intake import MAX_PHOTO_BYTES, process_photo
from kookboek.inbox.preview import preview
from kookboek.inbox.store import InboxEntry, InboxError, UnknownEntry, valid_id
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
SENT_KEY = "verstuurd"  # the session remembers the last drafts sent from this browser
SENT_REMEMBERED = 10
PHOTO_LIMIT_MB = MAX_PHOTO_BYTES // (1024 * 1024)


@participant.before_request
def limit_posts() -> None:
    # A screen of the form checked on the way (POST /controleren) stores nothing: it has a
    # limit of its own, so that walking through the screens never blocks sending.
    which = "check" if request.endpoint == "formulier.check_answers" else "post"
    if request.method == "POST" and not limiter(which).allow(client_address()):
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
        _, competences = kitchen_data()
    except KitchenDataMissing:
        return _not_ready()
    errors: dict[str, str] = {}
    previous = _existing_draft(request.form.get("concept", ""))
    photo = _uploaded_photo(request.files.get("foto"), errors)
    try:
        submission = parse_submission(raw, {c.id for c in competences})
    except SubmissionErrors as exc:
        errors = {**exc.errors, **errors}
    if errors:
        return _show_form(raw, errors, draft=previous, photo_not_kept=photo is not None, status=422)
    token = inbox().save_draft(submission, photo, token=previous.id if previous else "")
    return redirect(url_for("formulier.review", token=token), 303)


@participant.post("/controleren")
def check_answers() -> ResponseReturnValue:
    """The answers so far, checked by the rules the form is checked by when it is sent:
    the form shown one question at a time (form.js) asks this at every "Verder" and shows
    the messages of that screen at their fields. Nothing is stored."""
    try:
        _, competences = kitchen_data()
    except KitchenDataMissing:
        return jsonify(fouten={}), 503
    try:
        parse_submission(raw_from_request(), {c.id for c in competences})
    except SubmissionErrors as exc:
        return jsonify(fouten=exc.errors)
    return jsonify(fouten={})


@participant.get("/nakijken/<token>")
def review(token: str) -> ResponseReturnValue:
    entry = _existing_draft(token)
    if entry is None:
        return _draft_gone(token)
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing:
        return _not_ready()
    stored = entry.photo.read_bytes() if entry.photo else None
    shown_photo = preview_photo(stored, url_for("formulier.draft_photo", token=token))
    shown = preview(entry.submission, prices, competences, shown_photo)
    return render_template(
        "review.html",
        preview=shown,
        frame=preview_frame(shown),
        submission=entry.submission,
        token=token,
        has_photo=stored is not None,
    )


@participant.get("/aanpassen/<token>")
def change(token: str) -> ResponseReturnValue:
    entry = _existing_draft(token)
    if entry is None:
        return _draft_gone(token)
    return _show_form(RawSubmission.from_submission(entry.submission), {}, draft=entry)


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
    session[SENT_KEY] = [*session.get(SENT_KEY, [])[-(SENT_REMEMBERED - 1) :], token]
    log.info("Nieuwe inzending ontvangen: %s", entry_id)  # no names, no addresses
    return redirect(url_for("formulier.thanks"), 303)


@participant.get("/bedankt")
def thanks() -> ResponseReturnValue:
    return render_template("thanks.html", sent_before=False)


@participant.get("/concept/<token>/foto")
def draft_photo(token: str) -> ResponseReturnValue:
    entry = _existing_draft(token)
    if entry is None or entry.photo is None:
        abort(404)
    return Response(entry.photo.read_bytes(), mimetype="image/jpeg")


@participant.errorhandler(CSRFError)
def expired(error: CSRFError) -> ResponseReturnValue:
    """The page was open too long (or the browser lost its cookie): nothing is stored from
    an unchecked post, but nothing she typed is thrown away either."""
    draft = _existing_draft(request.form.get("concept", ""))
    if request.endpoint == "formulier.send" and draft is not None:
        flash("Je recept is nog niet verstuurd. Tik nog eens op Ja, versturen.")
        return redirect(url_for("formulier.review", token=draft.id), 303)
    if request.endpoint != "formulier.check":
        return _show_form(RawSubmission(), {}, notice=EXPIRED_NOTICE, status=400)
    upload = request.files.get("foto")
    return _show_form(
        raw_from_request(),
        {},
        draft=draft,
        photo_not_kept=bool(upload and upload.filename),
        notice=EXPIRED_NOTICE,
        status=400,
    )


EXPIRED_NOTICE = (
    "De pagina was te lang open. Je recept is nog niet verstuurd, maar alles wat je typte "
    "staat er nog. Kijk het na en tik opnieuw op Bekijk mijn recept."
)


def _existing_draft(token: str) -> InboxEntry | None:
    if not valid_id(token):
        return None
    try:
        return inbox().draft(token)
    except UnknownEntry:
        return None


def _draft_gone(token: str) -> ResponseReturnValue:
    if token in session.get(SENT_KEY, []):
        return render_template("thanks.html", sent_before=True)  # Back after sending
    return render_template(
        "error.html",
        title="Niet meer bewaard",
        message="Dit recept is niet meer bewaard. Vul het formulier opnieuw in.",
    ), 404


def _uploaded_photo(upload: FileStorage | None, errors: dict[str, str]) -> bytes | None:
    if upload is None or not upload.filename:
        return None
    data = upload.stream.read(MAX_PHOTO_BYTES + 1)  # never more than the limit in memory
    if len(data) > MAX_PHOTO_BYTES:
        errors["foto"] = (
            f"Deze foto is te groot: hoogstens {PHOTO_LIMIT_MB} MB. Kies een andere foto."
        )
        return None
    try:
        return process_photo(data)
    except ImageProblem as exc:
        errors["foto"] = f"Deze foto lukt niet: {exc} Kies een andere foto."
        return None


def _show_form(
    raw: RawSubmission,
    errors: dict[str, str],
    draft: InboxEntry | None = None,
    photo_not_kept: bool = False,
    notice: str = "",
    status: int = 200,
) -> ResponseReturnValue:
    """The form; filled in by the server (after a mistake, or to change a draft) it says so,
    and the browser's own copy of the draft then follows what the server shows."""
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing:
        return _not_ready()
    page = render_template(
        "form.html",
        raw=raw,
        errors=errors,
        notice=notice,
        concept=draft.id if draft else "",
        photo_kept=bool(draft and draft.photo),
        photo_not_kept=photo_not_kept,
        filled_in=raw != RawSubmission(),
        honeypot=HONEYPOT,
        photo_limit_bytes=MAX_PHOTO_BYTES,
        **form_context(prices, competences),
    )
    return page, status


def _not_ready() -> tuple[str, int]:
    return render_template(
        "error.html",
        title="Nog niet klaar",
        message="Het formulier is nog niet klaar. Vraag je begeleider om hulp.",
    ), 503
