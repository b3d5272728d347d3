"""The attendance spreadsheet the projects keep, read into the portfolios.

Columns: ``datum,deelnemer,recept,competenties,observatie,toestemming``, separated by commas
or by semicolons (what Excel writes in Dutch), UTF-8 with or without BOM. Every bad row is
reported with its line, and then nothing of the file is imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kookboek.content.errors import ContentError, display_path
from kookboek.portfolio.models import (
    MAX_OBSERVATION_CHARS,
    Observation,
    Portfolio,
    RecipeRef,
    SessionEntry,
)
from kookboek.portfolio.store import PortfolioStore, name_key, new_id

COLUMNS = ("datum", "deelnemer", "recept", "competenties", "observatie", "toestemming")
MAX_BYTES = 5_000_000
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


class ImportProblems(Exception):
    def __init__(self, problems: list[ContentError]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        word = "probleem" if count == 1 else "problemen"
        lines.append(
            f"{count} {word} gevonden. Er is niets ingelezen: pas het bestand aan en "
            "probeer opnieuw."
        )
        return "\n".join(lines)


@dataclass
class ImportSummary:
    sessions: int = 0  # sessions added to someone's portfolio
    observations: int = 0
    new_participants: list[str] = field(default_factory=list)
    skipped: int = 0  # rows already imported before


@dataclass(frozen=True)
class _Row:
    line: int
    date: dt.date
    name: str
    recipe: RecipeRef | None
    competences: tuple[str, ...]
    observation: str | None
    consent: dt.date | None


def parse_date(text: str) -> dt.date | None:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _decode(raw: bytes, shown: str) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportProblems([ContentError(shown, 0, "", "het bestand is te groot.")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportProblems(
            [
                ContentError(
                    shown,
                    line,
                    "",
                    "het bestand is niet in UTF-8 opgeslagen. In Excel: Opslaan als, "
                    "'CSV UTF-8 (door komma's gescheiden)'.",
                )
            ]
        ) from None


def read_rows(
    path: Path,
    competence_ids: set[str],
    recipes: Mapping[str, str],
    store: PortfolioStore,
) -> list[_Row]:
    """Every row checked; raises ``ImportProblems`` with every problem found."""
    shown = display_path(path)
    text = _decode(path.read_bytes(), shown)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[ContentError] = []
    header = next(reader, None)
    names = [h.strip().casefold() for h in header or []]
    missing = [c for c in COLUMNS if c not in names]
    if header is None or missing:
        raise ImportProblems(
            [
                ContentError(
                    shown,
                    1,
                    "",
                    f"de eerste regel moet de namen van de kolommen geven: {','.join(COLUMNS)}"
                    + (f" (ontbreekt: {', '.join(missing)})." if header else "."),
                )
            ]
        )
    index = {name: names.index(name) for name in COLUMNS}
    rows: list[_Row] = []
    consents: dict[str, tuple[dt.date, int]] = {}
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue

        def cell(column: str, cells: list[str] = cells) -> str:
            position = index[column]
            return cells[position].strip() if position < len(cells) else ""

        def problem(column: str, message: str, start: int = start) -> None:
            problems.append(ContentError(shown, start, column, message))

        date = parse_date(cell("datum"))
        if date is None:
            problem(
                "datum",
                f"'{cell('datum')}' is geen datum. Schrijf 2026-10-14 of 14/10/2026.",
            )
        name = " ".join(cell("deelnemer").split())
        if not name:
            problem("deelnemer", "de voornaam (of bijnaam) ontbreekt.")
        elif len(name) > 40 or any(ch.isdigit() for ch in name):
            problem("deelnemer", "schrijf alleen een voornaam of bijnaam (hoogstens 40 tekens).")
        recipe_text = cell("recept")
        recipe: RecipeRef | None = None
        if len(recipe_text) > 200:
            problem("recept", "is te lang (hoogstens 200 tekens).")
        elif recipe_text in recipes:
            recipe = RecipeRef(kind="recept", value=recipe_text, title=recipes[recipe_text])
        elif recipe_text:
            recipe = RecipeRef(kind="tekst", value=recipe_text, title=recipe_text)
        competences = tuple(re.split(r"[\s,]+", cell("competenties").strip()))
        competences = tuple(c.casefold() for c in competences if c)
        unknown = [c for c in competences if c not in competence_ids]
        if unknown:
            problem(
                "competenties",
                f"{', '.join(repr(u) for u in unknown)} staat niet in competenties.yml. Kies uit: "
                f"{', '.join(sorted(competence_ids))} (gescheiden door spaties).",
            )
        observation = cell("observatie") or None
        if observation and len(observation) > MAX_OBSERVATION_CHARS:
            problem(
                "observatie",
                f"is te lang ({len(observation)} tekens; hoogstens {MAX_OBSERVATION_CHARS}): "
                "schrijf één of twee zinnen.",
            )
        consent: dt.date | None = None
        if cell("toestemming"):
            consent = parse_date(cell("toestemming"))
            if consent is None:
                problem(
                    "toestemming",
                    f"'{cell('toestemming')}' is geen datum. Schrijf de dag waarop ze "
                    "toestemming gaf, zoals 2026-10-14 of 14/10/2026.",
                )
            elif name:
                earlier = consents.get(name_key(name))
                if earlier and earlier[0] != consent:
                    problem(
                        "toestemming",
                        f"een andere datum dan op regel {earlier[1]} voor {name}. Geef één datum.",
                    )
                consents.setdefault(name_key(name), (consent, start))
        if date is not None and name:
            rows.append(_Row(start, date, name, recipe, competences, observation, consent))
    # Consent is needed once per participant: in the file or given before.
    firsts: dict[str, _Row] = {}
    for row in rows:
        firsts.setdefault(name_key(row.name), row)
    for key, row in firsts.items():
        if key not in consents and not store.exists(row.name):
            problems.append(
                ContentError(
                    shown,
                    row.line,
                    "toestemming",
                    f"{row.name} heeft nog geen portfolio: vul op één regel van haar de "
                    "datum in waarop ze toestemming gaf. Zonder toestemming geen portfolio.",
                )
            )
    if not rows and not problems:
        problems.append(ContentError(shown, 2, "", "er staan geen regels in het bestand."))
    if problems:
        raise ImportProblems(problems)
    return rows


def import_csv(
    path: Path,
    store: PortfolioStore,
    competence_ids: set[str],
    recipes: Mapping[str, str],
) -> ImportSummary:
    """Check the whole file, then add its sessions and observations (not yet agreed).

    A row imported before (same person, date and recipe) is skipped, so a file can be
    imported again after new rows were added to it.
    """
    rows = read_rows(path, competence_ids, recipes, store)
    summary = ImportSummary()
    # One session per date and recipe: the rows of everyone who was there share its id.
    session_ids: dict[tuple[dt.date, str], str] = {}
    portfolios: dict[str, Portfolio] = {}
    author = f"ingelezen uit {path.name}"[:200]
    for row in rows:
        key = name_key(row.name)
        if key not in portfolios:
            if store.exists(row.name):
                portfolios[key] = store.get(row.name)
            else:
                consent = next(r.consent for r in rows if name_key(r.name) == key and r.consent)
                portfolios[key] = Portfolio(name=row.name, consent_on=consent)
                summary.new_participants.append(row.name)
        portfolio = portfolios[key]
        recipe_key = row.recipe.value if row.recipe else ""
        existing = next(
            (
                s
                for s in portfolio.sessions
                if s.date == row.date and (s.recipe.value if s.recipe else "") == recipe_key
            ),
            None,
        )
        if existing is None:
            session_id = session_ids.setdefault((row.date, recipe_key), new_id())
            entry = SessionEntry(
                id=session_id, date=row.date, recipe=row.recipe, competences=row.competences
            )
            portfolio = portfolio.model_copy(update={"sessions": (*portfolio.sessions, entry)})
            summary.sessions += 1
        else:
            session_id = existing.id
            session_ids.setdefault((row.date, recipe_key), session_id)
            summary.skipped += 1
        if row.observation and row.observation not in {o.text for o in portfolio.observations}:
            observation = Observation(
                id=new_id(),
                text=row.observation,
                author=author,
                date=row.date,
                session=session_id,
                competence=row.competences[0] if len(row.competences) == 1 else None,
            )
            portfolio = portfolio.model_copy(
                update={"observations": (*portfolio.observations, observation)}
            )
            summary.observations += 1
        portfolios[key] = portfolio
    for portfolio in portfolios.values():
        store.save(portfolio)
    return summary
