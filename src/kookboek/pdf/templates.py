"""The Jinja2 environment of the print templates (``templates/print/``), autoescaped."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from kookboek.rendering import environment
from kookboek.safe_markdown import render_markdown


@cache
def print_environment() -> jinja2.Environment:
    env = environment().overlay()
    # No heading ids: one printed document holds many recipes with a 'Bereiding' heading.
    env.filters["print_markdown"] = lambda text: Markup(render_markdown(text, heading_ids=False))
    return env


def render_print(template: str, **context: Any) -> str:
    return print_environment().get_template(f"print/{template}").render(**context)
