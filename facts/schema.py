"""The shape of every curated record, as pydantic models that reject unknown fields.

The models are the curator's manual: each field says what it holds. Cross-record rules
(order, lifespans, references) live in ``checks.py``, which can report them all at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from facts.dates import FuzzyDate

Date = Annotated[
    FuzzyDate,
    BeforeValidator(FuzzyDate.parse),
    PlainSerializer(str, return_type=str),
]

# The legend, highest stage first. A unit's status is the highest stage it holds.
STATUS_ORDER: tuple[str, ...] = (
    "member",
    "accession",
    "map",
    "intensified_dialogue",
    "partner",
    "dialogue",
    "warsaw_pact",
    "none",
)

# Milestone kinds that start a stage, and the stage they start.
STAGE_OF_KIND: dict[str, str] = {
    "nacc": "dialogue",
    "eapc": "dialogue",
    "pfp": "partner",
    "ipap": "partner",
    "intensified_dialogue": "intensified_dialogue",
    "map": "map",
    "invitation": "accession",
    "accession_protocol": "accession",
    "membership": "member",
}
# Kinds that change no stage: an invitation to the MAP is not the MAP, an offer not taken up is
# not a status, and the other kinds are notable events of a unit.
MilestoneKind = Literal[
    "warsaw_pact_end",
    "nacc",
    "pfp",
    "eapc",
    "ipap",
    "intensified_dialogue",
    "map_invitation",
    "map",
    "invitation",
    "accession_protocol",
    "membership",
    "independence",
    "name_change",
    "military_neutrality",
    "agreement",
    "offer",
    "other",
]

# Pins must stand on the map's region (south, west, north, east), generously drawn.
REGION_BOUNDS = (34.0, 12.0, 49.0, 45.0)


class Record(BaseModel):
    """Base of every record: unknown fields are errors, so a typo such as ``sorce`` fails."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Record):
    """Where a fact comes from."""

    url: str = Field(pattern=r"^https?://\S+$", description="Address of the page or document.")
    publisher: str = Field(min_length=1, description="Who publishes it: NATO, a government, ...")
    title: str = Field(min_length=1, description="The page's or document's title.")
    accessed: Date | None = Field(None, description="When the curator read it.")
    quote: str | None = Field(None, description="The sentence that carries the fact.")


class Sourced(Record):
    """A record that must name its sources, and may explain a choice between them."""

    sources: list[Source] = Field(default_factory=list, description="At least one source.")
    note: str | None = Field(None, description="Which source won where they disagree, and why.")


class NamePeriod(Record):
    """A name in force from ``from`` (inclusive) to ``to`` (exclusive); open ends are lifespans."""

    name: str = Field(min_length=1)
    short: str | None = Field(None, min_length=1, description="The name on the map, where the full one is too long.")
    from_: Date | None = Field(None, alias="from")
    to: Date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether this name was in force on ``day``."""
        after_start = self.from_ is None or self.from_.earliest <= day
        before_end = self.to is None or day < self.to.earliest
        return after_start and before_end


class Named(Sourced):
    """A sourced record whose name changed over time (a unit, a site)."""

    names: list[NamePeriod] = Field(min_length=1, description="Names in force, oldest first.")

    def name_on(self, day: dt.date) -> str:
        """The name in force on ``day``, else the nearest in time (the first before, the last after)."""
        for period in self.names:
            if period.covers(day):
                return period.name
        if self.names[0].from_ and day < self.names[0].from_.earliest:
            return self.names[0].name
        return self.names[-1].name

    def short_name_on(self, day: dt.date) -> str:
        """The name to write on the map on ``day``: the period's short form, else its name."""
        for period in self.names:
            if period.covers(day):
                return period.short or period.name
        period = self.names[0] if self.names[0].from_ and day < self.names[0].from_.earliest else self.names[-1]
        return period.short or period.name


class InitialStatus(Sourced):
    """The status a unit held on 1990-01-01, for units that existed before the atlas starts."""

    status: str


class Milestone(Sourced):
    """A dated step in a unit's relations with NATO, or a notable event of the unit."""

    kind: MilestoneKind
    date: Date
    title: str = Field(min_length=1, description="Short label for the timeline.")
    detail: str | None = Field(None, description="One or two sentences of context.")

    @property
    def stage(self) -> str | None:
        """The stage this milestone starts, if any."""
        return STAGE_OF_KIND.get(self.kind)


class Unit(Named):
    """A country or historical state drawn on the map."""

    id: str = Field(pattern=r"^[A-Z]{3}$")
    focus: bool = Field(description="True for the Balkan countries the atlas is about.")
    start: Date | None = Field(None, description="First day on the map; none if before 1990.")
    end: Date | None = Field(None, description="First day no longer on the map; none if alive.")
    predecessors: list[str] = Field(default_factory=list)
    successors: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    initial_status: InitialStatus | None = None
    summary: str = Field(min_length=1)
    milestones: list[Milestone] = Field(default_factory=list)

    def alive_on(self, day: dt.date) -> bool:
        """Whether the unit is on the map on ``day`` (start inclusive, end exclusive)."""
        after_start = self.start is None or self.start.earliest <= day
        before_end = self.end is None or day < self.end.earliest
        return after_start and before_end

    @property
    def name(self) -> str:
        """The latest name."""
        return self.names[-1].name


class StatusEntry(Record):
    """One entry of the legend."""

    id: str
    label: str = Field(min_length=1)
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    explanation: str = Field(min_length=1)


class Site(Named):
    """Where NATO is or was present: a headquarters, an office, a base, standing forces or an operation."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: Literal["headquarters", "office", "base", "forces", "operation", "air_operation", "maritime_operation"] = Field(
        description=(
            "headquarters: a NATO command or headquarters; office: a liaison or advisory office; base: a base or facility "
            "used by Allies; forces: a standing multinational unit (battlegroup, brigade); operation: a land or "
            "peace-support operation; air_operation, maritime_operation: an operation in the air or at sea."
        )
    )
    unit: str | None = Field(
        None,
        description=(
            "The unit on whose territory it stands; for an operation, the state it was conducted in or "
            "against, as it was then (Allied Force: SCG, the Federal Republic of Yugoslavia)."
        ),
    )
    place: str | None = None
    lat: float
    lon: float
    start: Date
    end: Date | None = Field(None, description="First day it no longer existed; none if ongoing.")
    role: str = Field(min_length=1, description="One line: what it does or did.")

    def active_between(self, first: dt.date, last: dt.date) -> bool:
        """Whether it existed on any day from ``first`` to ``last`` inclusive."""
        started = self.start.earliest <= last
        not_ended = self.end is None or self.end.earliest > first
        return started and not_ended


class Event(Sourced):
    """A summit or other dated event that matters to the region."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: Literal["summit", "decision", "agreement", "other"]
    date: Date
    end_date: Date | None = None
    title: str = Field(min_length=1)
    place: str | None = None
    units: list[str] = Field(default_factory=list, description="Units the event concerns.")
    sites: list[str] = Field(default_factory=list, description="Sites the event concerns.")
    summary: str = Field(min_length=1, description="What was decided for the region.")


class Text(Sourced):
    """An explanatory panel: Markdown with its sources (kept in a YAML front matter)."""

    id: str
    title: str = Field(min_length=1)
    body: str = Field(min_length=1)
