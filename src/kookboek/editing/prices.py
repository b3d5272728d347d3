"""The price list edited in the browser: prices, the price date and new entries.

The coach's input is parsed field by field (a Dutch message per field, what she typed kept),
applied to ``prijzen.yml`` with a round-trip YAML library (comments, order and layout stay
as they are; only the changed values change), checked with every rule of ``kookboek check``
and compared with the current content: which recipes' cost per portion changes, and by how
much. Only then is it saved, through ``save_content_change``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarfloat import ScalarFloat

from kookboek.content.errors import ContentError, ContentErrors
from kookboek.content.models import PriceEntry, PriceList, normalise_name
from kookboek.content.project import PRICES_FILE, Project, load_prices
from kookboek.content.vocabulary import ALLERGENS, UNITS
from kookboek.editing.changes import (
    ChangedMeanwhile,
    ContentChange,
    save_content_change,
    version_of,
)
from kookboek.editing.overlay import check_with_changes, load_current
from kookboek.pricing.money import format_money

MAX_PRICE = Decimal("10000")
MAX_AMOUNT = Decimal("100000")
NEW_FIELDS = ("naam", "andere_namen", "afdeling", "prijs", "hoeveelheid", "eenheid")
NEW_OPTIONAL = ("gewicht_per_stuk",)


@dataclass
class RawPriceEdit:
    """The price form as posted: every value as typed, to show again on a problem."""

    version: str = ""
    price_date: str = ""
    #: an entry's name → its price as typed (only the entries the form showed)
    prices: dict[str, str] = field(default_factory=dict)
    #: the new entry's fields as typed (``NEW_FIELDS`` + ``NEW_OPTIONAL``)
    new: dict[str, str] = field(default_factory=dict)
    new_allergens: list[str] = field(default_factory=list)
    new_no_allergens: bool = False

    @classmethod
    def from_form(
        cls, get: Callable[[str], str | None], getlist: Callable[[str], list[str]], keys: list[str]
    ) -> RawPriceEdit:
        """From a posted form: ``prijs:<name>`` per entry, ``nieuw-<field>`` for a new one."""
        return cls(
            version=(get("versie") or "")[:100],
            price_date=(get("prijspeil") or "")[:20].strip(),
            prices={
                key.removeprefix("prijs:"): (get(key) or "")[:20].strip()
                for key in keys
                if key.startswith("prijs:")
            },
            new={
                name: (get(f"nieuw-{name}") or "")[:200].strip()
                for name in (*NEW_FIELDS, *NEW_OPTIONAL)
            },
            new_allergens=[a for a in getlist("nieuw-allergenen") if a in ALLERGENS],
            new_no_allergens=get("nieuw-geen-allergenen") == "ja",
        )

    @property
    def adds_entry(self) -> bool:
        return any(self.new.values()) or bool(self.new_allergens) or self.new_no_allergens


@dataclass(frozen=True)
class NewEntry:
    name: str
    other_names: tuple[str, ...]
    section: str | None
    price: Decimal
    amount: Decimal
    unit: str
    grams_per_piece: Decimal | None
    allergens: tuple[str, ...]


@dataclass(frozen=True)
class PriceEdit:
    """What the coach changes: only values that differ from the file."""

    price_date: dt.date | None
    #: an entry's name → (its price now, the new price)
    prices: Mapping[str, tuple[Decimal, Decimal]]
    new_entry: NewEntry | None

    @property
    def is_empty(self) -> bool:
        return self.price_date is None and not self.prices and self.new_entry is None


class PriceEditErrors(Exception):
    """Field → a Dutch message, for the form (``prijs:<name>``, ``prijspeil``, ``nieuw-…``)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def parse_price_edit(raw: RawPriceEdit, current: PriceList) -> PriceEdit:
    errors: dict[str, str] = {}
    price_date = None
    try:
        chosen = dt.date.fromisoformat(raw.price_date)
    except ValueError:
        errors["prijspeil"] = "Kies een datum, zoals 15-10-2026."
    else:
        if not dt.date(2000, 1, 1) <= chosen <= dt.date.today() + dt.timedelta(days=1):
            errors["prijspeil"] = (
                "Kies de dag waarop je de prijzen noteerde (niet later dan vandaag)."
            )
        elif chosen != current.price_date:
            price_date = chosen
    by_name: dict[str, PriceEntry] = {}
    for entry in current.entries:
        by_name.setdefault(entry.name, entry)
    prices: dict[str, tuple[Decimal, Decimal]] = {}
    for name, typed in raw.prices.items():
        found = by_name.get(name)
        if found is None:
            errors[f"prijs:{name}"] = f"'{name}' staat niet (meer) in de prijslijst."
            continue
        price = _money(typed, errors, f"prijs:{name}")
        if price is not None and price != found.price:
            prices[name] = (found.price, price)
    new_entry = _new_entry(raw, current, errors) if raw.adds_entry else None
    if errors:
        raise PriceEditErrors(errors)
    return PriceEdit(price_date, prices, new_entry)


