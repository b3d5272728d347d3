"""``kookboek publish``: build the site and put it on a branch of a git remote.

The way ``mkdocs gh-deploy`` does it, with the library it uses (ghp-import): the built
``site/`` becomes the only commit of the branch (``gh-pages``), with ``.nojekyll`` so that
GitHub Pages serves it as it is. Git's own English output is shown only when it fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from kookboek.cli.dutch import DutchCommand
from kookboek.cli.options import config_option
from kookboek.publishing import targets
from kookboek.site.address import placeholder_problem
from kookboek.support.launcher import command_name


class PublishProblem(Exception):
    """Publishing stopped; the message is Dutch."""


@click.command("publish", cls=DutchCommand, short_help="Zet de website online (git).")
@click.option(
    "--remote",
    default="origin",
    show_default=True,
    metavar="NAAM_OF_ADRES",
    help="De git-remote (een naam zoals origin, of een adres) waar de website naartoe gaat.",
)
@click.option(
    "--branch",
    default="gh-pages",
    show_default=True,
    metavar="TAK",
    help="De tak die de website krijgt; GitHub Pages toont gh-pages.",
)
@config_option
def publish(remote: str, branch: str, config_file: Path) -> None:
    """Controleer de inhoud, maak de website met de pdf's en zet ze online.

    De map site/ komt als één versie op de tak gh-pages van de git-remote. GitHub Pages
    toont die tak dan als website. Het adres in mkdocs.yml (site_url) moet het echte adres
    zijn: anders stopt de opdracht. Zie de handleiding, deel 7 "Online zetten".
    """
    from kookboek.mkdocs_plugin.run import BuildFailed, build_site, site_address

    if not config_file.is_file():
        click.echo(f"{config_file} niet gevonden. Start dit in de map van het kookboek.", err=True)
        sys.exit(2)
    site_url = site_address(config_file)
    problem = placeholder_problem(site_url)
    if problem:
        click.echo(f"Niet online gezet: {problem}", err=True)
        sys.exit(1)
    try:
        _require_git_folder()
        result = build_site(config_file, pdf=True)
        click.echo(result.summary())
        commit = put_on_branch(result.site_dir, remote, branch, site_url or "")
    except BuildFailed as exc:
        click.echo(exc.summary, err=True)
        click.echo("Niet online gezet: verbeter eerst de inhoud.", err=True)
        sys.exit(1)
    except PublishProblem as exc:
        click.echo(f"Niet online gezet: {exc}", err=True)
        sys.exit(1)
    click.echo(
        f"Online gezet: {site_url} ({result.pages} pagina's, {result.pdfs} pdf's), "
        f"tak {branch} van {remote}, versie {commit[:7]}."
    )
    click.echo("GitHub Pages of je webhost toont de nieuwe versie meestal na een paar minuten.")


def _git(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=False, env=env)


def _require_git_folder() -> None:
    try:
        inside = _git("rev-parse", "--is-inside-work-tree")
    except FileNotFoundError:
        raise PublishProblem("git is niet geïnstalleerd (zie de handleiding, deel 0).") from None
    if inside.returncode != 0:
        raise PublishProblem(
            "deze map is geen git-map. Online zetten met deze opdracht gaat alleen met git "
            "(zie de handleiding, deel 7). Zonder git: zet de map site/ met een FTP-programma "
            "op je webhost."
        )


def put_on_branch(site_dir: Path, remote: str, branch: str, site_url: str) -> str:
    """``site_dir`` as the only commit of ``branch``, pushed to ``remote``; its commit id."""
    message = f"Website: {site_url}, gemaakt met {command_name()} publish"
    try:
        return targets.put_on_branch(Path.cwd(), site_dir, remote, branch, message)
    except targets.PublishProblem as exc:
        raise PublishProblem(str(exc)) from None
