"""Shopping lists computed by hand from tests/fixtures/valid/content/prijzen.yml, for the
sample project with ``site_extra`` and ``weekmenu`` on top (``weekmenu_project``).

The engine (tests/pricing/test_shopping.py) and the browser
(tests/site/test_weekmenu_browser.py) are each checked against these same numbers.

The prices: rode linzen 500 g € 2,20; ui 2 kg € 2,00 (150 g a piece); wortelen 1 kg € 1,20;
eieren 12 stuks € 3,00; bloem 1 kg € 1,00; melk 1 l € 1,10; olijfolie 1 l € 6,00;
zout 1 kg € 0,50; suiker 1 kg € 1,50. One tablespoon (el) is 15 ml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sample_project import copy_sample_project

WEEKMENU_EXTRAS = ("site_extra", "weekmenu")
GROENTEN = "Groenten en peulvruchten"
DROOG = "Droge voeding"
ZUIVEL = "Zuivel"
ANDERE = "Andere"


def weekmenu_project(target: Path) -> Path:
    """The sample project with the extra recipes and the example menu of these cases."""
    return copy_sample_project(target, *WEEKMENU_EXTRAS)


@dataclass(frozen=True)
class Line:
    section: str
    name: str
    kind: str  # package, own, to_taste
    packages: int | None
    till_cents: int
    detail: str


@dataclass(frozen=True)
class Case:
    name: str
    meals: tuple[tuple[str, int], ...]
    lines: tuple[Line, ...]
    till_cents: int
    used_cents: int
    portions: int
    per_person_cents: int


CASES = (
    Case(
        # linzensoep (4 p.): 250 g rode linzen, 2 uien, 500 g wortelen for € 0,60 (own
        # price), 2 el olijfolie, zout naar smaak. groentesoep (4 p.): 1 ui, 300 g wortelen,
        # 50 ml olijfolie, 100 g rode linzen, zout naar smaak. omelet (2 p.): 4 eieren,
        # 1 ajuin (= ui), 1 el olijfolie, 50 ml melk, 2 g zout.
        "three recipes share ui and olijfolie",
        (("linzensoep", 4), ("groentesoep", 4), ("omelet", 2)),
        (
            # 250 + 100 = 350 g: one bag of 500 g, 150 g left; uses 2,20 × 350/500 = 1,54
            Line(
                GROENTEN,
                "rode linzen",
                "package",
                1,
                220,
                "Koop 1 × 500 g. Je gebruikt 350 g. Je houdt 150 g rode linzen over.",
            ),
            # (2 + 1 + 1) × 150 g = 600 g of a 2 kg bag: 1,4 kg left; uses 2,00 × 0,3 = 0,60
            Line(
                GROENTEN,
                "ui",
                "package",
                1,
                200,
                "Koop 1 × 2 kg. Je gebruikt 600 g. Je houdt 1,4 kg ui over.",
            ),
            # groentesoep's 300 g from the price list; uses 1,20 × 0,3 = 0,36
            Line(
                GROENTEN,
                "wortelen",
                "package",
                1,
                120,
                "Koop 1 × 1 kg. Je gebruikt 300 g. Je houdt 700 g wortelen over.",
            ),
            # linzensoep's own price, in the section of the price list's wortelen
            Line(
                GROENTEN,
                "wortelen",
                "own",
                None,
                60,
                "Je gebruikt 500 g. Eigen prijs uit het recept, niet uit de prijslijst.",
            ),
            # 2 el (30 ml) + 50 ml + 1 el (15 ml) = 95 ml; uses 6,00 × 0,095 = 0,57
            Line(
                DROOG,
                "olijfolie",
                "package",
                1,
                600,
                "Koop 1 × 1 l. Je gebruikt 95 ml. Je houdt 905 ml olijfolie over.",
            ),
            # uses 1,10 × 0,05 = 0,055 → 0,06
            Line(
                ZUIVEL,
                "melk",
                "package",
                1,
                110,
                "Koop 1 × 1 l. Je gebruikt 50 ml. Je houdt 950 ml melk over.",
            ),
            # uses 3,00 × 4/12 = 1,00
            Line(
                ANDERE,
                "eieren",
                "package",
                1,
                300,
                "Koop 1 × 12 stuks. Je gebruikt 4 stuks. Je houdt 8 stuks eieren over.",
            ),
            # the omelet's 2 g: the soups' "naar smaak" is in that bag too; uses 0,001 → 0
            Line(
                ANDERE,
                "zout",
                "package",
                1,
                50,
                "Koop 1 × 1 kg. Je gebruikt 2 g. Je houdt 998 g zout over.",
            ),
        ),
        till_cents=220 + 200 + 120 + 60 + 600 + 110 + 300 + 50,
        used_cents=154 + 60 + 36 + 60 + 57 + 6 + 100 + 0,
        portions=10,
        per_person_cents=166,  # 16,60 / 10
    ),
    Case(
        "more people: two bags of rode linzen, amounts rounded half up",
        (("linzensoep", 8), ("groentesoep", 4), ("omelet", 3)),
        (
            # 500 + 100 = 600 g: two bags; uses 2,20 × 600/500 = 2,64
            Line(
                GROENTEN,
                "rode linzen",
                "package",
                2,
                440,
                "Koop 2 × 500 g. Je gebruikt 600 g. Je houdt 400 g rode linzen over.",
            ),
            # 600 + 150 + 150 × 3/2 = 975 g: 1025 g left = 1,03 kg; uses 0,975 → 0,98
            Line(
                GROENTEN,
                "ui",
                "package",
                1,
                200,
                "Koop 1 × 2 kg. Je gebruikt 975 g. Je houdt 1,03 kg ui over.",
            ),
            Line(
                GROENTEN,
                "wortelen",
                "package",
                1,
                120,
                "Koop 1 × 1 kg. Je gebruikt 300 g. Je houdt 700 g wortelen over.",
            ),
            # twice linzensoep's 500 g for € 0,60
            Line(
                GROENTEN,
                "wortelen",
                "own",
                None,
                120,
                "Je gebruikt 1 kg. Eigen prijs uit het recept, niet uit de prijslijst.",
            ),
            # 60 + 50 + 22,5 = 132,5 ml (shown 133), 867,5 ml left (shown 868); uses 0,795
            Line(
                DROOG,
                "olijfolie",
                "package",
                1,
                600,
                "Koop 1 × 1 l. Je gebruikt 133 ml. Je houdt 868 ml olijfolie over.",
            ),
            # 75 ml; uses 1,10 × 0,075 = 0,0825 → 0,08
            Line(
                ZUIVEL,
                "melk",
                "package",
                1,
                110,
                "Koop 1 × 1 l. Je gebruikt 75 ml. Je houdt 925 ml melk over.",
            ),
            Line(
                ANDERE,
                "eieren",
                "package",
                1,
                300,
                "Koop 1 × 12 stuks. Je gebruikt 6 stuks. Je houdt 6 stuks eieren over.",
            ),
            Line(
                ANDERE,
                "zout",
                "package",
                1,
                50,
                "Koop 1 × 1 kg. Je gebruikt 3 g. Je houdt 997 g zout over.",
            ),
        ),
        till_cents=440 + 200 + 120 + 120 + 600 + 110 + 300 + 50,
        used_cents=264 + 98 + 36 + 120 + 80 + 8 + 150 + 0,
        portions=15,
        per_person_cents=129,  # 19,40 / 15 = 1,293
    ),
    Case(
        # pannenkoeken (6 p.) twice for 4: 250 g bloem, 3 eieren, 5 dl melk, suiker naar
        # smaak, each scaled by 4/6 and rounded to a thousandth of a gram or millilitre.
        "the same recipe twice; naar smaak once",
        (("pannenkoeken", 4), ("pannenkoeken", 4)),
        (
            # 2 × 166,667 g = 333,334 g; uses 1,00 × 0,333334 → 0,33
            Line(
                DROOG,
                "bloem",
                "package",
                1,
                100,
                "Koop 1 × 1 kg. Je gebruikt 333 g. Je houdt 667 g bloem over.",
            ),
            # 2 × 333,333 ml = 666,666 ml; uses 1,10 × 0,666666 = 0,733 → 0,73
            Line(
                ZUIVEL,
                "melk",
                "package",
                1,
                110,
                "Koop 1 × 1 l. Je gebruikt 667 ml. Je houdt 333 ml melk over.",
            ),
            # 2 × 2 eieren; uses 3,00 × 4/12 = 1,00
            Line(
                ANDERE,
                "eieren",
                "package",
                1,
                300,
                "Koop 1 × 12 stuks. Je gebruikt 4 stuks. Je houdt 8 stuks eieren over.",
            ),
            Line(ANDERE, "suiker", "to_taste", None, 0, "Naar smaak: telt niet mee in de prijs."),
        ),
        till_cents=100 + 110 + 300,
        used_cents=33 + 73 + 100,
        portions=8,
        per_person_cents=64,  # 5,10 / 8 = 0,6375
    ),
    Case(
        # appelcrumble (4 p.): 1 kg appels for € 2,40, 150 g bloem, 100 g boter for € 0,90
        # 3 el suiker for € 0,10 and 2 el volkorenhavervlokken for € 0,15 (own prices), kaneel
        # naar smaak (not in the price list).
        "own prices and naar smaak without a price list entry",
        (("pannenkoeken", 6), ("appelcrumble", 4)),
        (
            # 250 + 150 = 400 g; uses 0,40
            Line(
                DROOG,
                "bloem",
                "package",
                1,
                100,
                "Koop 1 × 1 kg. Je gebruikt 400 g. Je houdt 600 g bloem over.",
            ),
            # 500 ml; uses 0,55
            Line(
                ZUIVEL,
                "melk",
                "package",
                1,
                110,
                "Koop 1 × 1 l. Je gebruikt 500 ml. Je houdt 500 ml melk over.",
            ),
            # 3 eieren; uses 0,75
            Line(
                ANDERE,
                "eieren",
                "package",
                1,
                300,
                "Koop 1 × 12 stuks. Je gebruikt 3 stuks. Je houdt 9 stuks eieren over.",
            ),
            # pannenkoeken's suiker naar smaak: nothing bought from the list's suiker
            Line(ANDERE, "suiker", "to_taste", None, 0, "Naar smaak: telt niet mee in de prijs."),
            Line(
                ANDERE,
                "appels",
                "own",
                None,
                240,
                "Je gebruikt 1 kg. Eigen prijs uit het recept, niet uit de prijslijst.",
            ),
            Line(
                ANDERE,
                "boter",
                "own",
                None,
                90,
                "Je gebruikt 100 g. Eigen prijs uit het recept, niet uit de prijslijst.",
            ),
            # 3 el = 45 ml
            Line(
                ANDERE,
                "suiker",
                "own",
                None,
                10,
                "Je gebruikt 45 ml. Eigen prijs uit het recept, niet uit de prijslijst.",
            ),
            # 2 el = 30 ml, for € 0,15 (own price)
            Line(
                ANDERE,
                "volkorenhavervlokken",
                "own",
                None,
                15,
                "Je gebruikt 30 ml. Eigen prijs uit het recept, niet uit de prijslijst.",
            ),
            Line(ANDERE, "kaneel", "to_taste", None, 0, "Naar smaak: telt niet mee in de prijs."),
        ),
        till_cents=100 + 110 + 300 + 240 + 90 + 10 + 15,
        used_cents=40 + 55 + 75 + 240 + 90 + 10 + 15,
        portions=10,
        per_person_cents=87,  # € 8,65 / 10 = 0,865, rounded half up
    ),
)
