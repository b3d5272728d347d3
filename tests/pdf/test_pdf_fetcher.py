"""The restricted URL fetcher: local files under the allowed folders, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from kookboek.pdf.fetcher import RefusedURL, RestrictedFetcher


@pytest.fixture
def fetcher(tmp_path: Path) -> RestrictedFetcher:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "foto.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "geheim.txt").write_text("niet voor de pdf")
    return RestrictedFetcher([tmp_path / "ok"])


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "https://fonts.example.org/font.woff2",
        "ftp://example.org/x",
        "data:text/plain,hallo",
        "file://andere-host/etc/passwd",
    ],
)
def test_refuses_anything_but_local_files(fetcher: RestrictedFetcher, url: str) -> None:
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_refuses_files_outside_the_allowed_folders(
    fetcher: RestrictedFetcher, tmp_path: Path
) -> None:
    with pytest.raises(RefusedURL):
        fetcher.fetch((tmp_path / "geheim.txt").as_uri())
    with pytest.raises(RefusedURL):
        fetcher.fetch((tmp_path / "ok").as_uri() + "/../geheim.txt")


def test_serves_files_under_an_allowed_folder(fetcher: RestrictedFetcher, tmp_path: Path) -> None:
    response = fetcher.fetch((tmp_path / "ok" / "foto.svg").as_uri())
    assert response.content_type == "image/svg+xml"
    assert response.read().startswith(b"<svg")
