"""The load-test script (scripts/load_test.py, `make load-test`) in a short run: 10 phones, 3 s."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from project_paths import FIXTURES, REPO

FIXTURE_CONTENT = FIXTURES / "valid" / "content"


@pytest.mark.slow
def test_ten_phones_for_three_seconds_store_every_accepted_recipe() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "load_test.py"),
            "--clients=10",
            "--seconds=3",
            f"--content={FIXTURE_CONTENT}",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    figures = json.loads(done.stdout)
    assert done.returncode == 0, (figures, done.stderr)
    assert figures["problems"] == []
    assert figures["accepted_submissions"] >= 10
    assert set(figures["statuses"]) <= {"200", "303"}
    print(
        f"\nload (10 clients, 3 s): {figures['requests_per_second']} requests/s, "
        f"p95 {figures['p95_ms']} ms, RSS {figures['rss_start_mb']} → {figures['rss_end_mb']} MB"
    )
