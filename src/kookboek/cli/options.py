"""Options several commands share, written once."""

from __future__ import annotations

from pathlib import Path

import click

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    metavar="BESTAND",
    help="Het configuratiebestand van de website.",
)
