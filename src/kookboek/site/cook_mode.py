"""What cook mode needs to know about each step, worked out when the site is built.

Cook mode (``theme/assets/javascripts/kookstand.js``) shows one step at a time with the
ingredients that step uses and a timer for every duration it names. The browser does no
language work: here, each numbered step under the ``Bereiding`` heading gets

- ``data-kb-uses``: the positions (0-based, in the ingredient table) of the ingredients it
  names, by their name or the price list's ``andere_namen``;
- ``data-kb-timers``: JSON ``[[seconds, "label"], ...]`` for the durations it names
  ("25 minuten", "1 uur", "10 à 15 minuten" → 10 minutes: look first at the shortest time).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property, lru_cache

from kookboek.content.models import PriceList, Recipe

STEPS_HEADING = "bereiding"
MAX_TIMER_SECONDS = 24 * 3600

# A name is cut at the first of these: "tomaten in blik" is about tomaten.
_PREPOSITIONS = frozenset({"in", "met", "voor", "uit", "van", "zonder", "op", "of", "en"})
# Plural and diminutive endings: "ui" is named as "uien" or "uitjes", "wortel" as "wortels".
_ENDINGS = ("'s", "’s", "s", "n", "en", "eren", "tje", "tjes", "je", "jes", "pje", "pjes")
# A word of a step at least this long may be the end of a compound name ("olie" for
# "olijfolie"), and a name's main word may end a compound word of a step ("erwtjes" in
# "diepvrieserwtjes").
_COMPOUND_PART = 4
# ... but not the words for how a thing is cut or measured: "blokjes" is no "tomatenblokjes".
_NOT_A_FOOD = frozenset(
    {
        "blok", "stuk", "schijf", "reep", "ring", "part", "plak", "snuif", "scheut", "blaad",
        "zak", "teen", "korrel", "kant", "helft", "pot", "kom", "pan", "deksel", "bodem",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# The same few hundred words recur in every recipe: each comparison is worked out once per
# build (it was most of the time of a cold build of a large site).
@lru_cache(maxsize=65536)
def _stems(word: str) -> frozenset[str]:
    """A word and what is left of it without a plural or diminutive ending."""
    found = {word}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            found.add(word[: -len(ending)])
    return frozenset(found)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


@dataclass(frozen=True)
class _Name:
    """One way a step may name an ingredient: the whole name, or its main word."""

    words: tuple[str, ...]
    head: str


def _name(text: str) -> _Name | None:
    words = tuple(_words(re.sub(r"\(.*?\)", " ", text)))
    if not words:
        return None
    main: list[str] = []
    for word in words:
        if word in _PREPOSITIONS and main:
            break
        main.append(word)
    return _Name(words, main[-1])


@lru_cache(maxsize=262144)
def _same_word(step_word: str, name_word: str) -> bool:
    return bool(_stems(step_word) & _stems(name_word))


# How the first part of a compound is joined to the rest: "kip" + "pen" + "filet".
_LINKS = ("pen", "ken", "ten", "en", "s")


@lru_cache(maxsize=262144)
def _compound(step_word: str, head: str) -> bool:
    """One of the two words is the end of a compound made with the other, or the step's
    word begins the name's ("kip" for "kippenfilet")."""
    for step_stem in _stems(step_word):
        if len(step_stem) >= 3 and step_stem not in _NOT_A_FOOD:
            for link in _LINKS:
                rest = head.removeprefix(step_stem + link)
                if rest != head and len(rest) >= _COMPOUND_PART:
                    return True
        for head_stem in _stems(head):
            short, long = sorted((step_stem, head_stem), key=len)
            # "folie" does not end in the word "olie": the first part must be a word too.
            first_part = len(long) - len(short)
            if len(short) >= _COMPOUND_PART and first_part >= 3 and long.endswith(short):
                return short not in _NOT_A_FOOD and not (_stems(short) & _NOT_A_FOOD)
    return False


_NO, _SAME, _COMPOUND = 0, 1, 2


@lru_cache(maxsize=262144)
def _match(step_word: str, head: str) -> int:
    """How a word of a step names an ingredient's main word: the same word, the other part
    of a compound, or not at all."""
    if _same_word(step_word, head):
        return _SAME
    return _COMPOUND if _compound(step_word, head) else _NO


def _phrase_in(step_words: list[str], name_words: tuple[str, ...]) -> bool:
    """The name's words, in a row, in the step."""
    count = len(name_words)
    first = name_words[0]
    for start in range(len(step_words) - count + 1):
        if _same_word(step_words[start], first) and all(
            _same_word(s, n) for s, n in zip(step_words[start + 1 :], name_words[1:], strict=False)
        ):
            return True
    return False


