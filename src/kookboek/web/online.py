"""**Zet online** at /beheer/online: start the background publication and show how it goes.

Without JavaScript the page refreshes itself every few seconds while the job runs (a meta
refresh); ``/beheer/online.json`` gives the same state to anything that wants to poll.
"""

from __future__ import annotations

import datetime as dt
import sys

from flask import Blueprint, current_app, jsonify, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from kookboek.publishing.jobs import Jobs, JobState, Problem
from kookboek.publishing.online import ProjectPaths, put_online
from kookboek.publishing.targets import PublishProblem, load_settings
from kookboek.web.moderation import coach_only, current_coach

online = Blueprint("online", __name__, url_prefix="/beheer")

#: What a step is called on the page, in the order they come.
STEPS = ("De inhoud nakijken", "De website en de pdf's maken", "Online zetten")


def jobs() -> Jobs:
    found: Jobs = current_app.extensions["kookboek.jobs"]
    return found


def project_paths() -> ProjectPaths:
    return ProjectPaths.at(current_app.config["PROJECT_DIR"])


def build_command() -> list[str]:
    """``kookboek build``, run by the same Python as this server."""
    configured = current_app.config.get("BUILD_COMMAND")
    return list(configured) if configured else [sys.executable, "-m", "kookboek.cli", "build"]


def start_publication() -> JobState:
    """Start **Zet online** (or join the one that runs) for the coach of this request."""
    paths, command = project_paths(), build_command()
    return jobs().start(current_coach() or "", lambda report: put_online(paths, command, report))


@online.get("/online")
@coach_only
def page() -> ResponseReturnValue:
    state = jobs().state()
    try:
        targets = load_settings(project_paths().root).describe()
        settings_problem = None
    except PublishProblem as exc:
        targets, settings_problem = [], str(exc)
    return render_template(
        "beheer/online.html",
        state=state,
        steps=STEPS,
        targets=targets,
        settings_problem=settings_problem,
        when=_when(state),
        problem_link=problem_link,
    )


@online.post("/online")
@coach_only
def start() -> ResponseReturnValue:
    start_publication()
    return redirect(url_for("online.page"), 303)


@online.get("/online.json")
@coach_only
def status() -> ResponseReturnValue:
    state = jobs().state()
    return jsonify(state.to_json() if state else {"status": None})


def problem_link(problem: Problem) -> str | None:
    """Where the coach fixes ``problem`` in the browser, when there is such a page."""
    if problem.file is None:
        return None
    if problem.file.startswith("recepten/") and problem.file.endswith(".md"):
        slug = problem.file.removeprefix("recepten/").removesuffix(".md")
        if "recipes.edit" in current_app.view_functions and "/" not in slug:
            return url_for("recipes.edit", slug=slug)
        if "/" not in slug:
            return url_for("recipes.recipe_history", slug=slug)
    if problem.file == "prijzen.yml":
        for rule in current_app.url_map.iter_rules():
            if rule.rule == "/beheer/prijzen" and "GET" in (rule.methods or ()):
                return rule.rule
    return None


def _when(state: JobState | None) -> str | None:
    if state is None or state.finished is None:
        return None
    finished = dt.datetime.fromisoformat(state.finished)
    return f"{finished:%d-%m-%Y} om {finished:%H:%M}"
