"""The boundaries the package layout promises: a core that survives a change of builder."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from project_paths import REPO

PACKAGE = REPO / "src" / "kookboek"
ADAPTERS = {"mkdocs_plugin", "web", "cli"}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules_in(stage: str | None = None) -> list[Path]:
    root = PACKAGE / stage if stage else PACKAGE
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def top(name: str) -> str:
    return name.split(".")[0]


def stage_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def test_only_the_mkdocs_adapter_imports_mkdocs() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in modules_in()
        if stage_of(path) != "mkdocs_plugin"
        and {top(m) for m in imported_modules(path)} & {"mkdocs", "material", "properdocs"}
    ]
    assert offenders == []


def test_the_core_imports_no_web_framework_and_no_adapter() -> None:
    offenders = []
    for path in modules_in():
        if stage_of(path) in ADAPTERS:
            continue
        for module in imported_modules(path):
            adapter = module.startswith("kookboek.") and module.split(".")[1] in ADAPTERS
            if top(module) in {"flask", "flask_wtf", "werkzeug", "waitress", "click"} or adapter:
                offenders.append(f"{path.relative_to(PACKAGE)}: {module}")
    assert offenders == []


def test_every_stage_folder_is_a_package() -> None:
    stages = [p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"]
    python_stages = [p for p in stages if any(p.glob("*.py"))]
    assert python_stages and all((p / "__init__.py").is_file() for p in python_stages)
    assert not [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"], (
        "core modules belong in a stage folder"
    )


@pytest.mark.parametrize(
    "module",
    ["kookboek.content.project", "kookboek.inbox.store", "kookboek.support.files", "kookboek"],
)
def test_reading_content_or_the_inbox_does_not_load_pillow_or_weasyprint(module: str) -> None:
    probe = f"import sys, {module}; print(sorted({{'PIL', 'weasyprint'}} & set(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"