@dataclass(frozen=True)
class CookSteps:
    """How the steps of one recipe name its ingredients (hashable: part of a cache key)."""

    names: tuple[tuple[_Name, ...], ...]  # per ingredient, in the table's order

    @classmethod
    def for_recipe(cls, recipe: Recipe, prices: PriceList) -> CookSteps:
        names = []
        for ingredient in recipe.ingredients:
            texts = [ingredient.name]
            entry = prices.find(ingredient.name)
            if entry is not None:
                texts += [entry.name, *entry.other_names]
            found = [n for n in (_name(t) for t in dict.fromkeys(texts)) if n is not None]
            names.append(tuple(found))
        return cls(tuple(names))

    def ingredients_of(self, step: str) -> list[int]:
        """The positions of the ingredients ``step`` names.

        An ingredient is named by one of its names in full (its words in a row), or by its
        main word: the same word, or the other part of a compound unless the step's word
        names an ingredient as it is ("vanillesuiker" is no "suiker"). Every pair of a
        step's word and a main word is looked at once per step (this was most of a cold
        build of a large site when each name looked at every word again)."""
        words = _words(step)
        distinct = tuple(dict.fromkeys(words))
        heads = self._heads
        matches = {head: [_match(word, head) for word in distinct] for head in heads}
        claimed = [any(matches[head][i] == _SAME for head in heads) for i in range(len(distinct))]
        named = {
            head: any(
                m == _SAME or (m == _COMPOUND and not claimed[i]) for i, m in enumerate(found)
            )
            for head, found in matches.items()
        }
        return [
            index
            for index, names in enumerate(self.names)
            if any(
                named[name.head] or (len(name.words) > 1 and _phrase_in(words, name.words))
                for name in names
            )
        ]

    @cached_property
    def _heads(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name.head for names in self.names for name in names))

    def __call__(self, root: ET.Element) -> None:
        """Mark the numbered steps under the 'Bereiding' heading of a rendered body."""
        for steps in _step_lists(root):
            for item in steps.iter("li"):
                text = " ".join("".join(item.itertext()).split())
                item.set("data-kb-cook-step", "")
                item.set("data-kb-uses", " ".join(str(i) for i in self.ingredients_of(text)))
                timers = [[t.seconds, t.label] for t in timers_in(text)]
                if timers:
                    item.set("data-kb-timers", json.dumps(timers, ensure_ascii=False))


def _step_lists(root: ET.Element) -> list[ET.Element]:
    found = []
    in_steps = False
    for child in root:
        if re.fullmatch(r"h[1-6]", child.tag):
            in_steps = " ".join("".join(child.itertext()).split()).casefold() == STEPS_HEADING
        elif in_steps and child.tag == "ol":
            found.append(child)
    return found


@dataclass(frozen=True)
class Timer:
    seconds: int
    label: str  # "25 minuten", "1 uur 30 minuten"


_NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15,
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
    "anderhalf": 1.5, "anderhalve": 1.5, "half": 0.5, "halve": 0.5,
}  # fmt: skip
_UNIT_SECONDS = {
    "seconden": 1, "seconde": 1, "sec": 1,
    "minuten": 60, "minuut": 60, "min": 60,
    "uur": 3600, "uren": 3600, "u": 3600,
    "kwartier": 900,
}  # fmt: skip
_NUMBER = r"(?:\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = "|".join(sorted(_UNIT_SECONDS, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?<![\w,.])(?:(?:een|één)\s+(?=half|halve|anderhalf))?(?P<low>{_NUMBER})"
    rf"(?:\s*(?:à|a|-|–|tot|of)\s*(?P<high>{_NUMBER}))?\s*(?P<unit>{_UNIT})\b\.?"
    rf"(?:\s+(?:en\s+)?(?P<extra>\d+)\s*(?:minuten|minuut|min)\b)?"
    r"|(?<!\w)(?P<quarter>kwartier|halfuur)\b",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    word = text.casefold()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return float(word.replace(",", "."))


def timers_in(step: str) -> list[Timer]:
    """Every duration ``step`` names, once each, in order; a range gives its lower end."""
    found: dict[int, Timer] = {}
    for match in _DURATION.finditer(step):
        if match.group("quarter"):
            seconds = 900 if match.group("quarter").casefold() == "kwartier" else 1800
        else:
            unit = match.group("unit").casefold()
            low = match.group("low")
            if unit == "u" and not low[0].isdigit():
                continue  # "u" alone is also "you"
            seconds = round(_number(low) * _UNIT_SECONDS[unit])
            if match.group("extra"):
                seconds += int(match.group("extra")) * 60
        if 0 < seconds <= MAX_TIMER_SECONDS:
            found.setdefault(seconds, Timer(seconds, duration_label(seconds)))
    return list(found.values())


def duration_label(seconds: int) -> str:
    """``90`` → ``'1 minuut 30 seconden'``; ``5400`` → ``'1 uur 30 minuten'``."""
    hours, rest = divmod(seconds, 3600)
    minutes, rest = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} uur")
    if minutes:
        parts.append(f"{minutes} {'minuut' if minutes == 1 else 'minuten'}")
    if rest:
        parts.append(f"{rest} {'seconde' if rest == 1 else 'seconden'}")
    return " ".join(parts)
