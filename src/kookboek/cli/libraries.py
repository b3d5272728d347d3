"""The system libraries WeasyPrint loads (Pango, HarfBuzz, ...): when one is missing, a Dutch
message with the one line that installs them on this computer, instead of a traceback.

WeasyPrint opens them with cffi the first time it is imported (for the PDFs) and raises
``OSError: cannot load library 'libpango-1.0-0': ...`` when one is not there.
"""

from __future__ import annotations

import platform
import re

from kookboek.support.launcher import command_name

_MISSING = re.compile(
    r"cannot load library '(?P<name>[^']*(?:pango|gobject|harfbuzz|fontconfig)[^']*)'",
    re.IGNORECASE,
)
DEBIAN = "sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
MACOS = "brew install pango"


def missing_library(error: BaseException) -> str | None:
    """The library named in ``error`` when it is WeasyPrint's text libraries that are missing."""
    if not isinstance(error, OSError):
        return None
    found = _MISSING.search(str(error))
    return found.group("name") if found else None


def install_lines(system: str) -> list[str]:
    """The install command for ``system`` (``platform.system()``); both when it is another."""
    if system == "Darwin":
        return [f"Op een Mac (met Homebrew): {MACOS}"]
    if system == "Linux":
        return [f"Op Debian of Ubuntu: {DEBIAN}"]
    return [f"Op Debian of Ubuntu: {DEBIAN}", f"Op een Mac (met Homebrew): {MACOS}"]


def missing_library_message(library: str, system: str | None = None) -> str:
    """What the coach reads when ``library`` could not be loaded."""
    lines = [
        "",
        "De pdf's kunnen niet gemaakt worden: Pango ontbreekt op deze computer.",
        f"(Het kookboek vindt {library} niet.)",
        "Installeer ze één keer met deze regel (je computer vraagt je wachtwoord):",
        *(f"  {line}" for line in install_lines(system or platform.system())),
        "Probeer het daarna opnieuw.",
        f"Alleen de website, zonder pdf's, kan wel: {command_name()} build --no-pdf",
    ]
    return "\n".join(lines)
