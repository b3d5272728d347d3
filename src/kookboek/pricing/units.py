"""Kitchen units: conversion within mass and volume, and via pieces or spoons when known."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from kookboek.content.models import PriceEntry
from kookboek.content.vocabulary import UNIT_NAMES
from kookboek.pricing.money import format_amount

GRAMS: Final[dict[str, Decimal]] = {"g": Decimal(1), "kg": Decimal(1000)}
MILLILITRES: Final[dict[str, Decimal]] = {
    "ml": Decimal(1),
    "cl": Decimal(10),
    "dl": Decimal(100),
    "l": Decimal(1000),
    "el": Decimal(15),
    "tl": Decimal(5),
}
TABLESPOON_ML: Final = MILLILITRES["el"]
#: The unit every amount of a dimension can be written in without a fraction of a unit.
BASE_UNITS: Final[dict[str, str]] = {"gewicht": "g", "volume": "ml", "stuk": "stuk"}


def format_quantity(amount: Decimal, unit: str) -> str:
    """``250 g``, ``1 eetlepel``, ``2 eetlepels``: the one way an amount is written."""
    singular, plural = UNIT_NAMES[unit]
    return f"{format_amount(amount)} {singular if amount <= 1 else plural}"


class ConversionError(ValueError):
    """A recipe amount that cannot be expressed in the unit its price is given in."""


def dimension(unit: str) -> str:
    if unit in GRAMS:
        return "gewicht"
    if unit in MILLILITRES:
        return "volume"
    return "stuk"


def convert(amount: Decimal, unit: str, entry: PriceEntry) -> Decimal:
    """``amount`` of ``unit`` expressed in the unit of ``entry`` (its package unit)."""
    source, target = dimension(unit), dimension(entry.unit)
    if source == target:
        return amount * _factor(unit) / _factor(entry.unit)
    grams = _to_grams(amount, unit, entry)
    if grams is None:
        raise ConversionError(_impossible(unit, entry))
    converted = _from_grams(grams, entry)
    if converted is None:
        raise ConversionError(_impossible(unit, entry))
    return converted


def base_amount(amount: Decimal, unit: str) -> Decimal:
    """``amount`` of ``unit`` in the base unit of its dimension: 2 kg → 2000 (g), 2 el → 30 (ml)."""
    return amount * _factor(unit)


def _factor(unit: str) -> Decimal:
    return GRAMS.get(unit) or MILLILITRES.get(unit) or Decimal(1)


def _to_grams(amount: Decimal, unit: str, entry: PriceEntry) -> Decimal | None:
    if unit in GRAMS:
        return amount * GRAMS[unit]
    if unit == "stuk":
        return amount * entry.grams_per_piece if entry.grams_per_piece else None
    if entry.grams_per_tablespoon:
        return amount * MILLILITRES[unit] / TABLESPOON_ML * entry.grams_per_tablespoon
    return None


def _from_grams(grams: Decimal, entry: PriceEntry) -> Decimal | None:
    if entry.unit in GRAMS:
        return grams / GRAMS[entry.unit]
    if entry.unit == "stuk":
        return grams / entry.grams_per_piece if entry.grams_per_piece else None
    if entry.grams_per_tablespoon:
        return grams / entry.grams_per_tablespoon * TABLESPOON_ML / MILLILITRES[entry.unit]
    return None


def _impossible(unit: str, entry: PriceEntry) -> str:
    usable = {"gewicht": "g of kg", "volume": "ml, cl, dl, l, el of tl", "stuk": "stuk"}
    dimensions = {dimension(unit), dimension(entry.unit)}
    where = f"aan '{entry.name}' in prijzen.yml"
    if dimensions == {"stuk", "gewicht"}:
        extra = f"voeg 'gewicht_per_stuk' (gram per stuk) toe {where}"
    elif dimensions == {"volume", "gewicht"}:
        extra = f"voeg 'gram_per_el' (gram per eetlepel) toe {where}"
    else:
        extra = f"voeg 'gewicht_per_stuk' en 'gram_per_el' toe {where}"
    return (
        f"de prijs van '{entry.name}' staat per {entry.unit} in prijzen.yml, maar het recept "
        f"gebruikt '{unit}'. Schrijf de hoeveelheid in {usable[dimension(entry.unit)]}, "
        f"of {extra}."
    )
