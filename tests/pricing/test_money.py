from __future__ import annotations

from decimal import Decimal

import pytest

from kookboek.pricing.money import format_amount, format_money, to_cents


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0.85", "€\xa00,85"),
        ("0.845", "€\xa00,85"),
        ("1234.5", "€\xa01.234,50"),
        ("0", "€\xa00,00"),
    ],
)
def test_money_is_shown_the_belgian_way(value: str, shown: str) -> None:
    assert format_money(Decimal(value)) == shown


@pytest.mark.parametrize(("value", "shown"), [("1.50", "1,5"), ("250", "250"), ("0.125", "0,13")])
def test_amounts_drop_needless_decimals(value: str, shown: str) -> None:
    assert format_amount(Decimal(value)) == shown


def test_cents_round_half_up() -> None:
    assert to_cents(Decimal("0.005")) == Decimal("0.01")
    assert to_cents(Decimal("0.0049")) == Decimal("0.00")
