"""Nothing of a portfolio reaches the built site or the published branch."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from portfolio_helpers import ATTENDANCE, every_byte, git, portfolio_project
from pypdf import PdfReader

from kookboek.cli.main import main


@pytest.mark.slow
def test_the_site_and_the_published_branch_hold_no_participant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = portfolio_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "https://example.org/kookboek/", "https://kookgroep.github.io/kookboek/"
        ),
        encoding="utf-8",
    )
    remote = tmp_path / "github.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(project, "remote", "add", "origin", str(remote))
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Real address")
    monkeypatch.chdir(project)
    runner = CliRunner()
    (tmp_path / "lijst.csv").write_text(ATTENDANCE, encoding="utf-8")
    imported = runner.invoke(main, ["portfolio", "importeer", str(tmp_path / "lijst.csv")])
    assert imported.exit_code == 0, imported.output

    published = runner.invoke(main, ["publish"])
    assert published.exit_code == 0, published.output
    branch = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "index.html" in branch
    pdfs = sorted((project / "site").rglob("*.pdf"))
    assert pdfs  # the booklets were built too
    pdf_text = " ".join(page.extract_text() or "" for pdf in pdfs for page in PdfReader(pdf).pages)
    for trace in ("Zoulikha", "Marieke", "weegschaal", "Bakte 30"):
        assert trace.encode() not in every_byte(project / "site")
        assert trace.encode() not in every_byte(remote)
        assert trace.encode() not in every_byte(project / ".git")
        assert trace not in pdf_text
    assert not any(name.startswith("portfolio") for name in branch)
