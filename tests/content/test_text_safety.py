"""Direction controls: refused in content (see test_project_malformed), removed from the form."""

from __future__ import annotations

from form_helpers import form_fields
from kookboek.content.text_safety import bidi_controls, without_bidi_controls
from kookboek.inbox.submission import RawSubmission


def test_direction_controls_are_found_and_marks_are_left_alone() -> None:
    text = "Soep \u202egpj.exe \u2066x\u2069 \u0632\u0639\u062a\u0631\u200f"
    assert bidi_controls(text) == ["\u202e", "\u2066", "\u2069"]
    assert without_bidi_controls(text) == "Soep gpj.exe x \u0632\u0639\u062a\u0631\u200f"


def test_the_form_removes_direction_controls_from_every_text_field() -> None:
    sneaky = "Soep\u202e tpircs"
    fields = form_fields(
        titel=sneaky,
        beschrijving=sneaky,
        ingredient_naam=[sneaky, "prei", "zout"],
        stap=[sneaky, "Kook."],
        tips=sneaky,
        voornaam=sneaky,
        foto_alt=sneaky,
    )

    def get(name: str) -> str | None:
        value = fields.get(name)
        return value if isinstance(value, str) else None

    def getlist(name: str) -> list[str]:
        value = fields.get(name, [])
        return value if isinstance(value, list) else [str(value)]

    raw = RawSubmission.from_form(get, getlist)
    texts = [raw.title, raw.description, raw.ingredients[0].name, raw.steps[0], raw.tips]
    texts += [raw.author, raw.photo_alt]
    assert texts == ["Soep tpircs"] * 7
