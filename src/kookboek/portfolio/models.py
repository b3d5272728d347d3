"""A participant's portfolio as stored: who she is (first name only), her sessions and the
observations about her. JSON keys are Dutch: the export is hers to read."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kookboek.content.models import Identifier

# A first name or a pseudonym: no surname is asked, but nothing can stop one being typed; the
# limit keeps it short.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# One or two sentences of concrete behaviour.
ObservationText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)
]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]

MAX_OBSERVATION_CHARS = 300
FORMAT_VERSION = 1


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class RecipeRef(Model):
    """What was cooked: a published recipe (its slug), a waiting submission (its inbox id)
    or free text. ``title`` is the title at the time, kept for when the file changes."""

    kind: Literal["recept", "inzending", "tekst"] = Field(alias="soort")
    value: ShortText = Field(alias="waarde")
    title: ShortText = Field(alias="titel")


class SessionEntry(Model):
    """Her part in one cooking session; ``id`` is shared by everyone who was there."""

    id: Identifier
    date: dt.date = Field(alias="datum")
    recipe: RecipeRef | None = Field(default=None, alias="recept")
    tasks: tuple[Identifier, ...] = Field(default=(), alias="taken")
    # Competences named directly (the spreadsheet import names competences, not tasks).
    competences: tuple[Identifier, ...] = Field(default=(), alias="competenties")
    # For how many people she cooked, when it differs from the recipe's portions.
    people: int | None = Field(default=None, alias="personen", ge=1, le=1000)


class Observation(Model):
    """What a coach saw, printed only once the participant agreed to it (``agreed_on``)."""

    id: Identifier
    text: ObservationText = Field(alias="tekst")
    author: ShortText = Field(alias="auteur")
    date: dt.date = Field(alias="datum")
    session: Identifier | None = Field(default=None, alias="sessie")
    competence: Identifier | None = Field(default=None, alias="competentie")
    agreed_on: dt.date | None = Field(default=None, alias="besproken_op")

    @property
    def agreed(self) -> bool:
        return self.agreed_on is not None


class Portfolio(Model):
    """Everything kept about one participant. No surname, address, health, family or debt."""

    version: int = Field(default=FORMAT_VERSION, alias="versie")
    name: Name = Field(alias="naam")
    group: ShortText | None = Field(default=None, alias="groep")
    # The day she agreed to have a portfolio: there is none without it.
    consent_on: dt.date = Field(alias="toestemming")
    # Only about the activity.
    notes: LongText | None = Field(default=None, alias="notities")
    # "Wat ik kan" in her own words, typed with her.
    own_words: LongText | None = Field(default=None, alias="eigen_woorden")
    sessions: tuple[SessionEntry, ...] = Field(default=(), alias="sessies")
    observations: tuple[Observation, ...] = Field(default=(), alias="observaties")

    @property
    def last_session(self) -> dt.date | None:
        return max((s.date for s in self.sessions), default=None)

    def competences_of(
        self, entry: SessionEntry, task_competences: dict[str, tuple[str, ...]]
    ) -> list[str]:
        """The competences one session practised: those of its tasks, then those named."""
        found: list[str] = []
        for task in entry.tasks:
            found += [c for c in task_competences.get(task, ()) if c not in found]
        found += [c for c in entry.competences if c not in found]
        return found

    def with_session(self, entry: SessionEntry) -> Portfolio:
        return self.model_copy(update={"sessions": (*self.sessions, entry)})

    def with_observation(self, observation: Observation) -> Portfolio:
        return self.model_copy(update={"observations": (*self.observations, observation)})

    def with_agreed(self, observation_id: str, on: dt.date | None) -> Portfolio:
        """Her agreement to one observation ticked (``on``) or taken back (None)."""
        observations = tuple(
            o.model_copy(update={"agreed_on": on}) if o.id == observation_id else o
            for o in self.observations
        )
        return self.model_copy(update={"observations": observations})
