"""Pydantic's validation errors, told in plain Dutch with the field and its line."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kookboek.content.errors import ContentError
from kookboek.content.source import Location, SourceFile
from kookboek.content.vocabulary import UNIT_SYNONYMS


def known_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items() if not info.exclude]


def suggest(word: str, options: Iterable[str]) -> str:
    choices = list(options)
    synonym = UNIT_SYNONYMS.get(word.strip().lower())
    if synonym in choices:
        return f" Bedoel je '{synonym}'?"
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Bedoel je '{match[0]}'?" if match else ""


def translate(
    exc: ValidationError,
    source: SourceFile,
    model: type[BaseModel],
    prefix: Location = (),
) -> list[ContentError]:
    """One Dutch ``ContentError`` per problem pydantic found, none lost."""
    errors: list[ContentError] = []
    details = exc.errors(include_url=False)
    item_problems = {
        tuple(d["loc"][:index])
        for d in details
        for index, part in enumerate(d["loc"])
        if isinstance(part, int)
    }
    for detail in details:
        if detail["type"] == "too_short" and tuple(detail["loc"]) in item_problems:
            continue  # the list is not empty: its items are wrong, and those are reported
        location: Location = (*prefix, *detail["loc"])
        message = _message(detail, _model_at(model, detail["loc"]))
        errors.append(source.error(location, message))
    return errors


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel]:
    """The (nested) model that owns the last part of ``loc``, to suggest its keys."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        for name, info in current.model_fields.items():
            if part in (name, info.alias):
                inner = _nested_model(info.annotation)
                if inner is not None:
                    current = inner
    return current


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def visible(value: Any) -> str:
    """A value as a coach can see it: invisible characters (zero-width, direction) made visible."""
    text = "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in {"Cf", "Cc", "Co", "Cn"} else ch
        for ch in str(value)
    )
    return text if len(text) <= 40 else text[:37] + "..."


def _message(detail: ErrorDetails, model: type[BaseModel]) -> str:
    kind = detail["type"]
    value = detail.get("input")
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    key = str(detail["loc"][-1]) if detail["loc"] else ""
    if kind == "missing":
        return "dit verplichte veld ontbreekt."
    if kind == "extra_forbidden":
        return "onbekend veld." + suggest(key, known_keys(model))
    if value is None:
        return "dit veld is leeg. Vul een waarde in of laat het veld weg."
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"moet een geheel getal zijn (zoals 4), niet '{visible(value)}'."
    if kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type"}:
        if "," in str(value):
            with_point = visible(str(value).replace(",", "."))
            return (
                f"schrijf een punt, geen komma (komma → punt): {with_point} in plaats van "
                f"{visible(value)}."
            )
        return f"moet een getal zijn (zoals 2.5), niet '{visible(value)}'."
    if kind in {"decimal_max_places"}:
        return f"heeft te veel cijfers na de komma (hoogstens {ctx.get('decimal_places')})."
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        return f"het getal '{visible(value)}' is te groot."
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return _bounds(kind, ctx, value)
    if kind in {"string_too_short"}:
        return "mag niet leeg zijn."
    if kind in {"string_too_long"}:
        return f"is te lang (hoogstens {ctx.get('max_length')} tekens)."
    if kind == "string_type":
        return f"moet tekst zijn, niet '{visible(value)}'."
    if kind == "string_pattern_mismatch" and "esco" in str(ctx.get("pattern", "")):
        return (
            f"'{visible(value)}' is geen webadres van een ESCO-vaardigheid. Kopieer het van "
            "esco.ec.europa.eu, zoals http://data.europa.eu/esco/skill/"
            "60c78287-22eb-4103-9c8c-28deaa460da0."
        )
    if kind == "string_pattern_mismatch":
        return (
            f"'{visible(value)}' is geen geldige code: gebruik kleine letters, cijfers en "
            "koppeltekens (zoals hygiene-en-veiligheid)."
        )
    if kind in {"too_short"}:
        return "de lijst mag niet leeg zijn."
    if kind in {"too_long"}:
        return f"de lijst is te lang (hoogstens {ctx.get('max_length')} items)."
    if kind in {"list_type", "tuple_type"}:
        return f"moet een lijst zijn, zoals [een, twee], niet '{visible(value)}'."
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "moet velden bevatten, zoals {naam: ..., hoeveelheid: ..., eenheid: ...}."
    if kind in {
        "date_parsing",
        "date_type",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    }:
        return f"moet een datum zijn zoals 2026-10-14, niet '{visible(value)}'."
    if kind in {"bool_parsing", "bool_type"}:
        return f"moet true of false zijn, niet '{visible(value)}'."
    if kind in {"literal_error", "enum"}:
        options = [
            o.strip(" '")
            for o in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
            if o.strip(" '")
        ]
        return (
            f"onbekende waarde '{visible(value)}'.{suggest(str(value), options)} "
            f"Kies uit: {', '.join(options)}."
        )
    if kind in {"frozen_set_type", "set_type"}:
        return "moet een lijst zijn."
    return f"ongeldige waarde '{visible(value)}'."


def _bounds(kind: str, ctx: dict[str, Any], value: Any) -> str:
    if kind == "greater_than":
        return f"moet groter zijn dan {ctx['gt']}, niet {visible(value)}."
    if kind == "greater_than_equal":
        return f"moet minstens {ctx['ge']} zijn, niet {visible(value)}."
    if kind == "less_than":
        return f"moet kleiner zijn dan {ctx['lt']}, niet {visible(value)}."
    return f"mag hoogstens {ctx['le']} zijn, niet {visible(value)}."
