"""The published recipes on /beheer: the list, each recipe's history, putting back an earlier
version and taking a recipe offline. Every change is a commit with the coach as author; a
change made against a version that a colleague changed in the meantime is refused."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue

from kookboek.content.vocabulary import ALLERGEN_NAMES, ALLERGENS, Allergen
from kookboek.images.decode import ImageProblem
from kookboek.images.intake import MAX_PHOTO_BYTES, process_photo
from kookboek.inbox.preview import preview
from kookboek.inbox.submission import RawSubmission, SubmissionErrors, parse_submission
from kookboek.inbox.writer import (
    PHOTO_SUFFIX,
    chosen_allergens,
    publication_problems,
    review_allergens,
)
from kookboek.publishing import history, recipe_file
from kookboek.publishing.catalogue import file_version, list_recipes, recipe_path
from kookboek.publishing.online import ProjectPaths
from kookboek.support.files import write_atomic
from kookboek.web.moderation import HISTORY_NOT_KEPT, coach_only, record_change
from kookboek.web.shared import (
    KitchenDataMissing,
    form_context,
    kitchen_data,
    preview_frame,
    preview_photo,
    raw_from_request,
)

recipes = Blueprint("recipes", __name__, url_prefix="/beheer/recepten")
log = logging.getLogger("kookboek.beheer")


def _content() -> Path:
    path: Path = current_app.config["CONTENT_DIR"]
    return path


def _project() -> Path:
    path: Path = current_app.config["PROJECT_DIR"]
    return path


def _recipe_file(slug: str, must_exist: bool = True) -> Path:
    path = recipe_path(_content(), slug)
    if path is None or (must_exist and not path.is_file()):
        abort(404)
    return path


def changed_meanwhile(path: Path, started_from: str) -> str | None:
    """The Dutch refusal when ``path`` is no longer the version a form started from."""
    if file_version(path) == started_from:
        return None
    last = history.last_change(_project(), path) if path.exists() else None
    if last is not None and last.when.timestamp() >= path.stat().st_mtime - 2:
        who, when = last.author, last.when.astimezone()
    else:
        who = "iemand anders"
        stamp = path.stat().st_mtime if path.exists() else dt.datetime.now().timestamp()
        when = dt.datetime.fromtimestamp(stamp).astimezone()
    return (
        f"Niet bewaard: dit recept is ondertussen veranderd door {who} om "
        f"{when:%H:%M} ({when:%d-%m-%Y})."
    )


@recipes.get("/")
@coach_only
def listing() -> ResponseReturnValue:
    search = request.args.get("zoek", "")[:100]
    found = list_recipes(_content(), search)
    return render_template("beheer/recipes.html", recipes=found, search=search)


@recipes.get("/<slug>/geschiedenis")
@coach_only
def recipe_history(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug, must_exist=False)
    changes = history.history(_project(), path)
    if not changes and not path.is_file():
        abort(404)
    return render_template(
        "beheer/history.html",
        slug=slug,
        exists=path.is_file(),
        changes=changes,
        version=file_version(path),
    )


@recipes.get("/<slug>/versie/<commit>")
@coach_only
def old_version(slug: str, commit: str) -> ResponseReturnValue:
    path = _recipe_file(slug, must_exist=False)
    text = history.version(_project(), path, commit)
    if text is None:
        abort(404)
    return render_template(
        "beheer/old_version.html",
        slug=slug,
        commit=commit,
        text=text.decode("utf-8", "replace"),
        version=file_version(path),
    )


@recipes.post("/<slug>/terugzetten")
@coach_only
def restore(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug, must_exist=False)
    refusal = changed_meanwhile(path, request.form.get("versie", ""))
    if refusal:
        flash(refusal)
        return redirect(url_for("recipes.recipe_history", slug=slug), 303)
    commit = request.form.get("commit", "")
    try:
        history.restore(_project(), path, commit, _coach())
    except history.HistoryProblem as exc:
        flash(str(exc))
        return redirect(url_for("recipes.recipe_history", slug=slug), 303)
    log.info("Oude versie van %s teruggezet door %s", path.name, _coach())
    flash(f"De versie van {commit[:7]} staat terug. Op de website staat ze na Zet online.")
    return redirect(url_for("recipes.recipe_history", slug=slug), 303)


@recipes.post("/<slug>/offline")
@coach_only
def take_offline(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug)
    if request.form.get("bevestig") != "ja":
        flash("Vink eerst aan dat je dit recept van de website wilt halen.")
        return redirect(url_for("recipes.recipe_history", slug=slug), 303)
    refusal = changed_meanwhile(path, request.form.get("versie", ""))
    if refusal:
        flash(refusal)
        return redirect(url_for("recipes.recipe_history", slug=slug), 303)
    path.unlink()
    recorded = record_change([path], f"Recept offline gehaald: recepten/{path.name}")
    log.info("Recept %s offline gehaald door %s", path.name, _coach())
    flash(
        "Het recept is weggehaald. Na Zet online staat het niet meer op de website. "
        "Terugzetten kan hieronder, bij de geschiedenis."
        + ("" if recorded else " " + HISTORY_NOT_KEPT)
    )
    return redirect(url_for("recipes.recipe_history", slug=slug), 303)


# -- the editor (the moderation form, over a published file) ----------------------------------


@recipes.get("/<slug>")
@coach_only
def edit(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug)
    try:
        opened = recipe_file.read(path.read_text(encoding="utf-8"))
    except recipe_file.RecipeFileProblem as exc:
        return _content_problem(f"content/recepten/{path.name}: {exc}")
    chosen = opened.allergens if opened.allergens is not None else ()
    return _editor(slug, path, opened.raw, {}, chosen, file_version(path))


@recipes.post("/<slug>")
@coach_only
def save(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug)
    raw = raw_from_request()
    chosen = tuple(chosen_allergens(request.form.getlist("allergenen")))
    started_from = request.form.get("versie", "")
    refusal = changed_meanwhile(path, started_from)
    if refusal:
        # Her text stays in the form; her next save is over the version she is shown now.
        return _editor(slug, path, raw, {"versie": refusal}, chosen, file_version(path), 409)
    text = path.read_text(encoding="utf-8")
    try:
        opened = recipe_file.read(text)
        prices, competences = kitchen_data()
    except (recipe_file.RecipeFileProblem, KitchenDataMissing) as exc:
        return _content_problem(str(exc))
    # Consent is the participant's: her name and photo stay as they were published.
    raw.publish_name = bool(raw.author.strip())
    raw.publish_photo = opened.photo is not None
    try:
        corrected = parse_submission(raw, {c.id for c in competences}, today=opened.date)
    except SubmissionErrors as exc:
        return _editor(slug, path, raw, exc.errors, chosen, started_from, 422)
    problems = publication_problems(corrected, prices, competences, chosen)
    if problems:
        errors = {"allergenen": " ".join(problems)}
        return _editor(slug, path, raw, errors, chosen, started_from, 422)
    new_text = recipe_file.updated(text, corrected, chosen, opened.photo)
    if new_text != text:
        write_atomic(path, new_text.encode("utf-8"))
        if opened.raw.author and not corrected.author:
            ProjectPaths.at(_project()).forget_derived_files()  # her name, withdrawn
        recorded = record_change([path], f"Recept aangepast: recepten/{path.name}")
        log.info("Recept %s aangepast door %s", path.name, _coach())
        flash(
            "De wijzigingen zijn bewaard. Op de website staan ze na Zet online."
            + ("" if recorded else " " + HISTORY_NOT_KEPT)
        )
    else:
        flash("Er was niets veranderd.")
    return redirect(url_for("recipes.edit", slug=slug), 303)


@recipes.post("/<slug>/foto")
@coach_only
def replace_photo(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug)
    refusal = changed_meanwhile(path, request.form.get("versie", ""))
    if refusal:
        flash(refusal)
        return redirect(url_for("recipes.edit", slug=slug), 303)
    upload = request.files.get("foto")
    data = upload.stream.read(MAX_PHOTO_BYTES + 1) if upload and upload.filename else b""
    problem = None
    if not data:
        problem = "Kies eerst een foto."
    elif len(data) > MAX_PHOTO_BYTES:
        problem = f"Deze foto is te groot: hoogstens {MAX_PHOTO_BYTES // (1024 * 1024)} MB."
    else:
        try:
            data = process_photo(data)
        except ImageProblem as exc:
            problem = f"Deze foto lukt niet: {exc} Kies een andere foto."
    if problem:
        return _edit_again(slug, path, photo_error=problem)
    text = path.read_text(encoding="utf-8")
    opened = recipe_file.read(text)
    old_photo = path.parent / opened.photo if opened.photo else None
    new_photo = path.with_suffix(PHOTO_SUFFIX)
    write_atomic(new_photo, data)
    raw = opened.raw
    raw.publish_photo = True
    new_text = _rewrite(text, opened, raw, new_photo.name)
    write_atomic(path, new_text.encode("utf-8"))
    if old_photo is not None and old_photo != new_photo:
        _remove_photo_file(old_photo)
    if old_photo is not None:
        ProjectPaths.at(_project()).forget_derived_files()
    # The photo itself stays out of the history (see approval); the recipe file records it.
    recorded = record_change([path], f"Foto vervangen: recepten/{path.name}")
    flash(
        "De nieuwe foto staat bij het recept. Op de website staat ze na Zet online."
        + ("" if recorded else " " + HISTORY_NOT_KEPT)
    )
    return redirect(url_for("recipes.edit", slug=slug), 303)


@recipes.post("/<slug>/foto-verwijderen")
@coach_only
def remove_photo(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug)
    if request.form.get("bevestig") != "ja":
        flash("Vink eerst aan dat je de foto wilt weghalen.")
        return redirect(url_for("recipes.edit", slug=slug), 303)
    refusal = changed_meanwhile(path, request.form.get("versie", ""))
    if refusal:
        flash(refusal)
        return redirect(url_for("recipes.edit", slug=slug), 303)
    text = path.read_text(encoding="utf-8")
    opened = recipe_file.read(text)
    if opened.photo is None:
        return redirect(url_for("recipes.edit", slug=slug), 303)
    raw = opened.raw
    raw.publish_photo = False
    write_atomic(path, _rewrite(text, opened, raw, None).encode("utf-8"))
    _remove_photo_file(path.parent / opened.photo)
    # Withdrawn consent reaches the build's own copies too (variants, share image, PDFs).
    ProjectPaths.at(_project()).forget_derived_files()
    recorded = record_change([path], f"Foto verwijderd: recepten/{path.name}")
    flash(
        "De foto is weg. Na Zet online staat ze ook niet meer op de website."
        + ("" if recorded else " " + HISTORY_NOT_KEPT)
    )
    return redirect(url_for("recipes.edit", slug=slug), 303)


def _rewrite(
    text: str, opened: recipe_file.EditableRecipe, raw: RawSubmission, photo: str | None
) -> str:
    """The file with only its photo changed (the rest parsed as it stands)."""
    _, competences = kitchen_data()
    submission = parse_submission(raw, {c.id for c in competences}, today=opened.date)
    return recipe_file.updated(text, submission, _stated(opened), photo)


def _stated(opened: recipe_file.EditableRecipe) -> tuple[Allergen, ...] | None:
    if opened.allergens is None:
        return None
    return tuple(chosen_allergens(opened.allergens))


def _remove_photo_file(photo: Path) -> None:
    """A recipe's own photo file; never anything outside content/recepten/."""
    if photo.parent.resolve() == (_content() / "recepten").resolve() and photo.is_file():
        photo.unlink()


