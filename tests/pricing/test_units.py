from __future__ import annotations

from decimal import Decimal

import pytest

from kookboek.content.models import PriceEntry
from kookboek.pricing.units import ConversionError, convert

FLOUR = PriceEntry(naam="bloem", prijs=Decimal(1), hoeveelheid=1, eenheid="kg", gram_per_el=10)
MILK = PriceEntry(naam="melk", prijs=Decimal(1), hoeveelheid=1, eenheid="l")
ONION = PriceEntry(naam="ui", prijs=Decimal(2), hoeveelheid=2, eenheid="kg", gewicht_per_stuk=150)
EGGS = PriceEntry(naam="eieren", prijs=Decimal(3), hoeveelheid=6, eenheid="stuk")


@pytest.mark.parametrize(
    ("amount", "unit", "entry", "expected"),
    [
        ("500", "g", FLOUR, "0.5"),
        ("2", "kg", FLOUR, "2"),
        ("3", "el", FLOUR, "0.03"),  # 3 × 10 g
        ("25", "cl", MILK, "0.25"),
        ("2", "tl", MILK, "0.01"),
        ("3", "stuk", ONION, "0.45"),  # 3 × 150 g in kg
        ("300", "g", ONION, "0.3"),
        ("4", "stuk", EGGS, "4"),
    ],
)
def test_conversions(amount: str, unit: str, entry: PriceEntry, expected: str) -> None:
    assert convert(Decimal(amount), unit, entry) == Decimal(expected)


@pytest.mark.parametrize(
    ("unit", "entry", "fix"),
    [
        ("g", EGGS, "gewicht_per_stuk"),
        ("el", ONION, "gram_per_el"),
        ("stuk", MILK, "'gewicht_per_stuk' en 'gram_per_el'"),
        ("stuk", FLOUR, "gewicht_per_stuk"),
    ],
)
def test_impossible_conversion_says_what_to_add(unit: str, entry: PriceEntry, fix: str) -> None:
    with pytest.raises(ConversionError, match=fix):
        convert(Decimal(1), unit, entry)