def _number(typed: str) -> Decimal | None:
    cleaned = typed.replace("€", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _money(typed: str, errors: dict[str, str], key: str) -> Decimal | None:
    value = _number(typed)
    if value is None:
        errors[key] = "Schrijf een prijs in euro, zoals 1,29."
        return None
    if int(value.as_tuple().exponent) < -2:  # finite: _number accepts digits only
        errors[key] = "Een prijs heeft hoogstens 2 cijfers na de komma, zoals 1,29."
        return None
    if value >= MAX_PRICE:
        errors[key] = "Deze prijs is te hoog. Kijk hem na."
        return None
    return value


def _amount(typed: str, errors: dict[str, str], key: str, example: str) -> Decimal | None:
    value = _number(typed)
    if value is None or value <= 0 or value >= MAX_AMOUNT:
        errors[key] = f"Schrijf een getal groter dan 0, zoals {example}."
        return None
    if int(value.as_tuple().exponent) < -3:
        errors[key] = "Hoogstens 3 cijfers na de komma."
        return None
    return value


def _new_entry(raw: RawPriceEdit, current: PriceList, errors: dict[str, str]) -> NewEntry | None:
    before = len(errors)
    new = raw.new
    name = " ".join(new.get("naam", "").split())
    if not name:
        errors["nieuw-naam"] = "Schrijf de naam van het ingrediënt, zoals 'rode linzen'."
    elif current.find(name) is not None:
        errors["nieuw-naam"] = f"'{name}' staat al in de prijslijst. Pas daar de prijs aan."
    elif len(name) > 80:
        errors["nieuw-naam"] = "Deze naam is te lang (hoogstens 80 tekens)."
    other_names = tuple(
        dict.fromkeys(" ".join(n.split()) for n in new.get("andere_namen", "").split(","))
    )
    other_names = tuple(n for n in other_names if n)
    taken = [n for n in other_names if current.find(n) is not None]
    if taken:
        errors["nieuw-andere_namen"] = f"'{taken[0]}' staat al in de prijslijst."
    elif any(len(n) > 80 for n in other_names):
        errors["nieuw-andere_namen"] = "Een naam is hoogstens 80 tekens lang."
    price = _money(new.get("prijs", ""), errors, "nieuw-prijs")
    amount = _amount(new.get("hoeveelheid", ""), errors, "nieuw-hoeveelheid", "500")
    unit = new.get("eenheid", "")
    if unit not in UNITS:
        errors["nieuw-eenheid"] = "Kies de eenheid van de verpakking."
    grams = None
    if new.get("gewicht_per_stuk"):
        grams = _amount(new["gewicht_per_stuk"], errors, "nieuw-gewicht_per_stuk", "150")
    if raw.new_no_allergens and raw.new_allergens:
        errors["nieuw-allergenen"] = (
            "Je vinkte allergenen aan én 'geen allergenen'. Kies het een of het ander."
        )
    elif not raw.new_no_allergens and not raw.new_allergens:
        errors["nieuw-allergenen"] = (
            "Vink aan welke allergenen erin zitten (zie het etiket), of 'geen van de 14'."
        )
    section = " ".join(new.get("afdeling", "").split()) or None
    if section and len(section) > 80:
        errors["nieuw-afdeling"] = "Deze afdeling is te lang (hoogstens 80 tekens)."
    if len(errors) > before or price is None or amount is None:
        return None
    return NewEntry(
        name,
        other_names,
        section,
        price,
        amount,
        unit,
        grams,
        tuple(a for a in ALLERGENS if a in raw.new_allergens),
    )


# -- the file -------------------------------------------------------------------------------


def _yaml(text: str) -> YAML:
    """A round-trip YAML that writes the file's own list indentation back."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the coach wrote on one
    found = re.search(r"^ingredienten:\s*\n(?:\s*#.*\n)*( *)- ", text, re.MULTILINE)
    offset = len(found.group(1)) if found else 2
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def _yaml_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _yaml_price(value: Decimal) -> ScalarFloat:
    """A price always with two decimals, as a price tag shows it: 2.09, 4.40."""
    text = f"{value:.2f}"
    shown: ScalarFloat = ScalarFloat(float(text), width=len(text), prec=text.index("."))
    return shown


def _flow(items: tuple[str, ...]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def apply_price_edit(text: str, edit: PriceEdit) -> str:
    """``prijzen.yml``'s text with ``edit`` applied; everything else stays as written."""
    yaml = _yaml(text)
    data: Any = yaml.load(text)
    if edit.price_date is not None:
        data["prijspeil"] = edit.price_date
    entries = data["ingredienten"]
    for name, (_, price) in edit.prices.items():
        for entry in entries:
            if isinstance(entry, dict) and entry.get("naam") == name:
                entry["prijs"] = _yaml_price(price)
                break
    new = edit.new_entry
    if new is not None:
        entry = CommentedMap()
        entry["naam"] = new.name
        if new.section:
            entry["afdeling"] = new.section
        if new.other_names:
            entry["andere_namen"] = _flow(new.other_names)
        entry["prijs"] = _yaml_price(new.price)
        entry["hoeveelheid"] = _yaml_number(new.amount)
        entry["eenheid"] = new.unit
        if new.grams_per_piece is not None:
            entry["gewicht_per_stuk"] = _yaml_number(new.grams_per_piece)
        entry["allergenen"] = _flow(new.allergens)
        entries.append(entry)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# -- the effect -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CostEffect:
    """A recipe whose cost per portion changes."""

    slug: str
    title: str
    old: Decimal
    new: Decimal

    @property
    def shown(self) -> str:
        return f"{format_money(self.old)} → {format_money(self.new)}"

    @property
    def difference(self) -> str:
        sign = "+" if self.new > self.old else "−"
        return f"{sign} {format_money(abs(self.new - self.old))}"


@dataclass(frozen=True)
class PriceReview:
    """What saving ``edit`` would do, shown before it is saved."""

    edit: PriceEdit
    text: str
    version: str
    effects: tuple[CostEffect, ...]
    #: problems the change brings: while there are any, it cannot be saved
    problems: tuple[ContentError, ...]
    #: problems the content had already, with or without this change
    earlier_problems: tuple[ContentError, ...]
    #: every recipe could be priced before and after (else ``effects`` is incomplete)
    complete: bool

    @property
    def can_save(self) -> bool:
        return not self.problems and not self.edit.is_empty


def current_prices(content_dir: Path) -> tuple[PriceList, str]:
    """The price list as it is now, and the version a form starts from."""
    version = version_of(content_dir / PRICES_FILE)
    return load_prices(content_dir), version


def review_price_edit(
    content_dir: Path, edit: PriceEdit, version: str, workspace: Path | None = None
) -> PriceReview:
    """``edit`` applied to the file of ``version`` (the form's), checked, with its effect.

    Raises ``ChangedMeanwhile`` when the file is no longer that version. ``workspace``: see
    ``check_with_changes``."""
    if version_of(content_dir / PRICES_FILE) != version:
        raise ChangedMeanwhile([PRICES_FILE])
    text = apply_price_edit((content_dir / PRICES_FILE).read_text(encoding="utf-8"), edit)
    before, earlier = _project(lambda: load_current(content_dir, workspace))
    change = ContentChange(PRICES_FILE, text.encode("utf-8"))
    after, now = _project(lambda: check_with_changes(content_dir, [change], workspace))
    known = {(e.path, e.field, e.message) for e in earlier}
    problems = tuple(e for e in now if (e.path, e.field, e.message) not in known)
    effects: list[CostEffect] = []
    if before is not None and after is not None:
        titles = {r.slug: r.title for r in after.recipes}
        for slug, cost in after.costs.items():
            old = before.costs.get(slug)
            if old is not None and old.per_portion != cost.per_portion:
                effects.append(CostEffect(slug, titles[slug], old.per_portion, cost.per_portion))
    effects.sort(key=lambda e: (-abs(e.new - e.old), e.title.casefold()))
    return PriceReview(
        edit,
        text,
        version,
        tuple(effects),
        problems,
        tuple(earlier),
        before is not None and after is not None,
    )


def _project(load: Callable[[], Project]) -> tuple[Project | None, list[ContentError]]:
    try:
        return load(), []
    except ContentErrors as exc:
        return None, exc.errors


def save_price_edit(content_dir: Path, review: PriceReview, author: str | None = None) -> None:
    """Write the reviewed file; ``ChangedMeanwhile`` when prijzen.yml changed since the
    form was opened."""
    save_content_change(
        content_dir,
        [ContentChange(PRICES_FILE, review.text.encode("utf-8"))],
        price_message(review.edit),
        expected_versions={PRICES_FILE: review.version},
        author=author,
    )


def price_message(edit: PriceEdit) -> str:
    """What changed, in one Dutch line (for the history)."""
    parts = []
    if edit.prices:
        count = len(edit.prices)
        parts.append(f"{count} {'prijs' if count == 1 else 'prijzen'} aangepast")
    if edit.new_entry is not None:
        parts.append(f"'{edit.new_entry.name}' toegevoegd")
    if edit.price_date is not None:
        parts.append(f"prijspeil {edit.price_date.isoformat()}")
    return "Prijslijst: " + ", ".join(parts) + "."


def matches(entry_name: str, other_names: tuple[str, ...], query: str) -> bool:
    """The search of the price page: a part of the name or of another name."""
    wanted = normalise_name(query)
    return not wanted or any(wanted in normalise_name(n) for n in (entry_name, *other_names))
