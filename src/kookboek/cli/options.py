"""Options several commands share, written once."""

from __future__ import annotations

from pathlib import Path

import click

from kookboek.portfolio.store import DEFAULT_DIR

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    metavar="BESTAND",
    help="Het configuratiebestand van de website.",
)

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="content",
    show_default=True,
    metavar="MAP",
    help="De map met de inhoud.",
)

inbox_option = click.option(
    "--inbox",
    "inbox_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default="inzendingen",
    show_default=True,
    metavar="MAP",
    help="De map met de ingestuurde recepten (buiten content/).",
)

portfolio_option = click.option(
    "--portfolio",
    "portfolio_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=str(DEFAULT_DIR),
    show_default=True,
    metavar="MAP",
    help="De map met de portfolio's van de deelnemers (privé: buiten content/ en buiten git).",
)


class WholeNumber(click.ParamType[int, object]):
    """A whole number from ``low`` to ``high``, with a Dutch message (click's own range type
    shows ``1<=x<=65535``)."""

    def __init__(self, name: str, low: int, high: int, what: str) -> None:
        self.name = name
        self.low, self.high, self.what = low, high, what

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        try:
            number = int(str(value))
        except ValueError:
            number = self.low - 1
        if not self.low <= number <= self.high:
            self.fail(
                f"{value!r} is {self.what}: kies een getal van {self.low} tot {self.high}.",
                param,
                ctx,
            )
        return number
