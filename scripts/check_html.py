#!/usr/bin/env python3
"""The W3C Nu HTML checker (vnu.jar) on every page of a built site: the errors, one a line.

    scripts/install-page-checkers.sh                 # once (make test does it): vnu.jar, pinned
    .venv/bin/python scripts/check_html.py site      # after ./kookboek build --no-pdf

Exit code 0 when no page has an error, 1 when one has, 2 when the checker or Java is missing.
tests/site/test_every_page.py runs the same check on the sample site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NODE_TOOLS = REPO / ".cache" / "node-tools" / "node_modules"
VNU_JAR = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"


class CheckerMissing(RuntimeError):
    """The Nu checker cannot run on this machine; the message says what to install."""


def nu_errors(pages: list[Path], *, jar: Path = VNU_JAR) -> list[str]:
    """Every error the Nu checker finds in ``pages``, as ``file:line: message``."""
    if not jar.is_file():
        raise CheckerMissing(
            f"De Nu HTML-checker ontbreekt ({jar}): voer scripts/install-page-checkers.sh uit "
            "(make test doet dat zelf)."
        )
    java = shutil.which("java")
    if java is None:
        raise CheckerMissing("Java ontbreekt: sudo apt-get install default-jre-headless")
    if not pages:
        raise ValueError("geen pagina's om te controleren")
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(done.stderr)["messages"]
    except (ValueError, KeyError) as problem:
        answer = done.stderr[:500]
        raise RuntimeError(f"onverwacht antwoord van de Nu-checker: {answer}") from problem
    errors = []
    for message in messages:
        place = message.get("url", "").removeprefix("file:")
        errors.append(f"{place}:{message.get('lastLine', '?')}: {message['message']}")
    if done.returncode not in (0, 1) or (done.returncode == 1 and not errors):
        raise RuntimeError(f"de Nu-checker stopte met code {done.returncode}: {done.stderr[:500]}")
    return errors


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    site = Path(sys.argv[1])
    pages = sorted(site.rglob("*.html"))
    if not pages:
        print(f"Geen pagina's in {site}: eerst ./kookboek build --no-pdf", file=sys.stderr)
        return 2
    try:
        errors = nu_errors(pages)
    except CheckerMissing as missing:
        print(missing, file=sys.stderr)
        return 2
    for error in errors:
        print(error)
    with_errors = {error.split(":", 1)[0] for error in errors}
    if errors:
        print(f"{len(errors)} fouten op {len(with_errors)} van {len(pages)} pagina's")
    else:
        print(f"Geen fouten op {len(pages)} pagina's")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
