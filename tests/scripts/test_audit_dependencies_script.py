"""The dependency audit: a vulnerable pin fails; an audit that did not run never passes."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from project_paths import REPO

SCRIPT = REPO / "scripts" / "audit_dependencies.py"


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_known_vulnerability_fails(audit: ModuleType) -> None:
    report = {
        "dependencies": [
            {
                "name": "jinja2",
                "version": "2.10",
                "vulns": [{"id": "PYSEC-2019-217", "fix_versions": ["2.10.1"], "aliases": []}],
            },
            {"name": "click", "version": "8.5.1", "vulns": []},
        ]
    }
    code, lines = audit.classify(report)
    assert code == 1
    assert lines == ["KWETSBAAR: jinja2 2.10: PYSEC-2019-217 (opgelost in: 2.10.1)"]


def test_a_pin_that_could_not_be_looked_up_is_not_a_pass(audit: ModuleType) -> None:
    report = {
        "dependencies": [
            {"name": "click", "version": "8.5.1", "vulns": []},
            {"name": "jinja2", "skip_reason": "Dependency not found on PyPI"},
        ]
    }
    code, lines = audit.classify(report)
    assert code == 2
    assert lines[0].startswith("NIET GECONTROLEERD: jinja2")
    assert "NIET uitgevoerd voor 1 van de 2 pakketten" in lines[-1]


def test_an_empty_report_is_not_a_pass(audit: ModuleType) -> None:
    assert audit.classify({"dependencies": []})[0] == 2


def test_every_pin_audited_and_clean_passes(audit: ModuleType) -> None:
    report = {"dependencies": [{"name": "click", "version": "8.5.1", "vulns": []}]}
    assert audit.classify(report) == (
        0,
        ["Geen bekende kwetsbaarheden in 1 vastgezette pakketten."],
    )


def test_every_dependency_of_the_project_is_pinned(audit: ModuleType) -> None:
    pins = audit.pinned_requirements(SCRIPT.parent.parent / "pyproject.toml")
    assert "pip-audit==2.10.1" in pins and all("==" in pin for pin in pins)
