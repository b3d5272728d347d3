"""The page ``kookboek serve`` shows in the browser while the content has errors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kookboek.site.templating import environment

# "content/recepten/soep.md:5: porties: uitleg" or "content/recepten/soep.md:5: uitleg"
_PROBLEM = re.compile(
    r"^(?P<place>[^\s:]+(?::\d+)?): (?:(?P<field>[\w\[\].-]+): )?(?P<message>.+)$"
)


@dataclass(frozen=True)
class ShownProblem:
    place: str
    field: str
    message: str


def render_problem_page(messages: Iterable[str], command: str) -> str:
    """One list item per problem line (file, line, field, explanation); other lines as text."""
    problems: list[ShownProblem] = []
    other: list[str] = []
    for message in messages:
        for line in message.splitlines():
            line = line.strip()
            if not line:
                continue
            match = _PROBLEM.match(line)
            if match and ("/" in match["place"] or "." in match["place"]):
                problems.append(
                    ShownProblem(match["place"], match["field"] or "", match["message"])
                )
            elif not line.endswith(":"):  # a heading such as "De inhoud bevat fouten:"
                other.append(line)
    template = environment().get_template("site/build_problems.html")
    return template.render(problems=problems, other=other, command=command)
