"""Publications and tools added or replaced from the browser, checked like any file."""

from __future__ import annotations

from pathlib import Path

import pytest

from editing.word_fixture import word_file
from kookboek.content.project import load_project
from kookboek.editing.changes import ChangedMeanwhile, version_of
from kookboek.editing.documents import (
    KINDS,
    DocumentProblems,
    RawDocument,
    document_values,
    listed_documents,
    save_document,
)

FIELDS = {
    "titel": "Koken in de wijk",
    "samenvatting": "Wat twaalf moeders leerden in een jaar samen koken.",
    "jaar": "2026",
    "project": "Wijk-werken",
    "partners": "OCMW Sint-Niklaas\nVDAB",
}


def _taken(content: Path) -> set[str]:
    return {d.slug for found in listed_documents(content).values() for d in found}


def test_a_word_file_becomes_a_publication_with_its_picture(valid_content: Path) -> None:
    raw = RawDocument("publicatie", dict(FIELDS), file_name="Verslag.DOCX", file_data=word_file())
    saved = save_document(valid_content, raw, _taken(valid_content))
    assert saved.slug == "koken-in-de-wijk"
    folder = valid_content / "publicaties"
    assert (folder / "koken-in-de-wijk-afbeelding-1.jpg").is_file()
    text = (folder / "koken-in-de-wijk.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitel: Koken in de wijk\n")
    assert "partners:\n- OCMW Sint-Niklaas\n- VDAB\n" in text and "jaar: 2026\n" in text
    [publication] = [p for p in load_project(valid_content).publications if p.slug == saved.slug]
    assert publication.partners == ("OCMW Sint-Niklaas", "VDAB")
    assert "| Week | Gerecht |" in publication.body


def test_wrong_fields_are_named_at_their_field_and_nothing_is_written(
    valid_content: Path,
) -> None:
    before = sorted(p.name for p in (valid_content / "publicaties").iterdir())
    fields = {**FIELDS, "jaar": "vorig jaar", "samenvatting": "", "project": "x" * 300}
    raw = RawDocument("publicatie", fields, file_name="v.docx", file_data=word_file())
    with pytest.raises(DocumentProblems) as refused:
        save_document(valid_content, raw, _taken(valid_content))
    # What the form can tell at once, before the content rules look at the file.
    assert refused.value.errors == {
        "samenvatting": "Vul 'Samenvatting' in.",
        "jaar": "Schrijf 'Jaar' in cijfers, zoals 2026.",
    }
    raw.values.update(samenvatting="Kort.", jaar="1850")
    with pytest.raises(DocumentProblems) as refused:
        save_document(valid_content, raw, _taken(valid_content))
    assert set(refused.value.errors) == {"jaar", "project"}  # the rules of kookboek check
    assert "1990" in refused.value.errors["jaar"]
    assert sorted(p.name for p in (valid_content / "publicaties").iterdir()) == before


def test_a_recommendation_needs_its_own_fields_and_a_free_number(valid_content: Path) -> None:
    kind = KINDS["beleidsaanbeveling"]
    fields = {**FIELDS, "titel": "Erken koken als competentie", "adressaten": "VDAB, OCMW"}
    raw = RawDocument(kind.key, {**fields, "nummer": "7"}, file_name="a.md", file_data=b"Tekst.")
    saved = save_document(valid_content, raw, _taken(valid_content))
    again = RawDocument(
        kind.key, {**fields, "titel": "Nog een", "nummer": "7"}, file_name="b.md", file_data=b"T."
    )
    with pytest.raises(DocumentProblems) as refused:
        save_document(valid_content, again, _taken(valid_content))
    assert refused.value.errors["nummer"].startswith("Nummer 7 heeft ook ")
    assert document_values(valid_content, kind, saved.slug) == {
        "titel": "Erken koken als competentie",
        "samenvatting": FIELDS["samenvatting"],
        "jaar": "2026",
        "project": "Wijk-werken",
        "partners": "OCMW Sint-Niklaas\nVDAB",
        "nummer": "7",
        "adressaten": "VDAB\nOCMW",
    }


def test_replacing_keeps_the_address_removes_old_pictures_and_refuses_a_stale_form(
    valid_content: Path,
) -> None:
    raw = RawDocument("publicatie", dict(FIELDS), file_name="v.docx", file_data=word_file())
    saved = save_document(valid_content, raw, _taken(valid_content))
    version = version_of(saved.path)
    markdown = b"---\ntitel: genegeerd\n---\n## Nieuwe versie\n\nZonder afbeelding.\n"
    replace = RawDocument(
        "publicatie",
        dict(FIELDS),
        replaces=saved.slug,
        version=version,
        file_name="nieuw.md",
        file_data=markdown,
    )
    stale = RawDocument(**{**replace.__dict__, "version": "ouder"})
    with pytest.raises(ChangedMeanwhile):
        save_document(valid_content, stale, _taken(valid_content))
    save_document(valid_content, replace, _taken(valid_content))
    folder = valid_content / "publicaties"
    assert not (folder / "koken-in-de-wijk-afbeelding-1.jpg").exists()
    text = (folder / "koken-in-de-wijk.md").read_text(encoding="utf-8")
    assert "## Nieuwe versie" in text and "genegeerd" not in text
    assert "titel: Koken in de wijk" in text


def test_a_file_of_another_kind_is_refused_at_the_file_field(valid_content: Path) -> None:
    for name, data in [
        ("foto.jpg", b"\xff\xd8"),
        ("oud.doc", b"\xd0\xcf\x11\xe0"),
        ("v.docx", b"geen zip"),
        ("t.md", b"\xff\xfe"),
    ]:
        fields = {**FIELDS, "doelgroep": "Begeleiders", "duur": "10 weken"}
        raw = RawDocument("draaiboek", fields, file_name=name, file_data=data)
        with pytest.raises(DocumentProblems) as refused:
            save_document(valid_content, raw, set())
        assert "bestand" in refused.value.errors, name
