"""/beheer/prijzen and /beheer/documenten: the price list, publications and tools, edited in
the browser. Thin routes over ``kookboek.editing``; behind the coach's log-in.

The blueprint is nested in /beheer's (``moderation``), so everything that guards /beheer
(only on this computer or over HTTPS, the log-in) guards these pages too.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from kookboek.content.errors import ContentErrors
from kookboek.content.models import PriceList
from kookboek.content.vocabulary import ALLERGEN_NAMES, ALLERGENS
from kookboek.editing.changes import ChangedMeanwhile, version_of
from kookboek.editing.documents import (
    KINDS,
    DocumentProblems,
    RawDocument,
    document_values,
    listed_documents,
    save_document,
)
from kookboek.editing.held import HeldFiles
from kookboek.editing.prices import (
    PriceEditErrors,
    PriceReview,
    RawPriceEdit,
    current_prices,
    matches,
    parse_price_edit,
    review_price_edit,
    save_price_edit,
)
from kookboek.pricing.money import format_amount, format_money
from kookboek.web.moderation import coach_only, current_coach, moderation
from kookboek.web.shared import UNIT_CHOICES

content_pages = Blueprint("inhoud", __name__)

# Word files the coach sent while a field still had a problem (in the inbox folder: never
# published, outside git).
HELD_FOLDER = ".documenten"
# Above the Word file's own limit, so that one too large is told so (editing/word.py).
MAX_UPLOAD_BYTES = 25 * 1024 * 1024

CHANGED_MEANWHILE = (
    "De prijslijst is ondertussen veranderd, door een andere begeleider of in het bestand "
    "zelf. Hieronder staat de prijslijst zoals ze nu is, met jouw wijzigingen erin. Kijk ze "
    "na en bekijk het effect opnieuw."
)


def _content_dir() -> Path:
    folder: Path = current_app.config["CONTENT_DIR"]
    return folder


def _shown_price(value: Decimal) -> str:
    """A price as the form shows it: '2,09'."""
    return f"{value:.2f}".replace(".", ",")


# -- prices --------------------------------------------------------------------------------


@content_pages.get("/prijzen")
@coach_only
def prices() -> ResponseReturnValue:
    try:
        current, version = current_prices(_content_dir())
    except ContentErrors as exc:
        return _content_problem(exc.report())
    raw = RawPriceEdit(version=version, price_date=current.price_date.isoformat())
    return _price_form(current, raw, {}, query=request.args.get("zoek", "")[:80])


@content_pages.post("/prijzen")
@coach_only
def price_action() -> ResponseReturnValue:
    content = _content_dir()
    raw = RawPriceEdit.from_form(request.form.get, request.form.getlist, list(request.form))
    started = _started(request.form.get("begin", ""))
    try:
        current, version = current_prices(content)
    except ContentErrors as exc:
        return _content_problem(exc.report())
    if raw.version != version:
        return _refused(current, version, raw, started)
    action = request.form.get("actie", "nakijken")
    if action == "aanpassen":
        return _price_form(current, raw, {}, started=started)
    try:
        edit = parse_price_edit(raw, current)
    except PriceEditErrors as exc:
        return _price_form(current, raw, exc.errors, started=started, status=422)
    if edit.is_empty:
        flash("Je hebt niets veranderd.")
        return _price_form(current, raw, {}, started=started)
    try:
        review = review_price_edit(content, edit, raw.version, _workspace())
        if action == "bewaren" and review.can_save:
            save_price_edit(content, review, author=current_coach())
        else:
            return _review_page(current, raw, started, review)
    except ChangedMeanwhile:
        return _refused(*current_prices(content), raw, started)
    flash("De prijslijst is bewaard. " + _effect_line(review))
    return redirect(url_for("beheer.inhoud.prices"), 303)


def _effect_line(review: PriceReview) -> str:
    count = len(review.effects)
    if not count:
        return "Geen enkel recept verandert van prijs per portie."
    return f"{count} {'recept verandert' if count == 1 else 'recepten veranderen'} van prijs."


def _started(posted: str) -> dict[str, str]:
    """The prices as the form first showed them (to know what the coach changed)."""
    try:
        found = json.loads(posted[:1_000_000]) if posted else {}
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}


def _refused(
    current: PriceList, version: str, raw: RawPriceEdit, started: dict[str, str]
) -> ResponseReturnValue:
    """Her changes kept, on the price list as it is now."""
    mine = {name: typed for name, typed in raw.prices.items() if started.get(name) != typed}
    kept = RawPriceEdit(
        version=version,
        price_date=raw.price_date,
        prices=mine,
        new=raw.new,
        new_allergens=raw.new_allergens,
        new_no_allergens=raw.new_no_allergens,
    )
    return _price_form(current, kept, {}, warning=CHANGED_MEANWHILE, status=409)


def _price_form(
    current: PriceList,
    raw: RawPriceEdit,
    errors: dict[str, str],
    *,
    query: str = "",
    started: dict[str, str] | None = None,
    warning: str = "",
    status: int = 200,
) -> ResponseReturnValue:
    shown = {entry.name: _shown_price(entry.price) for entry in current.entries}
    rows = [
        {
            "entry": entry,
            "number": number,
            "value": raw.prices.get(entry.name, shown[entry.name]),
            "package": f"{format_amount(entry.amount)} {entry.unit}",
            "allergens": (
                "allergenen niet bekend"
                if entry.allergens is None
                else ", ".join(ALLERGEN_NAMES[a].lower() for a in entry.allergens)
                or "geen allergenen"
            ),
            "error": errors.get(f"prijs:{entry.name}"),
        }
        for number, entry in enumerate(current.entries, start=1)
        if matches(entry.name, entry.other_names, query) or f"prijs:{entry.name}" in errors
    ]
    sections = sorted({e.section for e in current.entries if e.section}, key=str.casefold)
    page = render_template(
        "beheer/prices.html",
        prices=current,
        raw=raw,
        rows=rows,
        errors=errors,
        query=query,
        started=json.dumps({**shown, **(started or {})}, ensure_ascii=False),
        sections=sections,
        units=[u for u in UNIT_CHOICES if u[0] != "naar-smaak"],
        allergen_names=ALLERGEN_NAMES,
        all_allergens=ALLERGENS,
        warning=warning,
        new_errors=any(key.startswith("nieuw-") for key in errors),
    )
    return page, status


def _review_page(
    current: PriceList, raw: RawPriceEdit, started: dict[str, str], review: PriceReview
) -> ResponseReturnValue:
    changed_prices = {name: raw.prices[name] for name in review.edit.prices}
    return render_template(
        "beheer/prices_review.html",
        prices=current,
        raw=raw,
        review=review,
        changed_prices=changed_prices,
        started=json.dumps({n: started.get(n, "") for n in changed_prices}, ensure_ascii=False),
        money=format_money,
        format_amount=format_amount,
        allergen_names=ALLERGEN_NAMES,
    )


# -- publications and tools ---------------------------------------------------------------


@content_pages.get("/documenten")
@coach_only
def documents() -> ResponseReturnValue:
    return render_template(
        "beheer/documents.html", kinds=KINDS, listed=listed_documents(_content_dir())
    )


@content_pages.get("/documenten/nieuw")
@coach_only
def new_document() -> ResponseReturnValue:
    kind = KINDS.get(request.args.get("soort", ""), KINDS["publicatie"])
    replaces = request.args.get("vervang", "")
    raw = RawDocument(kind=kind.key)
    if replaces:
        values = document_values(_content_dir(), kind, replaces)
        if values is None:
            flash("Dat document bestaat niet (meer).")
            return redirect(url_for("beheer.inhoud.documents"), 303)
        raw.values, raw.replaces = values, replaces
        raw.version = version_of(_content_dir() / kind.folder / f"{replaces}.md")
    return _document_form(raw, {})


def _workspace() -> Path:
    """Where a change is checked before it is saved: the inbox folder, which the form may
    write on a server (deploy/), next to the content on the same disk."""
    folder: Path = current_app.config["INBOX_DIR"]
    return folder


def _held() -> HeldFiles:
    return HeldFiles(current_app.config["INBOX_DIR"] / HELD_FOLDER)


@content_pages.post("/documenten/nieuw")
@coach_only
def upload_document() -> ResponseReturnValue:
    kind = KINDS.get(request.form.get("soort", ""), KINDS["publicatie"])
    upload = request.files.get("bestand")
    name, data = ((upload.filename or "") if upload else ""), b""
    if upload and name:
        data = upload.read(MAX_UPLOAD_BYTES)
    held_token = request.form.get("bewaard", "")[:40]
    if not data:
        # No new file chosen: the one she sent before, kept while she corrected the fields.
        name, data = _held().get(held_token) or ("", b"")
    raw = RawDocument(
        kind=kind.key,
        values={f.key: request.form.get(f.key, "")[:2000] for f in kind.fields},
        replaces=request.form.get("vervang", "")[:80],
        version=request.form.get("versie", "")[:100],
        file_name=name,
        file_data=data,
    )
    taken = {d.slug for found in listed_documents(_content_dir()).values() for d in found}
    try:
        saved = save_document(
            _content_dir(), raw, taken, workspace=_workspace(), author=current_coach()
        )
    except DocumentProblems as exc:
        _held().release(held_token)
        held = None
        if data and "bestand" not in exc.errors:
            held = (_held().hold(name, data), name)
        return _document_form(raw, exc.errors, held=held, status=422)
    except ChangedMeanwhile:
        message = (
            "Dit document is ondertussen veranderd, door een andere begeleider of in het "
            "bestand zelf. Kies je bestand opnieuw en bewaar nog eens als je het toch wilt "
            "vervangen."
        )
        raw.version = version_of(_content_dir() / kind.folder / f"{raw.replaces}.md")
        return _document_form(raw, {"algemeen": message}, status=409)
    _held().release(held_token)
    verb = "vervangen" if raw.replaces else "toegevoegd"
    notes = " ".join(saved.notes)
    flash(f"{kind.label} '{saved.title}' is {verb}. {notes}".strip())
    return redirect(url_for("beheer.inhoud.documents"), 303)


def _document_form(
    raw: RawDocument,
    errors: dict[str, str],
    *,
    held: tuple[str, str] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    return render_template(
        "beheer/document_form.html",
        raw=raw,
        kind=KINDS[raw.kind],
        kinds=KINDS,
        errors=errors,
        held=held,
    ), status


def _content_problem(report: str) -> tuple[str, int]:
    return render_template("beheer/content_problem.html", report=report), 500


# Nested in /beheer: its guards, its log-in and its addresses (/beheer/prijzen).
moderation.register_blueprint(content_pages)
