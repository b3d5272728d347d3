"""Money and amounts shown the Belgian Dutch way (``€ 0,85``, ``1,5``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_currency, format_decimal

LOCALE = "nl_BE"
CENT = Decimal("0.01")


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def cents(value: Decimal) -> int:
    """Euros as whole cents, rounded half up."""
    return int(to_cents(value) * 100)


def euros(amount_in_cents: int) -> Decimal:
    return Decimal(amount_in_cents).scaleb(-2)


def half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half up, for whole numbers ≥ 0 and a divisor > 0."""
    return (2 * numerator + denominator) // (2 * denominator)


@lru_cache(maxsize=4096)  # a site shows the same few hundred amounts thousands of times
def format_money(value: Decimal) -> str:
    """``Decimal('0.849')`` → ``'€ 0,85'`` (with a no-break space)."""
    return str(format_currency(to_cents(value), "EUR", locale=LOCALE))


@lru_cache(maxsize=4096)  # equal amounts (1.5 and 1.50) are shown alike, so sharing is safe
def format_amount(value: Decimal) -> str:
    """A kitchen amount without needless decimals: ``1.50`` → ``'1,5'``, ``250`` → ``'250'``."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP).normalize()
    return str(format_decimal(rounded, format="#,##0.##", locale=LOCALE))
