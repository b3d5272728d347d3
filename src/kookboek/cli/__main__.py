"""``python -m kookboek.cli``: the ``kookboek`` command (used by **Zet online** to build)."""

from kookboek.cli.main import main

main(prog_name="kookboek")
