"""The site's public address (``site_url`` in mkdocs.yml): canonical links, the sitemap, the
feed, share previews and structured data all name it, so it must be the real one."""

from __future__ import annotations

from urllib.parse import urlsplit

#: Names reserved for examples and tests (RFC 2606, RFC 6761): never a published site.
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
_RESERVED_NAMES = {"example.org", "example.com", "example.net", "localhost"}


def placeholder_problem(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be a published site's address (Dutch), or None."""
    if not site_url:
        return (
            "in mkdocs.yml staat geen site_url. Zet daar het adres waarop de website komt, "
            "bijvoorbeeld https://onze-groep.github.io/kookboek/."
        )
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        return f"site_url in mkdocs.yml ({site_url}) is geen webadres: begin met https://."
    if (
        host in _RESERVED_NAMES
        or host.endswith(_RESERVED_SUFFIXES)
        or any(host.endswith("." + name) for name in _RESERVED_NAMES)
    ):
        return (
            f"site_url in mkdocs.yml is nog het voorbeeldadres ({site_url}). Zet daar het "
            "adres waarop de website echt komt, bijvoorbeeld "
            "https://onze-groep.github.io/kookboek/ (zie de handleiding, deel 7)."
        )
    return None
