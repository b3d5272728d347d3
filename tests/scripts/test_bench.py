"""The benchmark's verdicts (scripts/bench.py): each budget of its table, met or missed."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from project_paths import REPO


def load_bench() -> ModuleType:
    sys.path.insert(0, str(REPO / "scripts"))
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()


def test_a_large_site_has_the_larger_budgets() -> None:
    assert bench.budget("first_search_kb_gzip", 1000) == 150
    assert bench.budget("first_search_kb_gzip", 10000) == 250
    assert bench.budget("peak_memory_mib", 1000) == 512
    assert bench.budget("peak_memory_mib", 10000) == 1024
    assert bench.budget("cold_over_plain", 10000) == 5


def test_every_measured_budget_gets_a_verdict() -> None:
    page = {"bytes_gzip": 120_000}
    results = {
        "recipes": 1000,
        "plain": {"seconds": 4.0},
        "plain_again": {"seconds": 3.0},
        "cold": {"seconds": 15.0, "peak_mib": 200, "children_peak_mib": 90, "tree_peak_mib": 530},
        "warm": {"seconds": 3.3, "peak_mib": 180},
        "weight": {
            "recipe/phone": page,
            "overview/phone": {"bytes_gzip": 99_000},
            "overview/slow-phone": {"interactive_ms": 1600},
            "weekmenu/phone": page,
        },
        "search": {"bytes_gzip": 151_000},
        "cook_mode": {"median_ms": 100},
    }
    met = {row["budget"]: row["met"] for row in bench.verdicts(results)}
    assert met == {
        "cold_over_plain": True,  # 15 s against the faster plain build (3 s): 5.0×
        "warm_over_plain": False,
        "peak_memory_mib": False,  # the build and its pool's processes together: 530 MiB
        "recipe_page_kb_gzip": True,
        "overview_page_kb_gzip": True,
        "overview_scripts_ready_ms": False,
        "weekmenu_page_kb_gzip": True,
        "first_search_kb_gzip": False,
        "cook_mode_open_ms": False,  # the budget is below 100 ms
    }


def test_the_search_requests_are_told_apart() -> None:
    assert bench._search_part("/pagefind/pagefind-worker.js") == "worker"
    assert bench._search_part("/pagefind/wasm.nl.pagefind") == "WebAssembly"
    assert bench._search_part("/pagefind/index/nl_17b0caa.pf_index") == "index"
    assert bench._search_part("/pagefind/fragment/nl_1.pf_fragment") == "excerpts"
    assert bench._search_part("/pagefind/pagefind.js?v=1.5.2") == "script"
    assert bench._search_part("/pagefind/pagefind-entry.json?ts=1") == "metadata"
