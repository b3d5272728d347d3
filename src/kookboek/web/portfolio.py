"""The portfolios on /beheer/portfolio: participants, cooking sessions, observations, her PDF
and export, erasure, and the anonymous group overview. Behind the coach's login.

Addresses name a participant by her file's key, never by her name, so that no name ends up
in a log or the browser's history.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from kookboek.content.errors import ContentErrors
from kookboek.content.project import Project, load_project
from kookboek.portfolio.models import (
    MAX_OBSERVATION_CHARS,
    Observation,
    Portfolio,
    RecipeRef,
    SessionEntry,
)
from kookboek.portfolio.overview import group_overview, overview_csv
from kookboek.portfolio.store import (
    PortfolioProblem,
    PortfolioStore,
    UnknownParticipant,
    new_id,
)
from kookboek.web import from_this_computer, inbox
from kookboek.web.moderation import coach_only

portfolio = Blueprint("portfolio", __name__, url_prefix="/beheer/portfolio")
log = logging.getLogger("kookboek.beheer")


def refuse_plain_http_to_portfolio() -> ResponseReturnValue | None:
    """As for every /beheer page: over plain HTTP only from the computer that runs it."""
    if request.blueprint != portfolio.name or request.is_secure or from_this_computer():
        return None
    return render_template("beheer/not_here.html"), 403


def store() -> PortfolioStore:
    return PortfolioStore(
        current_app.config["PORTFOLIO_DIR"], current_app.config["PORTFOLIO_RETENTION_MONTHS"]
    )


def _project() -> Project:
    try:
        return load_project(current_app.config["CONTENT_DIR"])
    except ContentErrors as exc:
        abort(Response(render_template("beheer/content_problem.html", report=exc.report()), 500))


def _today() -> dt.date:
    return dt.date.today()


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _text(name: str, limit: int) -> str:
    return " ".join((request.form.get(name) or "").split())[:limit]


def _her(key: str) -> Portfolio:
    try:
        return store().by_key(key)
    except UnknownParticipant:
        abort(404)


# -- participants ---------------------------------------------------------------------------


@portfolio.get("/")
@coach_only
def participants() -> ResponseReturnValue:
    return _participants_page({}, {})


def _participants_page(
    errors: dict[str, str], typed: dict[str, str], status: int = 200
) -> ResponseReturnValue:
    kept = store()
    try:
        everyone = kept.all()
    except PortfolioProblem as exc:
        return render_template("beheer/content_problem.html", report=str(exc)), 500
    today = _today()
    rows = []
    for item in everyone:
        _, ends = kept.retention_ends(item)
        rows.append(
            {"portfolio": item, "key": kept.key_of(item.name), "ends": ends, "over": ends <= today}
        )
    return render_template(
        "beheer/portfolio/participants.html",
        rows=rows,
        errors=errors,
        typed=typed,
        today=today,
        months=kept.retention_months,
    ), status


@portfolio.post("/deelnemers")
@coach_only
def add_participant() -> ResponseReturnValue:
    typed = {
        "naam": _text("naam", 60),
        "groep": _text("groep", 200),
        "toestemming": (request.form.get("toestemming") or "").strip(),
        "notities": (request.form.get("notities") or "").strip()[:2000],
    }
    errors: dict[str, str] = {}
    if not typed["naam"]:
        errors["naam"] = "Vul haar voornaam of een bijnaam in."
    elif len(typed["naam"]) > 40 or any(ch.isdigit() for ch in typed["naam"]):
        errors["naam"] = "Alleen een voornaam of bijnaam, hoogstens 40 tekens."
    consent = _date(typed["toestemming"])
    if consent is None:
        errors["toestemming"] = "Vul de dag in waarop ze toestemming gaf. Zonder geen portfolio."
    elif consent > _today():
        errors["toestemming"] = "Deze dag is nog niet geweest."
    if not errors and consent is not None:
        try:
            store().add(
                Portfolio(
                    name=typed["naam"],
                    group=typed["groep"] or None,
                    consent_on=consent,
                    notes=typed["notities"] or None,
                )
            )
        except PortfolioProblem as exc:
            errors["naam"] = str(exc)
    if errors:
        return _participants_page(errors, typed, 422)
    flash(f"Het portfolio van {typed['naam']} is gemaakt.")
    return redirect(url_for("portfolio.participants"), 303)


@portfolio.get("/<key>")
@coach_only
def show(key: str) -> ResponseReturnValue:
    return _show(key, {}, {})


def _show(
    key: str, errors: dict[str, str], typed: dict[str, str], status: int = 200
) -> ResponseReturnValue:
    her = _her(key)
    project = _project()
    kept = store()
    _, ends = kept.retention_ends(her)
    task_names = {t.id: t.name for t in project.tasks}
    competences = {c.id: c.name for c in project.competences}
    sessions = sorted(her.sessions, key=lambda s: s.date, reverse=True)
    return render_template(
        "beheer/portfolio/participant.html",
        her=her,
        key=key,
        sessions=sessions,
        observations=sorted(her.observations, key=lambda o: o.date, reverse=True),
        task_names=task_names,
        competence_names=competences,
        competences=project.competences,
        practised={
            s.id: her.competences_of(s, {t.id: t.competences for t in project.tasks})
            for s in her.sessions
        },
        ends=ends,
        over=ends <= _today(),
        errors=errors,
        typed=typed,
        today=_today(),
        max_chars=MAX_OBSERVATION_CHARS,
    ), status


@portfolio.post("/<key>/observatie")
@coach_only
def add_observation(key: str) -> ResponseReturnValue:
    her = _her(key)
    typed = {
        "tekst": (request.form.get("tekst") or "").strip(),
        "auteur": _text("auteur", 200),
        "competentie": request.form.get("competentie") or "",
        "sessie": request.form.get("sessie") or "",
    }
    errors: dict[str, str] = {}
    text = " ".join(typed["tekst"].split())
    if not text:
        errors["tekst"] = "Schrijf in één of twee zinnen wat ze concreet deed."
    elif len(text) > MAX_OBSERVATION_CHARS:
        errors["tekst"] = (
            f"Dit zijn {len(text)} tekens: houd het bij één of twee zinnen "
            f"(hoogstens {MAX_OBSERVATION_CHARS})."
        )
    if not typed["auteur"]:
        errors["auteur"] = "Vul je eigen naam in: wie zag dit?"
    known = {c.id for c in _project().competences}
    competence = typed["competentie"] if typed["competentie"] in known else None
    session = typed["sessie"] if typed["sessie"] in {s.id for s in her.sessions} else None
    if errors:
        return _show(key, errors, typed, 422)
    observation = Observation(
        id=new_id(),
        text=text,
        author=typed["auteur"],
        date=_today(),
        session=session,
        competence=competence,
    )
    store().save(her.with_observation(observation))
    flash("De observatie is bewaard. Bespreek ze met haar en vink dan 'besproken' aan.")
    return redirect(url_for("portfolio.show", key=key) + "#observaties", 303)


@portfolio.post("/<key>/observatie/<observation_id>/besproken")
@coach_only
def agree(key: str, observation_id: str) -> ResponseReturnValue:
    her = _her(key)
    if observation_id not in {o.id for o in her.observations}:
        abort(404)
    on = _today() if request.form.get("besproken") == "ja" else None
    store().save(her.with_agreed(observation_id, on))
    flash(
        "Besproken en goedgekeurd: deze observatie komt in haar pdf."
        if on
        else "Niet meer besproken: deze observatie komt niet in haar pdf."
    )
    return redirect(url_for("portfolio.show", key=key) + "#observaties", 303)


@portfolio.post("/<key>/eigen-woorden")
@coach_only
def own_words(key: str) -> ResponseReturnValue:
    her = _her(key)
    words = (request.form.get("eigen_woorden") or "").strip()[:2000] or None
    store().save(her.model_copy(update={"own_words": words}))
    flash("'Wat ik kan, in mijn eigen woorden' is bewaard.")
    return redirect(url_for("portfolio.show", key=key), 303)


@portfolio.get("/<key>/wat-ik-kan.pdf")
@coach_only
def pdf(key: str) -> ResponseReturnValue:
    from kookboek.portfolio.document import portfolio_pdf

    her = _her(key)
    data = portfolio_pdf(her, _project(), _today())
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="wat-ik-kan.pdf"'},
    )


@portfolio.get("/<key>/export.json")
@coach_only
def export(key: str) -> ResponseReturnValue:
    from kookboek.portfolio.export import export_json

    her = _her(key)
    project = _project()
    data = export_json(her, project.competences, project.tasks, _today())
    return Response(
        data,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="alles-over-mij.json"'},
    )


@portfolio.post("/<key>/verwijderen")
@coach_only
def delete(key: str) -> ResponseReturnValue:
    her = _her(key)
    if request.form.get("bevestig") != "ja":
        flash("Vink eerst aan dat je alles over haar wilt verwijderen.")
        return redirect(url_for("portfolio.show", key=key) + "#verwijderen", 303)
    store().delete(her.name)
    log.info("Een portfolio is verwijderd")
    flash(
        f"Alles over {her.name} is verwijderd. Gooi ook de pdf's en exports weg die je van "
        "haar bewaarde."
    )
    return redirect(url_for("portfolio.participants"), 303)


# -- a cooking session ------------------------------------------------------------------------


@portfolio.get("/kookmoment")
@coach_only
def new_session() -> ResponseReturnValue:
    return _session_form({}, {})


def _session_form(
    errors: dict[str, str], form: dict[str, Any], status: int = 200
) -> ResponseReturnValue:
    project = _project()
    waiting = [(entry.id, entry.submission.title) for entry in inbox().entries()]
    return render_template(
        "beheer/portfolio/session.html",
        everyone=[(store().key_of(p.name), p) for p in store().all()],
        recipes=sorted(project.recipes, key=lambda r: r.title.casefold()),
        waiting=waiting,
        tasks=project.tasks,
        errors=errors,
        form=form,
        today=_today(),
    ), status


@portfolio.post("/kookmoment")
@coach_only
def save_session() -> ResponseReturnValue:
    project = _project()
    kept = store()
    everyone = {kept.key_of(p.name): p for p in kept.all()}
    form: dict[str, Any] = {
        "datum": (request.form.get("datum") or "").strip(),
        "recept": request.form.get("recept") or "",
        "recept_tekst": _text("recept_tekst", 200),
        "personen": (request.form.get("personen") or "").strip(),
        "aanwezig": [k for k in request.form.getlist("aanwezig") if k in everyone],
        "taken": {key: [t for t in request.form.getlist(f"taken-{key}") if t] for key in everyone},
    }
    errors: dict[str, str] = {}
    date = _date(form["datum"])
    if date is None:
        errors["datum"] = "Kies de dag van het kookmoment."
    elif date > _today():
        errors["datum"] = "Deze dag is nog niet geweest."
    recipe = _recipe_choice(form, project, errors)
    people = None
    if form["personen"]:
        try:
            people = int(form["personen"])
            if not 1 <= people <= 1000:
                raise ValueError
        except ValueError:
            errors["personen"] = "Een getal van 1 tot 1000, of laat leeg."
    if not form["aanwezig"]:
        errors["aanwezig"] = "Vink aan wie er was."
    task_ids = {t.id for t in project.tasks}
    if errors or date is None:
        return _session_form(errors, form, 422)
    session_id = new_id()
    for key in form["aanwezig"]:
        tasks = tuple(t for t in form["taken"].get(key, []) if t in task_ids)
        entry = SessionEntry(id=session_id, date=date, recipe=recipe, tasks=tasks, people=people)
        kept.save(everyone[key].with_session(entry))
    count = len(form["aanwezig"])
    flash(f"Het kookmoment is bewaard bij {count} {'deelnemer' if count == 1 else 'deelnemers'}.")
    return redirect(url_for("portfolio.participants"), 303)


def _recipe_choice(
    form: dict[str, Any], project: Project, errors: dict[str, str]
) -> RecipeRef | None:
    choice: str = form["recept"]
    if choice.startswith("recept:"):
        slug = choice.removeprefix("recept:")
        found = next((r for r in project.recipes if r.slug == slug), None)
        if found:
            return RecipeRef(kind="recept", value=slug, title=found.title)
    elif choice.startswith("inzending:"):
        entry_id = choice.removeprefix("inzending:")
        waiting = {entry.id: entry.submission.title for entry in inbox().entries()}
        if entry_id in waiting:
            return RecipeRef(kind="inzending", value=entry_id, title=waiting[entry_id][:200])
    elif choice == "tekst":
        if form["recept_tekst"]:
            return RecipeRef(kind="tekst", value=form["recept_tekst"], title=form["recept_tekst"])
        errors["recept_tekst"] = "Schrijf wat jullie kookten, of kies een recept."
        return None
    elif choice == "":
        return None
    errors["recept"] = "Dit recept bestaat niet (meer). Kies opnieuw."
    return None


# -- the group overview -----------------------------------------------------------------------


def _period() -> tuple[dt.date | None, dt.date | None]:
    return _date(request.args.get("van")), _date(request.args.get("tot"))


@portfolio.get("/overzicht")
@coach_only
def overview() -> ResponseReturnValue:
    project = _project()
    start, end = _period()
    counts = group_overview(store().all(), project.competences, project.tasks, start, end)
    return render_template("beheer/portfolio/overview.html", overview=counts)


@portfolio.get("/overzicht.csv")
@coach_only
def overview_file() -> ResponseReturnValue:
    project = _project()
    start, end = _period()
    counts = group_overview(store().all(), project.competences, project.tasks, start, end)
    return Response(
        overview_csv(counts).encode(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="groepsoverzicht.csv"'},
    )
