"""Loading a whole content folder into validated models, collecting every problem."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kookboek.content.allergens import check_allergens, declared_allergens
from kookboek.content.errors import ContentError, ContentErrors, display_path
from kookboek.content.menu_rules import check_menu_data
from kookboek.content.messages import translate
from kookboek.content.models import (
    Competence,
    Playbook,
    PolicyRecommendation,
    PriceList,
    Publication,
    Recipe,
    Task,
    WeekMenu,
)
from kookboek.content.parse_cache import SourceCache
from kookboek.content.recipe_rules import check_recipe_data, check_times
from kookboek.content.slugs import slugify
from kookboek.content.source import SourceError, SourceFile, read_markdown, read_yaml
from kookboek.content.text_safety import text_problems
from kookboek.content.warnings import recipe_warnings
from kookboek.pricing.cost import RecipeCost, cost_recipe

RECIPES_DIR = "recepten"
PUBLICATIONS_DIR = "publicaties"
PLAYBOOKS_DIR = "tools/draaiboeken"
RECOMMENDATIONS_DIR = "tools/beleidsaanbevelingen"
MENUS_DIR = "weekmenus"
MARKDOWN_FILES = ("*.md",)
YAML_FILES = ("*.yml", "*.yaml")
PRICES_FILE = "prijzen.yml"
COMPETENCES_FILE = "competenties.yml"
# The tasks of a cooking session (for the participants' portfolios); optional.
TASKS_FILE = "taken.yml"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Project:
    """Everything that is published, validated, with each recipe's computed cost.

    Every recipe's ``allergens`` is known: what its file states, or else what its
    ingredients bring (``content/allergens.py``). ``warnings`` did not stop the loading but
    should be shown to the coach.
    """

    content_dir: Path
    prices: PriceList
    competences: tuple[Competence, ...]
    recipes: tuple[Recipe, ...]
    costs: Mapping[str, RecipeCost]
    publications: tuple[Publication, ...] = ()
    playbooks: tuple[Playbook, ...] = ()
    recommendations: tuple[PolicyRecommendation, ...] = ()
    #: Example week menus, each meal naming a recipe of ``recipes``.
    menus: tuple[WeekMenu, ...] = ()
    #: The tasks of a cooking session (``taken.yml``), each naming competences of ``competences``.
    tasks: tuple[Task, ...] = ()
    #: Things to look at that do not stop the build ("Let op"), sorted by file and line.
    warnings: tuple[ContentError, ...] = ()
    competence_by_id: Mapping[str, Competence] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "competence_by_id", {c.id: c for c in self.competences})

    def summary(self) -> str:
        """The last line of ``kookboek check`` (the warnings, if any, come before it)."""
        tools = len(self.playbooks) + len(self.recommendations)
        line = (
            f"Alles in orde: {len(self.recipes)} recepten, {len(self.publications)} "
            f"publicaties, {tools} tools ({len(self.playbooks)} draaiboeken, "
            f"{len(self.recommendations)} beleidsaanbevelingen)"
        )
        if self.menus:
            count = len(self.menus)
            line += f", {count} weekmenu" if count == 1 else f", {count} weekmenu's"
        line += "."
        if self.warnings:
            count = len(self.warnings)
            line += f" Lees {'de waarschuwing' if count == 1 else f'de {count} waarschuwingen'} "
            line += "hierboven na."
        return line


def load_project(content_dir: Path, parse_cache: Path | None = None) -> Project:
    """Load and validate ``content_dir``; raise ``ContentErrors`` listing every problem.

    ``parse_cache``: a file where parsed content files are kept between runs.
    """
    loader = _Loader(content_dir, SourceCache(parse_cache))
    project = loader.load()
    loader.sources.save()
    if loader.errors or project is None:
        raise ContentErrors(loader.errors, loader.warnings)
    return project


def load_prices(content_dir: Path) -> PriceList:
    """Only the price list, with every check a full load makes (the form needs no more)."""
    return _load_one(content_dir, PRICES_FILE, lambda src: PriceList.model_validate(src.data))


def load_competences(content_dir: Path) -> tuple[Competence, ...]:
    """Only the competences, with every check a full load makes."""
    return _load_one(content_dir, COMPETENCES_FILE, _competences)


def load_tasks(content_dir: Path) -> tuple[Task, ...]:
    """The tasks of ``taken.yml`` (none when the file is absent), checked against the
    competences; raises ``ContentErrors`` listing every problem of both files."""
    if not (content_dir / TASKS_FILE).is_file():
        return ()
    loader = _Loader(content_dir, SourceCache())
    competences = loader._load_data(COMPETENCES_FILE, _competences)
    ids = {c.id for c in competences} if competences is not None else None
    tasks: tuple[Task, ...] | None = loader._load_data(
        TASKS_FILE, lambda source: _tasks(source, ids)
    )
    if loader.errors or tasks is None:
        raise ContentErrors(loader.errors)
    return tasks


T = TypeVar("T")


def _load_one(content_dir: Path, name: str, build: Callable[[SourceFile], T]) -> T:
    loader = _Loader(content_dir, SourceCache())
    found: T | None = loader._load_data(name, build)
    if loader.errors or found is None:
        raise ContentErrors(loader.errors)
    return found


def content_files(folder: Path, patterns: tuple[str, ...] = MARKDOWN_FILES) -> list[Path]:
    if not folder.is_dir():
        return []
    found = {p for pattern in patterns for p in folder.rglob(pattern) if p.name != "index.md"}
    return sorted(found)


class _Loader:
    def __init__(self, content_dir: Path, sources: SourceCache) -> None:
        self.content_dir = content_dir
        self.sources = sources
        self.errors: list[ContentError] = []
        self.warnings: list[ContentError] = []

    def load(self) -> Project | None:
        if not self.content_dir.is_dir():
            self.errors.append(
                ContentError(display_path(self.content_dir), 0, "", "deze map bestaat niet.")
            )
            return None
        prices = self._load_data(PRICES_FILE, lambda src: PriceList.model_validate(src.data))
        competences = self._load_data(COMPETENCES_FILE, _competences)
        competence_ids = [c.id for c in competences] if competences is not None else None

        def recipe_rules(data: dict[str, Any], source: SourceFile) -> list[ContentError]:
            allergens = check_allergens(data, source, prices)
            self.warnings.extend(allergens.warnings)
            return [
                *check_recipe_data(data, source, self.content_dir, competence_ids, prices),
                *check_times(data, source),
                *allergens.errors,
            ]

        recipes = self._load_documents(RECIPES_DIR, Recipe, recipe_rules)
        publications = self._load_documents(PUBLICATIONS_DIR, Publication)
        playbooks = self._load_documents(PLAYBOOKS_DIR, Playbook)
        recommendations = self._load_documents(RECOMMENDATIONS_DIR, PolicyRecommendation)
        self._check_unique_numbers(recommendations)
        # Every recipe file counts, also one with an error: that error is reported already.
        recipe_slugs = {p.stem for p in content_files(self.content_dir / RECIPES_DIR)}
        menus = self._load_documents(
            MENUS_DIR,
            WeekMenu,
            lambda data, source: check_menu_data(data, source, recipe_slugs),
            patterns=YAML_FILES,
        )

        tasks: tuple[Task, ...] | None = ()
        if (self.content_dir / TASKS_FILE).is_file():
            known = set(competence_ids) if competence_ids is not None else None
            tasks = self._load_data(TASKS_FILE, lambda source: _tasks(source, known))

        # Also in a run with errors: the coach sees everything to look at at once.
        self.warnings.extend(recipe_warnings(recipes))
        if prices is None or competences is None or tasks is None or self.errors:
            return None
        # Every pricing problem was reported by the rules above, so pricing cannot fail here.
        costs = {recipe.slug: cost_recipe(recipe, prices) for recipe, _ in recipes}
        return Project(
            content_dir=self.content_dir,
            prices=prices,
            competences=competences,
            # Every allergen problem was reported too, so the allergens are known here.
            recipes=tuple(
                r.model_copy(update={"allergens": declared_allergens(r, prices)})
                for r, _ in recipes
            ),
            costs=costs,
            publications=tuple(p for p, _ in publications),
            playbooks=tuple(p for p, _ in playbooks),
            recommendations=tuple(sorted((r for r, _ in recommendations), key=lambda r: r.number)),
            menus=tuple(m for m, _ in menus),
            tasks=tasks,
            warnings=tuple(sorted(self.warnings)),
        )

    # -- data files ---------------------------------------------------------------------------

    def _load_data(self, name: str, build: Callable[[SourceFile], Any]) -> Any:
        path = self.content_dir / name
        if not path.is_file():
            self.errors.append(ContentError(display_path(path), 0, "", "dit bestand ontbreekt."))
            return None
        try:
            source = read_yaml(path)
        except SourceError as exc:
            self.errors.append(exc.error)
            return None
        hidden = text_problems(source)
        if hidden:
            self.errors.extend(hidden)
            return None
        try:
            return build(source)
        except ValidationError as exc:
            models: dict[str, type[BaseModel]] = {PRICES_FILE: PriceList, TASKS_FILE: Task}
            model = models.get(name, Competence)
            self.errors.extend(translate(exc, source, model))
            return None
        except _DataErrors as exc:
            self.errors.extend(exc.errors)
            return None

    # -- Markdown documents -------------------------------------------------------------------

    def _load_documents(
        self,
        folder: str,
        model: type[M],
        rules: Callable[[dict[str, Any], SourceFile], list[ContentError]] | None = None,
        patterns: tuple[str, ...] = MARKDOWN_FILES,
    ) -> list[tuple[M, SourceFile]]:
        """Every file of ``folder``: Markdown with frontmatter, or plain YAML (``patterns``)."""
        loaded: list[tuple[M, SourceFile]] = []
        slugs: dict[str, SourceFile] = {}
        markdown = patterns == MARKDOWN_FILES
        for path in content_files(self.content_dir / folder, patterns):
            try:
                source = read_markdown(path, self.sources) if markdown else read_yaml(path)
            except SourceError as exc:
                self.errors.append(exc.error)
                continue
            slug = slugify(path.stem)
            if slug != path.stem:
                self.errors.append(
                    source.error(
                        (),
                        f"de bestandsnaam wordt het webadres: gebruik alleen kleine "
                        f"letters, cijfers en koppeltekens, zoals '{slug}{path.suffix}'.",
                    )
                )
                continue
            if slug in slugs:
                self.errors.append(
                    source.error(
                        (),
                        f"dezelfde naam als {slugs[slug].display}: geef een van "
                        "beide bestanden een andere naam.",
                    )
                )
                continue
            slugs[slug] = source
            if not isinstance(source.data, dict):
                where = "bovenaan " if markdown else ""
                self.errors.append(
                    source.error(
                        (), f"de gegevens {where}moeten velden zijn (titel: ..., enzovoort)."
                    )
                )
                continue
            self.errors.extend(text_problems(source))
            if rules is not None:
                self.errors.extend(rules(source.data, source))
            data = {**source.data, "slug": slug, "source": path}
            if markdown:
                data["body"] = source.body
            try:
                loaded.append((model.model_validate(data), source))
            except ValidationError as exc:
                self.errors.extend(translate(exc, source, model))
        return loaded

    def _check_unique_numbers(
        self, recommendations: list[tuple[PolicyRecommendation, SourceFile]]
    ) -> None:
        owners: dict[int, SourceFile] = {}
        for recommendation, source in recommendations:
            other = owners.get(recommendation.number)
            if other is not None:
                self.errors.append(
                    source.error(
                        ("nummer",), f"nummer {recommendation.number} heeft ook {other.display}."
                    )
                )
            owners.setdefault(recommendation.number, source)


class _DataErrors(Exception):
    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def _competences(source: SourceFile) -> tuple[Competence, ...]:
    if not isinstance(source.data, list):
        raise _DataErrors(
            [
                source.error(
                    (),
                    "moet een lijst van competenties zijn (- id: ..., naam: ..., uitleg: ...).",
                )
            ]
        )
    found: list[Competence] = []
    problems: list[ContentError] = []
    seen: set[str] = set()
    for index, item in enumerate(source.data):
        try:
            competence = Competence.model_validate(item)
        except ValidationError as exc:
            problems.extend(translate(exc, source, Competence, prefix=(index,)))
            continue
        if competence.id in seen:
            problems.append(
                source.error((index, "id"), f"'{competence.id}' staat er twee keer in.")
            )
        seen.add(competence.id)
        found.append(competence)
    if problems:
        raise _DataErrors(problems)
    return tuple(found)


def _tasks(source: SourceFile, competence_ids: set[str] | None) -> tuple[Task, ...]:
    """``taken.yml``: a list of tasks, each naming known competences (``competence_ids``;
    None when competenties.yml itself has problems, which are reported on their own)."""
    if not isinstance(source.data, list):
        raise _DataErrors(
            [
                source.error(
                    (),
                    "moet een lijst van taken zijn (- id: ..., naam: ..., competenties: [...]).",
                )
            ]
        )
    found: list[Task] = []
    problems: list[ContentError] = []
    seen: set[str] = set()
    for index, item in enumerate(source.data):
        try:
            task = Task.model_validate(item)
        except ValidationError as exc:
            problems.extend(translate(exc, source, Task, prefix=(index,)))
            continue
        if task.id in seen:
            problems.append(source.error((index, "id"), f"'{task.id}' staat er twee keer in."))
        seen.add(task.id)
        for position, competence in enumerate(task.competences):
            if competence_ids is not None and competence not in competence_ids:
                problems.append(
                    source.error(
                        (index, "competenties", position),
                        f"'{competence}' staat niet in competenties.yml. Kies uit: "
                        f"{', '.join(sorted(competence_ids))}.",
                    )
                )
        found.append(task)
    if problems:
        raise _DataErrors(problems)
    return tuple(found)
