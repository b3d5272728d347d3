"""Options of the ``kookboek`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class KookboekConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (the site is then plain Markdown)."""

    pdf = opt.Type(bool, default=True)
    """Render the PDFs. ``KOOKBOEK_PDF=0`` in the environment overrides it (``--no-pdf``)."""

    cache_dir = opt.Type(str, default=".cache/kookboek")
    """Where processed photos and PDFs are kept between builds, relative to ``mkdocs.yml``."""
