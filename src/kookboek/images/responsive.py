"""Recipe photos for the website: responsive WebP and JPEG variants from the image pipeline.

A raster photo is never published as uploaded (it may be huge and carry GPS data): only its
re-encoded variants are. An SVG illustration is drawn by hand and is used as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kookboek.content.errors import ContentError, ContentErrors, display_path
from kookboek.images.cache import ImageCache, ImageVariant
from kookboek.images.decode import Format, ImageProblem
from kookboek.support.workers import Started, start_on_all_cores

PHOTO_WIDTHS = (400, 800, 1200)
FORMATS: tuple[Format, ...] = ("webp", "jpeg")
WANTED = [(width, fmt) for fmt in FORMATS for width in PHOTO_WIDTHS]
PHOTO_DIR = "fotos"
_VIEWBOX = re.compile(rb"viewBox\s*=\s*[\"']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)")
_DEFAULT_VECTOR_SIZE = (800, 600)


@dataclass(frozen=True)
class PublishedFile:
    """A file to copy into the site: ``url_path`` from the site root, ``source`` on disk."""

    url_path: str
    source: Path


@dataclass(frozen=True)
class Photo:
    """What a page needs to show a photo; paths are relative to the site root."""

    src: str  # the fallback <img src> (largest JPEG, or the SVG)
    width: int
    height: int
    webp: tuple[tuple[str, int], ...] = ()  # (path, width) for srcset
    jpeg: tuple[tuple[str, int], ...] = ()
    files: tuple[PublishedFile, ...] = ()

    @property
    def is_vector(self) -> bool:
        return not self.webp

    def srcset(self, fmt: Format, root: str) -> str:
        variants = self.webp if fmt == "webp" else self.jpeg
        return ", ".join(f"{root}{path} {width}w" for path, width in variants)

    def all_urls(self) -> list[str]:
        """Every published variant, largest first (for structured data)."""
        if self.is_vector:
            return [self.src]
        return [path for path, _ in (self.jpeg[-1], self.webp[-1])]


def prepare_photo(source: Path, url_path: str, name: str, cache: ImageCache) -> Photo:
    """The photo at ``source`` as published; ``url_path`` is its place in the content tree."""
    photo = _prepare(source, url_path, name, cache, cached_only=False)
    assert photo is not None
    return photo


def _prepare(
    source: Path, url_path: str, name: str, cache: ImageCache, *, cached_only: bool
) -> Photo | None:
    if source.suffix.lower() == ".svg":
        width, height = vector_size(source.read_bytes()[:4096])
        return Photo(src=url_path, width=width, height=height)
    made = cache.cached_variants(source, WANTED) if cached_only else cache.variants(source, WANTED)
    if made is None:
        return None
    return _published(made, name)


def _published(made: Sequence[ImageVariant], name: str) -> Photo:
    """The ``Photo`` that shows the variants ``made`` of the photo called ``name``."""
    variants: dict[Format, list[ImageVariant]] = {"webp": [], "jpeg": []}
    for variant in made:
        if all(v.width != variant.width for v in variants[variant.format]):
            variants[variant.format].append(variant)
    published: dict[Format, list[tuple[str, int]]] = {"webp": [], "jpeg": []}
    files: list[PublishedFile] = []
    for fmt, found in variants.items():
        suffix = "jpg" if fmt == "jpeg" else "webp"
        for variant in found:
            path = f"{PHOTO_DIR}/{name}-{variant.width}.{suffix}"
            published[fmt].append((path, variant.width))
            files.append(PublishedFile(path, variant.path))
    largest = variants["jpeg"][-1]
    return Photo(
        src=published["jpeg"][-1][0],
        width=largest.width,
        height=largest.height,
        webp=tuple(published["webp"]),
        jpeg=tuple(published["jpeg"]),
        files=tuple(files),
    )


def prepare_photos(
    wanted: Iterable[tuple[str, Path, str]], cache: ImageCache
) -> Mapping[str, Photo]:
    """``(name, source, url_path)`` for each photo → its ``Photo``, by name.

    A photo that cannot be decoded (a truncated file, say) raises ``ContentErrors`` naming
    every such file, after all photos were tried.
    """
    pending = start_photos(wanted, cache)
    pending.wait()
    return pending.photos


class PendingPhotos:
    """Photos being made on every core. ``photos`` is known at once (what a page needs:
    addresses and sizes); ``wait()`` before the files are used."""

    def __init__(
        self,
        photos: dict[str, Photo],
        planned: dict[int, Photo],
        jobs: list[tuple[int, _PhotoJob]],
        started: Started[_PhotoDone] | None,
        results: list[Photo | ContentError | None],
        cache: ImageCache,
    ) -> None:
        self.photos = photos
        self._planned = planned
        self._jobs = jobs
        self._started = started
        self._results = results
        self._cache = cache
        #: The variant files not made yet (share images drawn from them wait for them).
        self.files = frozenset(file.source for index in planned for file in planned[index].files)

    def wait(self) -> None:
        """Until every photo is made; ``ContentErrors`` for every photo that could not be."""
        if self._started is not None:
            started, self._started = self._started, None
            for (index, job), done in zip(self._jobs, started.results(), strict=True):
                result = done.result
                planned = self._planned.get(index)
                if planned is not None and result != planned and isinstance(result, Photo):
                    # Cannot happen unless the sizes read from the header are wrong: the
                    # pages already show the planned sizes.
                    problem = "de foto kreeg andere maten dan verwacht. Bouw de site opnieuw."
                    result = ContentError(display_path(job.source), 0, "", problem)
                self._results[index] = result
                self._cache.processed += done.processed
                self._cache.hashed += done.hashed
                self._cache.learn(done.learnt)
        problems = [result for result in self._results if isinstance(result, ContentError)]
        if problems:
            raise ContentErrors(problems)

    def cancel(self) -> None:
        if self._started is not None:
            self._started.close()
            self._started = None


def start_photos(wanted: Iterable[tuple[str, Path, str]], cache: ImageCache) -> PendingPhotos:
    """``prepare_photos``, begun now: the photos in the cache are looked up here; the others
    are decoded and encoded on every core while the build goes on, their ``Photo`` known
    beforehand from each photo's hash and header (the pages need no more). When one of
    them cannot be planned so (its header is damaged, some of its variants are cached),
    all are made before this returns, as ``prepare_photos`` always did."""
    jobs = list(wanted)
    results: list[Photo | ContentError | None] = []
    # Photos already in the cache first, in this process: a few file lookups each.
    for name, source, url_path in jobs:
        try:
            results.append(_prepare(source, url_path, name, cache, cached_only=True))
        except ImageProblem as exc:
            results.append(ContentError(display_path(source), 0, "", str(exc)))
        except OSError:
            results.append(None)  # the full attempt below reports it

    # The rest must be decoded and encoded: on every core, each photo in one process.
    todo = [index for index, result in enumerate(results) if result is None]
    planned: dict[int, Photo] = {}
    for index in todo:
        name, source, _ = jobs[index]
        try:
            made = cache.planned_variants(source, WANTED)
        except (ImageProblem, OSError):
            break  # made now, to report every problem at once
        if made is None:
            break
        planned[index] = _published(made, name)
    if len(planned) < len(todo) or any(isinstance(r, ContentError) for r in results):
        planned = {}
    work = [(i, _PhotoJob(cache.cache_dir, *jobs[i], cache.learnt(jobs[i][1]))) for i in todo]
    started = start_on_all_cores(_prepare_apart, [job for _, job in work])
    photos = {
        jobs[index][0]: result for index, result in enumerate(results) if isinstance(result, Photo)
    }
    photos.update({jobs[index][0]: photo for index, photo in planned.items()})
    pending = PendingPhotos(photos, planned, work, started, results, cache)
    if not planned:
        pending.wait()
        pending.photos.update(
            {
                jobs[index][0]: result
                for index, result in enumerate(results)
                if isinstance(result, Photo)
            }
        )
    return pending


@dataclass(frozen=True)
class _PhotoJob:
    cache_dir: Path
    name: str
    source: Path
    url_path: str
    known: dict[str, list[Any]]  # what the build's cache knows of the photo (its hash)


@dataclass(frozen=True)
class _PhotoDone:
    result: Photo | ContentError
    processed: int
    hashed: int
    learnt: dict[str, list[Any]]  # for the build's manifest


def _prepare_apart(job: _PhotoJob) -> _PhotoDone:
    """One photo's variants, in a worker process; the build's cache keeps the manifest."""
    cache = ImageCache(job.cache_dir, keep_manifest=False)
    cache.learn(job.known)
    try:
        result: Photo | ContentError = prepare_photo(job.source, job.url_path, job.name, cache)
    except ImageProblem as exc:
        result = ContentError(display_path(job.source), 0, "", str(exc))
    return _PhotoDone(result, cache.processed, cache.hashed, cache.learnt())


def vector_size(head: bytes) -> tuple[int, int]:
    """The intrinsic size of an SVG from its ``viewBox`` (so the page reserves its space)."""
    match = _VIEWBOX.search(head)
    if match is None:
        return _DEFAULT_VECTOR_SIZE
    try:
        width, height = (round(float(group)) for group in match.groups())
    except ValueError:
        return _DEFAULT_VECTOR_SIZE
    if width <= 0 or height <= 0:
        return _DEFAULT_VECTOR_SIZE
    return width, height
