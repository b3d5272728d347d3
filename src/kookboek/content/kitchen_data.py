"""The price list and the competences, read on their own (the form needs nothing else)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from kookboek.content.errors import ContentError, ContentErrors, display_path
from kookboek.content.messages import translate
from kookboek.content.models import Competence, PriceList
from kookboek.content.project import COMPETENCES_FILE, PRICES_FILE
from kookboek.content.source import SourceError, SourceFile, read_yaml


def load_prices(content_dir: Path) -> PriceList:
    path = content_dir / PRICES_FILE
    source = _read(path)
    try:
        return PriceList.model_validate(source.data)
    except ValidationError as exc:
        raise ContentErrors(translate(exc, source, PriceList)) from None


def load_competences(content_dir: Path) -> tuple[Competence, ...]:
    path = content_dir / COMPETENCES_FILE
    source = _read(path)
    if not isinstance(source.data, list):
        raise ContentErrors([source.error((), "moet een lijst van competenties zijn.")])
    found: list[Competence] = []
    problems: list[ContentError] = []
    for index, item in enumerate(source.data):
        try:
            found.append(Competence.model_validate(item))
        except ValidationError as exc:
            problems.extend(translate(exc, source, Competence, prefix=(index,)))
    if problems:
        raise ContentErrors(problems)
    return tuple(found)


def _read(path: Path) -> SourceFile:
    if not path.is_file():
        raise ContentErrors([ContentError(display_path(path), 0, "", "dit bestand ontbreekt.")])
    try:
        return read_yaml(path)
    except SourceError as exc:
        raise ContentErrors([exc.error]) from None
