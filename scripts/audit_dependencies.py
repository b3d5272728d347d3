#!/usr/bin/env python3
"""Audit the pinned dependencies in pyproject.toml for known vulnerabilities (pip-audit).

Exit codes: 0 every pin was audited and none has a known vulnerability; 1 a pin has a known
vulnerability; 2 the audit could not be done (no vulnerability service reachable, or a pin
could not be looked up). A 2 is never reported as a pass: it says plainly what was not checked.

    .venv/bin/python scripts/audit_dependencies.py    (make audit)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
VULNERABLE, NOT_AUDITED = 1, 2


def pinned_requirements(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = [*project["dependencies"], *project.get("optional-dependencies", {}).get("test", [])]
    loose = [pin for pin in pins if "==" not in pin]
    if loose:
        raise SystemExit(f"Niet vastgezet (gebruik ==): {', '.join(loose)}")
    return pins


def classify(report: dict[str, Any]) -> tuple[int, list[str]]:
    """pip-audit's JSON report → exit code and one line per finding."""
    lines: list[str] = []
    vulnerable = skipped = 0
    dependencies = report.get("dependencies", [])
    for dependency in dependencies:
        name = f"{dependency.get('name')} {dependency.get('version', '')}".strip()
        if dependency.get("skip_reason"):
            skipped += 1
            lines.append(f"NIET GECONTROLEERD: {name}: {dependency['skip_reason']}")
        for vuln in dependency.get("vulns", []):
            vulnerable += 1
            fixed = ", ".join(vuln.get("fix_versions", [])) or "nog geen"
            lines.append(f"KWETSBAAR: {name}: {vuln.get('id')} (opgelost in: {fixed})")
    if vulnerable:
        return VULNERABLE, lines
    if skipped or not dependencies:
        lines.append(
            f"De controle is NIET uitgevoerd voor {skipped or 'alle'} van de "
            f"{len(dependencies)} pakketten: geen kwetsbaarhedendienst bereikbaar."
        )
        return NOT_AUDITED, lines
    lines.append(f"Geen bekende kwetsbaarheden in {len(dependencies)} vastgezette pakketten.")
    return 0, lines


def main() -> int:
    pins = pinned_requirements(REPO / "pyproject.toml")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as requirements:
        requirements.write("\n".join(pins) + "\n")
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                requirements.name,
                "--no-deps",  # the pins themselves, exactly as written
                "--disable-pip",
                "--progress-spinner=off",
                "--format=json",
                "--timeout=30",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        Path(requirements.name).unlink()
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["geen uitvoer"])[-1]
        print(f"De controle is NIET uitgevoerd: pip-audit gaf geen rapport ({last[:300]}).")
        return NOT_AUDITED
    code, lines = classify(report)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
