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
    url_for,
)
from flask.typing import ResponseReturnValue

from kookboek.publishing import history
from kookboek.publishing.catalogue import file_version, list_recipes, recipe_path
from kookboek.web.moderation import HISTORY_NOT_KEPT, coach_only, record_change

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


def _coach() -> str:
    from kookboek.web.moderation import current_coach

    return current_coach() or ""
