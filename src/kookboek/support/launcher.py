"""How the coach starts the command, for the examples in messages."""

from __future__ import annotations

import os

#: Set by the ``./kookboek`` launcher at the project's root; an installed command is ``kookboek``.
LAUNCHER_VARIABLE = "KOOKBOEK_OPDRACHT"


def command_name() -> str:
    """``./kookboek`` when started through the launcher, else ``kookboek``."""
    return os.environ.get(LAUNCHER_VARIABLE) or "kookboek"
