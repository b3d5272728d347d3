"""Options of the ``kookboek`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class BookletConfig(Config):
    """One recipe booklet (three PDF editions)."""

    bestand = opt.Type(str, default="receptenboek")
    """File name without .pdf: gives receptenboek.pdf, -drukwerk.pdf and -boekje-a4.pdf."""
    titel = opt.Type(str, default="Receptenboek")
    ondertitel = opt.Type(str, default="Betaalbare recepten, samen bedacht en gekookt")
    categorieen = opt.ListOfItems(opt.Type(str), default=[])
    """Only these categories, in this order (empty: all categories)."""
    max_kost_per_portie = opt.Optional(opt.Type((int, float)))
    """Only recipes that cost at most this much per portion, in euro."""
    volgorde = opt.Choice(("titel", "kost", "tijd"), default="titel")
    """Order of the recipes inside a chapter."""
    project = opt.Type(str, default="")
    """Shown on the cover and in the colophon (default: site_name)."""
    partners = opt.ListOfItems(opt.Type(str), default=[])
    licentie = opt.Type(str, default="CC BY 4.0")
    omslagfoto = opt.Optional(opt.Type(str))
    """Cover image relative to docs_dir (default: the first recipe photo)."""


class KookboekConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (the site is then plain Markdown)."""

    pdf = opt.Type(bool, default=True)
    """Render the PDFs. ``KOOKBOEK_PDF=0`` in the environment overrides it (``--no-pdf``)."""

    cache_dir = opt.Type(str, default=".cache/kookboek")
    """Where processed photos and PDFs are kept between builds, relative to ``mkdocs.yml``."""

    korte_naam = opt.Type(str, default="")
    """The name under the icon when the site is put on a phone's home screen (at most 12
    characters; default: site_name when it fits, else "Kookboek")."""

    booklets = opt.ListOfItems(opt.SubConfig(BookletConfig), default=[])
    """The recipe booklets; none configured means one booklet with every recipe."""
