"""A published recipe in the editor and back: only what changed is written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kookboek.inbox.submission import parse_submission
from kookboek.publishing.recipe_file import read, updated
from project_paths import FIXTURES

COMPETENCES = {"plannen", "rekenen", "samenwerken"}
HAND_WRITTEN = """---
# Recept van de groep Sint-Niklaas (zomer 2026)
titel: "Linzensoep"
beschrijving: Romige soep in 40 minuten.
porties: 4
tijd: 40
categorie: soep
competenties: [plannen, rekenen]
dieet: [vegetarisch]   # geen vlees
allergenen: []
datum: 2026-10-14
ingredienten:
  - {naam: rode linzen, hoeveelheid: 250, eenheid: g}
  - {naam: wortelen, hoeveelheid: 500, eenheid: g, prijs: 0.60}  # markt
  - {naam: zout, naar_smaak: true}
---

Een inleiding met **vet** gedrukte tekst.

## Bereiding

1. Snij de wortelen in *kleine* stukjes.
2. Kook alles 25 minuten.

## Tips

- Lekker met brood.
"""


def test_a_file_saved_unchanged_is_byte_for_byte_the_same() -> None:
    for text in (HAND_WRITTEN, (FIXTURES / "valid/content/recepten/linzensoep.md").read_text()):
        opened = read(text)
        submission = parse_submission(opened.raw, COMPETENCES, today=opened.date)
        assert updated(text, submission, opened.allergens, opened.photo) == text  # type: ignore[arg-type]


def test_a_change_touches_only_its_own_lines() -> None:
    opened = read(HAND_WRITTEN)
    raw = dataclasses.replace(opened.raw, title="Linzensoep met prei", portions="6")
    raw.ingredients[0].amount = "300"
    raw.steps = [opened.raw.steps[0], "Kook alles 30 minuten."]
    submission = parse_submission(raw, COMPETENCES, today=opened.date)
    new = updated(HAND_WRITTEN, submission, (), opened.photo)
    expected = (
        HAND_WRITTEN.replace('titel: "Linzensoep"', 'titel: "Linzensoep met prei"')
        .replace("porties: 4", "porties: 6")
        .replace("hoeveelheid: 250", "hoeveelheid: 300")
        .replace("2. Kook alles 25 minuten.", "2. Kook alles 30 minuten.")
    )
    assert new == expected


def test_a_changed_step_is_escaped_an_unchanged_one_keeps_its_markdown() -> None:
    opened = read(HAND_WRITTEN)
    raw = dataclasses.replace(opened.raw, steps=[*opened.raw.steps, "Serveer <b>heet</b> *nu*"])
    submission = parse_submission(raw, COMPETENCES, today=opened.date)
    new = updated(HAND_WRITTEN, submission, (), None)
    assert "1. Snij de wortelen in *kleine* stukjes." in new
    assert "3. Serveer &lt;b>heet&lt;/b> \\*nu\\*" in new
    assert "Een inleiding met **vet** gedrukte tekst." in new and "- Lekker met brood." in new


def test_removing_the_name_and_photo_removes_their_keys(tmp_path: Path) -> None:
    text = (FIXTURES / "valid/content/recepten/linzensoep.md").read_text(encoding="utf-8")
    opened = read(text)
    raw = dataclasses.replace(opened.raw, author="", publish_name=False, publish_photo=False)
    submission = parse_submission(raw, COMPETENCES, today=opened.date)
    new = updated(text, submission, opened.allergens, None)  # type: ignore[arg-type]
    assert "auteur:" not in new and "foto:" not in new and "foto_alt:" not in new
    assert "groep: Sint-Niklaas" in new
