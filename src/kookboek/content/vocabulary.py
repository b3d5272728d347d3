"""The fixed vocabularies of the content model: categories, diets, allergens, units."""

from __future__ import annotations

from typing import Final, Literal, get_args

Category = Literal[
    "soep", "hoofdgerecht", "bijgerecht", "lunch", "ontbijt", "dessert", "tussendoortje"
]
CATEGORY_NAMES: Final[dict[str, str]] = {
    "soep": "Soepen",
    "hoofdgerecht": "Hoofdgerechten",
    "bijgerecht": "Bijgerechten",
    "lunch": "Lunch en lunchpakket",
    "ontbijt": "Ontbijt",
    "dessert": "Desserts",
    "tussendoortje": "Tussendoortjes",
}

Diet = Literal["vegetarisch", "veganistisch", "halal", "glutenvrij", "lactosevrij"]
DIET_NAMES: Final[dict[str, str]] = {
    "vegetarisch": "Vegetarisch",
    "veganistisch": "Veganistisch",
    "halal": "Halal",
    "glutenvrij": "Glutenvrij",
    "lactosevrij": "Lactosevrij",
}

# The 14 allergens that EU regulation 1169/2011 requires to be declared.
Allergen = Literal[
    "gluten", "schaaldieren", "eieren", "vis", "pinda", "soja", "melk",
    "noten", "selder", "mosterd", "sesam", "sulfiet", "lupine", "weekdieren",
]  # fmt: skip
ALLERGEN_NAMES: Final[dict[str, str]] = {
    "gluten": "Gluten",
    "schaaldieren": "Schaaldieren",
    "eieren": "Eieren",
    "vis": "Vis",
    "pinda": "Pinda's",
    "soja": "Soja",
    "melk": "Melk",
    "noten": "Noten",
    "selder": "Selder",
    "mosterd": "Mosterd",
    "sesam": "Sesamzaad",
    "sulfiet": "Sulfiet",
    "lupine": "Lupine",
    "weekdieren": "Weekdieren",
}

Unit = Literal["g", "kg", "ml", "cl", "dl", "l", "el", "tl", "stuk"]
UNIT_NAMES: Final[dict[str, tuple[str, str]]] = {
    # unit: (singular, plural) as written after an amount
    "g": ("g", "g"),
    "kg": ("kg", "kg"),
    "ml": ("ml", "ml"),
    "cl": ("cl", "cl"),
    "dl": ("dl", "dl"),
    "l": ("l", "l"),
    "el": ("eetlepel", "eetlepels"),
    "tl": ("theelepel", "theelepels"),
    "stuk": ("stuk", "stuks"),
}

# The days of a week menu, in order.
Weekday = Literal["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
WEEKDAY_NAMES: Final[dict[str, str]] = {day: day.capitalize() for day in get_args(Weekday)}

CATEGORIES: Final = get_args(Category)
DIETS: Final = get_args(Diet)
ALLERGENS: Final = get_args(Allergen)
UNITS: Final = get_args(Unit)

# Words coaches write for a unit, mapped to the unit meant (used for suggestions only).
UNIT_SYNONYMS: Final[dict[str, str]] = {
    "gram": "g", "gr": "g", "kilo": "kg", "kilogram": "kg", "liter": "l",
    "milliliter": "ml", "centiliter": "cl", "deciliter": "dl", "eetlepel": "el",
    "eetlepels": "el", "theelepel": "tl", "theelepels": "tl", "koffielepel": "tl",
    "stuks": "stuk", "st": "stuk", "teentje": "stuk", "teentjes": "stuk",
}  # fmt: skip