def _edit_again(slug: str, path: Path, photo_error: str) -> ResponseReturnValue:
    opened = recipe_file.read(path.read_text(encoding="utf-8"))
    chosen = opened.allergens or ()
    return _editor(
        slug, path, opened.raw, {}, chosen, file_version(path), 422, photo_error=photo_error
    )


def _editor(
    slug: str,
    path: Path,
    raw: RawSubmission,
    errors: dict[str, str],
    chosen: tuple[str, ...],
    version: str,
    status: int = 200,
    photo_error: str | None = None,
) -> ResponseReturnValue:
    try:
        prices, competences = kitchen_data()
    except KitchenDataMissing as exc:
        return _content_problem(str(exc))
    opened = recipe_file.read(path.read_text(encoding="utf-8"))
    photo_url = url_for("recipes.photo", slug=slug) if opened.photo else None
    shown_raw = opened.raw if errors else raw
    try:
        shown_submission = parse_submission(
            shown_raw, {c.id for c in competences}, today=opened.date
        )
    except SubmissionErrors:
        shown_submission = None
    photo_bytes = (path.parent / opened.photo).read_bytes() if opened.photo else None
    frame = problems = None
    allergens = None
    if shown_submission is not None:
        photo = (
            preview_photo(photo_bytes, photo_url or "")
            if photo_bytes and opened.photo and opened.photo.endswith((".jpg", ".jpeg", ".png"))
            else None
        )
        shown = preview(shown_submission, prices, competences, photo)
        frame = preview_frame(shown)
        allergens = review_allergens(shown_submission, prices)
        problems = publication_problems(
            shown_submission, prices, competences, tuple(chosen_allergens(chosen))
        )
    page = render_template(
        "beheer/recipe_edit.html",
        slug=slug,
        title=opened.raw.title or slug,
        raw=raw,
        errors=errors,
        action=url_for("recipes.save", slug=slug),
        saved_url=url_for("recipes.edit", slug=slug),
        has_photo=opened.photo is not None,
        consent="Staat er een voornaam, dan komt die bij het recept. Haal een naam weg als "
        "de deelnemer dat vraagt.",
        version=version,
        frame=frame,
        problems=problems,
        allergens=allergens or review_allergens_empty(),
        chosen_allergens=chosen,
        allergen_names=ALLERGEN_NAMES,
        all_allergens=ALLERGENS,
        photo_error=photo_error,
        **form_context(prices, competences),
    )
    return page, status


def review_allergens_empty() -> dict[str, object]:
    return {"sources": {}, "unknown": ()}


@recipes.get("/<slug>/foto")
@coach_only
def photo(slug: str) -> ResponseReturnValue:
    path = _recipe_file(slug)
    opened = recipe_file.read(path.read_text(encoding="utf-8"))
    if opened.photo is None:
        abort(404)
    file = path.parent / opened.photo
    if file.parent.resolve() != path.parent.resolve() or not file.is_file():
        abort(404)
    return send_file(file, max_age=0)


def _content_problem(report: str) -> tuple[str, int]:
    return render_template("beheer/content_problem.html", report=report), 500


def _coach() -> str:
    from kookboek.web.moderation import current_coach

    return current_coach() or ""
