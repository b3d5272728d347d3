"""A corpus of broken content: each file gets a clear Dutch error naming it, quickly and cheaply.

Small files live in tests/fixtures/malformed/; big or binary ones are written by the test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from kookboek.content.errors import ContentErrors
from kookboek.content.project import load_project
from project_paths import FIXTURES

MALFORMED = FIXTURES / "malformed" / "content"
KOOKBOEK = Path(sys.executable).with_name("kookboek")
INVISIBLE = "bevat een onzichtbaar teken dat de leesrichting omdraait"

# file → the start of its error, as "line: field: message" (fragments of the message)
EXPECTED = {
    "recepten/kapotte-lijst.md": "4: : fout in de YAML-opmaak",
    "recepten/tab.md": "3: : er staat een tab op deze regel (teken 1). Gebruik spaties, geen tabs",
    "recepten/tab-in-lijst.md": "11: : er staat een tab op deze regel (teken 1). Gebruik spaties",
    "recepten/komma-in-lijst.md": "12: ingredienten[3].prijs: schrijf een punt, geen komma "
    "(komma → punt): 0.45 in plaats van 0,45.",
    "recepten/verkeerde-types.md": "8: : fout in de YAML-opmaak: deze datum bestaat niet.",
    "recepten/grote-getallen.md": "10: ingredienten[1].hoeveelheid: het getal '9999",
    "recepten/leeg.md": "1: : het bestand is leeg.",
    "recepten/lege-gegevens.md": "1: : de gegevens bovenaan moeten velden zijn",
    "recepten/lijst-in-plaats-van-velden.md": "1: : de gegevens bovenaan moeten velden zijn",
    "recepten/python-tag.md": "2: : fout in de YAML-opmaak: een '!' vooraan een waarde",
    "recepten/zonder-einde.md": "1: : de gegevens bovenaan worden niet afgesloten",
    "recepten/latin1.md": "2: : het bestand is niet in UTF-8 opgeslagen.",
    "recepten/dubbel-veld.md": "3: titel: dit veld staat twee keer in het bestand.",
    "recepten/twee-boms.md": "1: : de gegevens bovenaan ontbreken.",
    "recepten/rlo-titel.md": f"2: titel: {INVISIBLE} (\\u202e).",
    "recepten/isolaat-beschrijving.md": f"3: beschrijving: {INVISIBLE} (\\u2066, \\u2069).",
    "recepten/rlo-ingredient.md": f"10: ingredienten[1].naam: {INVISIBLE} (\\u202e).",
    "recepten/rlo-stap.md": f"16: tekst: {INVISIBLE} (\\u202d).",
    "recepten/nulbreedte-competentie.md": "7: competenties[1]: onbekende competentie "
    "'plan\\u200bnen'. Bedoel je 'plannen'?",
    "recepten/omelet\u200b.md": "1: : de bestandsnaam wordt het webadres",
    "publicaties/rlo-publicatie.md": f"8: tekst: {INVISIBLE}",
    "tools/draaiboeken/kapot-draaiboek.md": "5: : fout in de YAML-opmaak",
    "weekmenus/kapot-menu.yml": "2: : fout in de YAML-opmaak: controleer de insprong",
    "weekmenus/onbekend-recept.yml": "5: dagen[1].recept: onbekend recept 'pannekoeken'. "
    "Bedoel je 'pannenkoeken'?",
    # written by write_generated_corpus
    "recepten/tien-mb.md": "0: : het bestand is te groot (10.485.777 bytes; hoogstens 1.000.000).",
    "recepten/binair.md": "0: : dit is geen tekstbestand.",
    "recepten/utf16.md": "0: : dit is geen tekstbestand.",
    "recepten/alias-bom.md": "1: : de gegevens zijn te groot of te vaak herhaald",
    "recepten/diep-genest.md": "1: : de gegevens zijn te diep genest",
    "recepten/duizenden-ingredienten.md": "9: ingredienten: de lijst is te lang (hoogstens 200",
    "recepten/lange-titel.md": "2: titel: is te lang (hoogstens 200 tekens).",
    "recepten/diepe-lijst.md": "17: tekst: te veel lijstjes of citaten in elkaar",
    "recepten/haakjes.md": "18: tekst: deze alinea heeft te veel haakjes [",
}
# Right-to-left *marks* beside an Arabic word are ordinary text.
ACCEPTED = "recepten/arabisch-woord.md"


def write_generated_corpus(content: Path) -> None:
    recipes = content / "recepten"
    (recipes / "tien-mb.md").write_bytes(b"---\ntitel: x\n---\n" + b"a" * (10 * 1024 * 1024))
    (recipes / "binair.md").write_bytes(bytes(range(256)) * 64)
    (recipes / "utf16.md").write_bytes("---\ntitel: Soep\n---\n".encode("utf-16"))
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        bomb += f"{level}: &{level} [" + ", ".join([f"*{chr(ord(level) - 1)}"] * 10) + "]\n"
    (recipes / "alias-bom.md").write_text(bomb + "---\n", encoding="utf-8")
    (recipes / "diep-genest.md").write_bytes(
        b"---\ntitel: " + b"[" * 100_000 + b"]" * 100_000 + b"\n---\n"
    )
    head = (
        "---\ntitel: Veel\nbeschrijving: Veel.\nporties: 2\ntijd: 10\ncategorie: soep\n"
        "competenties: [plannen]\ndatum: 2026-10-01\ningredienten:\n"
    )
    many = "  - {naam: ui, hoeveelheid: 1, eenheid: stuk}\n" * 5000
    (recipes / "duizenden-ingredienten.md").write_text(head + many + "---\n", encoding="utf-8")
    good = (MALFORMED / "recepten" / "arabisch-woord.md").read_text(encoding="utf-8")
    (recipes / "diepe-lijst.md").write_text(good + "- " * 50_000 + "x\n", encoding="utf-8")
    (recipes / "haakjes.md").write_text(good + "\n" + "[x](" * 50_000 + "\n", encoding="utf-8")
    long_title = head.replace("titel: Veel", "titel: " + "lang " * 150_000)
    (recipes / "lange-titel.md").write_text(
        long_title + "  - {naam: zout, naar_smaak: true}\n---\n"
    )


def add_corpus(content: Path) -> None:
    shutil.copytree(MALFORMED, content, dirs_exist_ok=True)
    write_generated_corpus(content)


def test_every_malformed_file_gets_a_clear_dutch_error_quickly(valid_content: Path) -> None:
    add_corpus(valid_content)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ContentErrors) as caught:
        load_project(valid_content)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    found = [
        (Path(e.path).resolve().relative_to(valid_content.resolve()).as_posix(), e)
        for e in caught.value
    ]
    for name, expected in EXPECTED.items():
        messages = [f"{e.line}: {e.field}: {e.message}" for path, e in found if path == name]
        assert any(m.startswith(expected) for m in messages), (name, messages)
    assert not [e for path, e in found if path == ACCEPTED]
    # Every problem belongs to a file of the corpus: the valid files stay valid.
    assert {path for path, _ in found} == set(EXPECTED)
    assert elapsed < 20, f"loading the corpus took {elapsed:.1f} s"
    assert peak < 150 * 1024 * 1024, f"loading the corpus took {peak / 1e6:.0f} MB"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


@pytest.mark.slow
def test_a_failed_build_names_every_file_and_keeps_the_previous_site(
    valid_project: Path,
) -> None:
    site = valid_project / "site"
    (site / "recepten").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Vorige versie</h1>", encoding="utf-8")
    (site / "recepten" / "index.html").write_text("<h1>Recepten</h1>", encoding="utf-8")
    before = snapshot(site)
    add_corpus(valid_project / "content")

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(KOOKBOEK), "build", "--no-pdf"],
        cwd=valid_project,
        capture_output=True,
        text=True,
        timeout=180,
    )
    elapsed = time.perf_counter() - started
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert "De website is niet bijgewerkt: de vorige versie blijft staan." in output
    for name in EXPECTED:
        assert f"content/{name}:" in output, name
    assert snapshot(site) == before
    assert not list(valid_project.glob(".site-*")), "a half-built site was left behind"
    max_rss_mb = int(output.split("MAXRSS_KB ")[1].split()[0]) / 1024
    assert max_rss_mb < 500, f"the build used {max_rss_mb:.0f} MB"
    assert elapsed < 120
    print(f"\nfailed build: {elapsed:.1f} s, {max_rss_mb:.0f} MB at most")
