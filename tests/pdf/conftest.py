"""Fixtures of the PDF tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import make_pdf_project


@pytest.fixture(scope="module")
def pdf_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf_project(tmp_path_factory.mktemp("pdf") / "project")
