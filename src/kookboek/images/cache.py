"""Resized photo variants kept between builds, named by a hash of the photo and the options.

An unchanged photo is never decoded twice, and a warm build does not even reread it: a
manifest (a :class:`~kookboek.support.cache.CacheFile`) remembers each photo's hash by its
file identity and each variant's pixel size.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from kookboek.images.decode import Format, decoded_size, encode, open_photo, resized, scaled_size
from kookboek.support.cache import CacheFile
from kookboek.support.files import write_atomic

# Bump when the variants come out differently (sizes, quality, colour handling).
PIPELINE_VERSION = "3"
MANIFEST_FILE = "manifest.json"
_VARIANT_NAME = re.compile(r"[0-9a-f]{24}\.(?:jpg|webp)")


@dataclass(frozen=True)
class ImageVariant:
    path: Path
    width: int
    height: int
    format: Format


def _is_manifest_entry(value: Any) -> bool:
    # A photo: [size, mtime, ctime, inode, sha256]; a variant: [width, height].
    if not isinstance(value, list):
        return False
    if len(value) == 5:
        return all(type(v) is int for v in value[:4]) and isinstance(value[4], str)
    return len(value) == 2 and all(type(v) is int for v in value)


class CacheManifest(CacheFile[list[Any]]):
    """What a warm build needs to know without opening files: each source photo's SHA-256
    (remembered by the file's identity) and the pixel size of each cached variant.

    A warm build would otherwise read and hash every photo again (hundreds of megabytes for
    a large site) and open every variant, only to find them all in the cache. The identity
    is the size, the modification and change times and the inode: any write or replacement
    changes the change time, which no tool can set back. Neither depends on the engine's
    other code, so an upgrade does not reread every photo.
    """

    def __init__(self, path: Path | None) -> None:
        super().__init__(
            path,
            accept=_is_manifest_entry,
            salt=[PIPELINE_VERSION],
            code_salted=False,
            prune=False,
        )

    @staticmethod
    def identity(stat: os.stat_result) -> list[int]:
        return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]

    def digest(self, source: Path, stat: os.stat_result) -> str | None:
        entry = self.get(f"photo:{source}")
        if entry is None or len(entry) != 5 or entry[:4] != self.identity(stat):
            return None
        digest: str = entry[4]
        return digest

    def size(self, variant: Path) -> tuple[int, int] | None:
        entry = self.get(f"variant:{variant.name}")
        if entry is None or len(entry) != 2:
            return None
        return entry[0], entry[1]

    def forget_photo(self, source: Path) -> None:
        self.forget(f"photo:{source}")

    def remember(
        self,
        source: tuple[Path, os.stat_result, str] | None = None,
        sizes: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        if source is not None:
            path, stat, digest = source
            self.put(f"photo:{path}", [*self.identity(stat), digest])
        for name, (width, height) in (sizes or {}).items():
            self.put(f"variant:{name}", [width, height])
        self.save()


class ImageCache:
    """Processed variants under ``cache_dir``, named by a hash of input and options."""

    def __init__(self, cache_dir: Path, *, keep_manifest: bool = True) -> None:
        """``keep_manifest=False``: learn in memory only (a worker process, which hands
        what it learnt to the build's own cache: one writer of the manifest)."""
        self.cache_dir = cache_dir
        self.processed = 0  # how many variants were actually computed (not from cache)
        self.hashed = 0  # how many source photos were read and hashed (not known by identity)
        self._manifest = CacheManifest(cache_dir / MANIFEST_FILE if keep_manifest else None)

    def learnt(self, source: Path | None = None) -> dict[str, list[Any]]:
        """The manifest's entries: all, or (``source``) only what it knows of that photo."""
        entries = self._manifest.entries()
        if source is None:
            return entries
        key = f"photo:{source}"
        return {key: entries[key]} if key in entries else {}

    def learn(self, entries: dict[str, list[Any]]) -> None:
        """Take over what another cache over the same folder learnt (a worker's)."""
        for key, value in entries.items():
            self._manifest.put(key, value)
        self._manifest.save()

    def variant(self, source: Path, width: int, fmt: Format) -> ImageVariant:
        return self.variants(source, [(width, fmt)])[0]

    def digest(self, source: Path) -> str:
        """The SHA-256 of ``source``, read and hashed only when its file changed; a variant
        of this cache is known by its name, which is a hash of what made it. (Linking it
        into a site changes its change time, so its identity would not last a build.)"""
        if source.parent == self.cache_dir and _VARIANT_NAME.fullmatch(source.name):
            return source.name
        return self._digest(source)[0]

    def _digest(self, source: Path) -> tuple[str, bytes | None]:
        """The photo's hash, and its bytes when they had to be read for it."""
        stat = source.stat()
        digest = self._manifest.digest(source, stat)
        if digest is not None:
            return digest, None
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        self.hashed += 1
        self._manifest.remember(source=(source, stat, digest))
        return digest, data

    def _target(self, digest: str, width: int, fmt: Format) -> Path:
        key = hashlib.sha256(f"{PIPELINE_VERSION}:{width}:{fmt}:{digest}".encode())
        suffix = "jpg" if fmt == "jpeg" else "webp"
        return self.cache_dir / f"{key.hexdigest()[:24]}.{suffix}"

    def _cached(
        self, target: Path, fmt: Format, learnt: dict[str, tuple[int, int]]
    ) -> ImageVariant:
        size = self._manifest.size(target)
        if size is None:
            with Image.open(target) as cached:  # reads the header only
                size = learnt[target.name] = cached.size
        return ImageVariant(target, size[0], size[1], fmt)

    def cached_variants(
        self, source: Path, wanted: Sequence[tuple[int, Format]]
    ) -> list[ImageVariant] | None:
        """The variants if every one is in the cache already, else None (nothing decoded)."""
        digest, _ = self._digest(source)
        targets = [self._target(digest, width, fmt) for width, fmt in wanted]
        if not all(target.is_file() for target in targets):
            return None
        learnt: dict[str, tuple[int, int]] = {}
        found = [self._cached(t, fmt, learnt) for t, (_, fmt) in zip(targets, wanted, strict=True)]
        if learnt:
            self._manifest.remember(sizes=learnt)
        return found

    def planned_variants(
        self, source: Path, wanted: Sequence[tuple[int, Format]]
    ) -> list[ImageVariant] | None:
        """The variants ``variants`` will make of a photo none of whose variants is in the
        cache yet, known before they are made: their files from the photo's hash, their
        sizes from its header. None when some are in the cache (``variants`` then makes
        the others from a smaller decoding)."""
        digest, _ = self._digest(source)
        targets = [self._target(digest, width, fmt) for width, fmt in wanted]
        if any(target.is_file() for target in targets):
            return None
        size = decoded_size(source, at_least=max(width for width, _ in wanted))
        by_width: dict[int, tuple[int, int]] = {}
        for width in sorted({width for width, _ in wanted}, reverse=True):
            size = by_width[width] = scaled_size(size, width)  # as ``variants`` scales them
        return [
            ImageVariant(target, *by_width[width], fmt)
            for target, (width, fmt) in zip(targets, wanted, strict=True)
        ]

    def variants(self, source: Path, wanted: Sequence[tuple[int, Format]]) -> list[ImageVariant]:
        """Several sizes of one photo: hashed once, decoded once if any is missing."""
        digest, data = self._digest(source)
        found: dict[tuple[int, Format], ImageVariant] = {}
        missing: dict[tuple[int, Format], Path] = {}
        learnt: dict[str, tuple[int, int]] = {}
        for width, fmt in wanted:
            target = self._target(digest, width, fmt)
            if target.is_file():
                found[width, fmt] = self._cached(target, fmt, learnt)
            else:
                missing[width, fmt] = target
        if missing:
            if data is None:
                data = source.read_bytes()
                if hashlib.sha256(data).hexdigest() != digest:
                    # Changed between the look at its identity and now: hash it afresh.
                    self._manifest.forget_photo(source)
                    return self.variants(source, wanted)
            image = open_photo(data, at_least=max(width for width, _ in missing))
            by_width: dict[int, Image.Image] = {}
            for (width, fmt), target in sorted(missing.items(), reverse=True):
                # Each size is scaled down from the next larger one: less work, same look.
                smaller = by_width.get(width) or resized(image, width)
                by_width[width] = image = smaller
                write_atomic(target, encode(smaller, fmt))
                self.processed += 1
                found[width, fmt] = ImageVariant(target, smaller.width, smaller.height, fmt)
                learnt[target.name] = smaller.size
        if learnt:
            self._manifest.remember(sizes=learnt)
        return [found[request] for request in wanted]
