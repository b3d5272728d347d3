"""The shopping list of a week menu: whole packages, what they cost at the till, what is left.

The list is computed twice: here, for the example menus' pages and PDFs, and in the browser
(``theme/assets/javascripts/weekmenu.js``) for a menu a visitor makes. Both start from the
same normalised data (``MenuData``, published as JSON by ``site/menus.py``) and use whole
numbers only, so that they cannot disagree:

- every amount is in thousandths of its base unit (g, ml or stuk): 250 g is 250000;
- a recipe's amounts are those for its own portions, added up per price-list entry; for a
  meal of p people each is scaled to amount × p / portions, rounded half up;
- one entry's amounts are added up over the menu: you buy ceil(total / package) packages,
  at least one, which cost packages × price at the till (in cents), and you keep
  packages × package − total;
- what the menu uses of an entry costs price × total / package, rounded half up to a cent;
- a line with its own price (``prijs`` in the recipe) costs that price × p / portions,
  rounded half up to a cent, at the till as in use; lines with the same name and dimension
  are added up;
- a "naar smaak" line is listed once, without amount or cost, unless its entry is bought
  for another recipe of the menu anyway.

Lines are grouped by shop section (``afdeling`` in the price list, in the order the list
first names them, then ``OTHER_SECTION``); inside a section, entries in the order of the
price list, then the other lines in the order the menu first names them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from kookboek.content.models import Ingredient, PriceEntry, PriceList, Recipe, normalise_name
from kookboek.pricing.money import cents, euros, half_up
from kookboek.pricing.units import BASE_UNITS, base_amount, convert, dimension, format_quantity

THOUSANDTHS = 1000
OTHER_SECTION = "Andere"
LineKind = Literal["package", "own", "to_taste"]


def ceiling(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def thousandths(value: Decimal) -> int:
    """An amount in whole thousandths (at least one: an amount in a recipe is never 0)."""
    return max(1, int((value * THOUSANDTHS).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


@dataclass(frozen=True)
class PackageEntry:
    """A price-list entry as the shopping list needs it."""

    name: str
    dimension: str  # 'gewicht', 'volume' or 'stuk' (pricing/units.py)
    package: int  # thousandths of the base unit
    package_label: str  # '2 kg', as the price list writes it
    price_cents: int
    section: int  # index into MenuData.sections


@dataclass(frozen=True)
class OwnPriced:
    """A recipe line with its own ``prijs``: bought as the recipe says, at that price."""

    name: int  # index into MenuData.names
    dimension: str
    amount: int  # thousandths of the base unit, for the recipe's own portions
    cents: int
    section: int


@dataclass(frozen=True)
class ToTaste:
    entry: int | None  # index into MenuData.entries, when the price list knows it
    name: int | None  # index into MenuData.names, when it does not
    section: int


@dataclass(frozen=True)
class RecipeAmounts:
    """What one recipe needs, for its own number of portions."""

    portions: int
    packaged: tuple[tuple[int, int], ...]  # (entry index, thousandths), one per entry
    own_priced: tuple[OwnPriced, ...] = ()
    to_taste: tuple[ToTaste, ...] = ()


@dataclass(frozen=True)
class MenuData:
    """The price list and every recipe, normalised: what both sides compute a list from."""

    shop: str
    price_date: dt.date
    sections: tuple[str, ...]  # the last one is OTHER_SECTION
    entries: tuple[PackageEntry, ...]
    names: tuple[str, ...]  # ingredients that are not bought from the price list
    recipes: Mapping[str, RecipeAmounts]


def menu_data(prices: PriceList, recipes: Sequence[Recipe]) -> MenuData:
    """Normalise a validated price list and its recipes (every line can be priced)."""
    sections: list[str] = []
    for listed in prices.entries:
        if listed.section and listed.section not in sections:
            sections.append(listed.section)
    sections.append(OTHER_SECTION)
    entry_index = {id(entry): index for index, entry in enumerate(prices.entries)}

    def section_of(entry: PriceEntry | None) -> int:
        if entry is None or not entry.section:
            return len(sections) - 1
        return sections.index(entry.section)

    entries = tuple(
        PackageEntry(
            name=priced.name,
            dimension=dimension(priced.unit),
            package=thousandths(base_amount(priced.amount, priced.unit)),
            package_label=format_quantity(priced.amount, priced.unit),
            price_cents=cents(priced.price),
            section=section_of(priced),
        )
        for priced in prices.entries
    )
    names: dict[str, int] = {}
    spelled: list[str] = []

    def name_index(name: str) -> int:
        key = normalise_name(name)
        if key not in names:
            names[key] = len(spelled)
            spelled.append(name)
        return names[key]

    amounts: dict[str, RecipeAmounts] = {}
    for recipe in recipes:
        packaged: dict[int, int] = {}
        own: dict[tuple[int, str], OwnPriced] = {}
        to_taste: dict[tuple[int | None, int | None], ToTaste] = {}
        for ingredient in recipe.ingredients:
            entry = prices.find(ingredient.name)
            if ingredient.to_taste:
                if entry is not None:
                    key: tuple[int | None, int | None] = (entry_index[id(entry)], None)
                else:
                    key = (None, name_index(ingredient.name))
                to_taste.setdefault(key, ToTaste(*key, section_of(entry)))
            elif ingredient.price is not None:
                line = _own_priced(ingredient, name_index(ingredient.name), section_of(entry))
                earlier = own.get((line.name, line.dimension))
                if earlier is not None:
                    line = OwnPriced(
                        line.name,
                        line.dimension,
                        earlier.amount + line.amount,
                        earlier.cents + line.cents,
                        line.section,
                    )
                own[(line.name, line.dimension)] = line
            else:
                if entry is None or ingredient.amount is None or ingredient.unit is None:
                    raise ValueError(f"{recipe.slug}: '{ingredient.name}' cannot be priced")
                used = convert(ingredient.amount, ingredient.unit, entry)
                index = entry_index[id(entry)]
                packaged[index] = packaged.get(index, 0) + thousandths(
                    base_amount(used, entry.unit)
                )
        amounts[recipe.slug] = RecipeAmounts(
            portions=recipe.portions,
            packaged=tuple(packaged.items()),
            own_priced=tuple(own.values()),
            to_taste=tuple(to_taste.values()),
        )
    return MenuData(
        shop=prices.shop,
        price_date=prices.price_date,
        sections=tuple(sections),
        entries=entries,
        names=tuple(spelled),
        recipes=amounts,
    )


def _own_priced(ingredient: Ingredient, name: int, section: int) -> OwnPriced:
    assert ingredient.amount is not None and ingredient.unit is not None
    assert ingredient.price is not None
    return OwnPriced(
        name=name,
        dimension=dimension(ingredient.unit),
        amount=thousandths(base_amount(ingredient.amount, ingredient.unit)),
        cents=cents(ingredient.price),
        section=section,
    )


def quantity_text(amount: int, of_dimension: str) -> str:
    """Thousandths of a base unit as a cook reads them: ``600 g``, ``1,45 kg``, ``3 stuks``,
    ``2,5 g``: whole grams and millilitres from 10 on, else one decimal; kilograms, litres
    and pieces with up to two."""
    unit = BASE_UNITS[of_dimension]
    factor, decimals = THOUSANDTHS, 2
    if unit != "stuk":
        if amount >= 1000 * THOUSANDTHS:
            unit, factor = {"g": "kg", "ml": "l"}[unit], factor * 1000
        else:
            decimals = 0 if amount >= 10 * THOUSANDTHS else 1
    rounded = half_up(amount * 10**decimals, factor)
    return format_quantity(Decimal(rounded).scaleb(-decimals), unit)


@dataclass(frozen=True)
class ShoppingLine:
    kind: LineKind
    name: str  # the price list's name, or the recipe's when the price list has none
    section: int
    order: int
    dimension: str = ""
    used: int = 0  # thousandths of the base unit
    packages: int | None = None
    package_label: str = ""
    leftover: int = 0
    till_cents: int = 0
    used_cents: int = 0

    @property
    def used_text(self) -> str:
        return quantity_text(self.used, self.dimension)

    @property
    def leftover_text(self) -> str:
        return quantity_text(self.leftover, self.dimension)

    @property
    def till(self) -> Decimal:
        return euros(self.till_cents)

    @property
    def detail(self) -> str:
        """The line in words (weekmenu.js writes the same words)."""
        if self.kind == "to_taste":
            return "Naar smaak: telt niet mee in de prijs."
        if self.kind == "own":
            return (
                f"Je gebruikt {self.used_text}. Eigen prijs uit het recept, niet uit de prijslijst."
            )
        kept = (
            f"Je houdt {self.leftover_text} {self.name} over."
            if self.leftover
            else ("Je houdt niets over.")
        )
        return f"Koop {self.packages} × {self.package_label}. Je gebruikt {self.used_text}. {kept}"


@dataclass(frozen=True)
class ShoppingSection:
    name: str
    lines: tuple[ShoppingLine, ...]


@dataclass(frozen=True)
class ShoppingList:
    sections: tuple[ShoppingSection, ...]
    till_cents: int  # what the whole list costs at the till
    used_cents: int  # what the menu uses of it
    portions: int  # people × meals: every plate of the menu
    meals: int
    shop: str
    price_date: dt.date

    @property
    def till(self) -> Decimal:
        return euros(self.till_cents)

    @property
    def used(self) -> Decimal:
        return euros(self.used_cents)

    @property
    def per_person(self) -> Decimal:
        return euros(self.per_person_cents)

    @property
    def per_person_cents(self) -> int:
        """What one plate costs, from what you pay at the till."""
        return half_up(self.till_cents, self.portions) if self.portions else 0

    @property
    def lines(self) -> tuple[ShoppingLine, ...]:
        return tuple(line for section in self.sections for line in section.lines)


def shopping_list(data: MenuData, meals: Sequence[tuple[str, int]]) -> ShoppingList:
    """The list for ``meals``: (recipe slug, people) pairs, each slug one of ``data``'s."""
    totals: dict[int, int] = {}
    own: dict[tuple[int, str], tuple[int, int, int]] = {}  # → amount, cents, section
    to_taste: dict[tuple[int | None, int | None], ToTaste] = {}
    for slug, people in meals:
        recipe = data.recipes[slug]
        for index, amount in recipe.packaged:
            totals[index] = totals.get(index, 0) + half_up(amount * people, recipe.portions)
        for line in recipe.own_priced:
            amount, paid, _ = own.get((line.name, line.dimension), (0, 0, line.section))
            own[(line.name, line.dimension)] = (
                amount + half_up(line.amount * people, recipe.portions),
                paid + half_up(line.cents * people, recipe.portions),
                line.section,
            )
        for item in recipe.to_taste:
            to_taste.setdefault((item.entry, item.name), item)

    lines: list[ShoppingLine] = []
    for index, total in totals.items():
        bought = data.entries[index]
        packages = max(1, ceiling(total, bought.package))
        lines.append(
            ShoppingLine(
                kind="package",
                name=bought.name,
                section=bought.section,
                order=line_order(data, entry=index),
                dimension=bought.dimension,
                used=total,
                packages=packages,
                package_label=bought.package_label,
                leftover=packages * bought.package - total,
                till_cents=packages * bought.price_cents,
                used_cents=half_up(bought.price_cents * total, bought.package),
            )
        )
    for (name, of_dimension), (amount, paid, section) in own.items():
        lines.append(
            ShoppingLine(
                kind="own",
                name=data.names[name],
                section=section,
                order=line_order(data, name=name, kind=of_dimension),
                dimension=of_dimension,
                used=amount,
                till_cents=paid,
                used_cents=paid,
            )
        )
    for (entry_index, name_index), item in to_taste.items():
        if entry_index is not None and entry_index in totals:
            continue  # bought for another meal anyway
        if entry_index is not None:
            shown = data.entries[entry_index].name
        else:
            assert name_index is not None
            shown = data.names[name_index]
        lines.append(
            ShoppingLine(
                kind="to_taste",
                name=shown,
                section=item.section,
                order=line_order(data, entry=entry_index, name=name_index, kind="to_taste"),
            )
        )

    sections = tuple(
        ShoppingSection(
            name,
            tuple(sorted((line for line in lines if line.section == index), key=_by_order)),
        )
        for index, name in enumerate(data.sections)
    )
    return ShoppingList(
        sections=tuple(section for section in sections if section.lines),
        till_cents=sum(line.till_cents for line in lines),
        used_cents=sum(line.used_cents for line in lines),
        portions=sum(people for _, people in meals),
        meals=len(meals),
        shop=data.shop,
        price_date=data.price_date,
    )


def _by_order(line: ShoppingLine) -> int:
    return line.order


_KIND_RANK = {"gewicht": 0, "volume": 1, "stuk": 2, "to_taste": 3}


def line_order(
    data: MenuData, *, entry: int | None = None, name: int | None = None, kind: str = ""
) -> int:
    """Where a line stands in its section: entries as in the price list, then the other
    names as first written in the recipes (own prices by dimension, then "naar smaak")."""
    if entry is not None:
        return entry * 4
    assert name is not None
    return (len(data.entries) + name) * 4 + _KIND_RANK[kind]
