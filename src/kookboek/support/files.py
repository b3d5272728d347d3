"""Writing files so that a reader, a crash or a second writer never sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, replace: bool = True, mode: int = 0o644) -> bool:
    """Write ``data`` to a temporary name next to ``path``, then put it in place.

    ``replace=False`` never overwrites: when ``path`` exists already (another writer took the
    name first) nothing is written and False is returned. Returns True when written. The file
    gets ``mode`` before it appears under its name (0o600 for a secret: never readable by
    others, not even for a moment).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)  # mkstemp makes files only their owner can read
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # unlike a rename, fails when the name is taken
    except FileExistsError:
        return False
    finally:
        Path(tmp).unlink(missing_ok=True)
    return True
