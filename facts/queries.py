"""The questions the atlas asks of the facts (statuses, timelines, sites, events), answered from validated records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from facts.dates import FIRST_YEAR, today, year_day
from facts.schema import Event, Milestone, Site, StatusEntry, Text, Unit
from facts.statuses import StatusAt, status_on


@dataclass(frozen=True)
class DatedMilestone:
    """A milestone together with the unit it belongs to."""

    unit: Unit
    milestone: Milestone


@dataclass(frozen=True)
class StatusChange:
    """A unit of the later year whose status differs from that of its land in the earlier year.

    ``earlier_unit`` held the land then (Serbia's land was the FR Yugoslavia's in 1999), and
    ``steps`` are the status-setting milestones of both, dated between the two years' days.
    """

    unit: Unit
    earlier_unit: Unit
    before: str
    after: str
    steps: list[DatedMilestone]


class Facts:
    """All curated facts, validated, with the queries the atlas needs.

    Build it with :func:`facts.load.load_facts`, which refuses invalid data, so every answer comes
    from records that passed every check.
    """

    def __init__(self, units: list[Unit], legend: list[StatusEntry], sites: list[Site], events: list[Event], texts: list[Text]):
        self.units: dict[str, Unit] = {unit.id: unit for unit in units}
        self.legend: list[StatusEntry] = legend
        self.status_entries: dict[str, StatusEntry] = {entry.id: entry for entry in legend}
        self.sites: list[Site] = sites
        self.events: list[Event] = sorted(events, key=lambda event: event.date.earliest)
        self.texts: dict[str, Text] = {text.id: text for text in texts}

    # Units and statuses -------------------------------------------------------------------
    def units_alive(self, day: dt.date) -> list[Unit]:
        """Units on the map on ``day``, sorted by id."""
        return [unit for unit_id, unit in sorted(self.units.items()) if unit.alive_on(day)]

    def status(self, unit_id: str, day: dt.date) -> StatusAt:
        """The status of one unit on ``day``."""
        return status_on(self.units[unit_id], day)

    def statuses_in(self, year: int) -> dict[str, StatusAt]:
        """Status of every unit alive at the end of ``year`` (today for the current year)."""
        day = year_day(year)
        return {unit.id: status_on(unit, day) for unit in self.units_alive(day)}

    def status_table(self, first: int = FIRST_YEAR, last: int | None = None) -> list[tuple[str, int, str]]:
        """(unit, year, status) for every unit alive at the end of each year, first to last."""
        last = last or today().year
        return [
            (unit_id, year, status.status)
            for year in range(first, last + 1)
            for unit_id, status in self.statuses_in(year).items()
        ]

    def timeline(self, unit_id: str) -> list[Milestone]:
        """A unit's milestones in date order."""
        return list(self.units[unit_id].milestones)

    def land_owners(self) -> dict[str, str]:
        """Unit id -> the unit its land belonged to before it existed (its first predecessor).

        This is the break-up of Yugoslavia as the curators record it (XKX -> SRB -> SCG -> YUG),
        handed to ``geodata`` so that the boundaries of any date follow the facts.
        """
        return {unit.id: unit.predecessors[0] for unit in self.units.values() if unit.predecessors}

    def holder_on(self, unit_id: str, day: dt.date) -> Unit:
        """The unit that held ``unit_id``'s land on ``day``: itself, or the first of its owners alive then."""
        owners = self.land_owners()
        current = unit_id
        while not self.units[current].alive_on(day) and current in owners:
            current = owners[current]
        return self.units[current]

    def status_changes(self, first: int, second: int) -> list[StatusChange]:
        """What changed between two years (in either order): one entry per unit of the later year."""
        early, late = sorted((first, second))
        day_early, day_late = year_day(early), year_day(late)
        before, after = self.statuses_in(early), self.statuses_in(late)
        changes = []
        for unit in self.units_alive(day_late):
            holder = self.holder_on(unit.id, day_early)
            if holder.id not in before or before[holder.id].status == after[unit.id].status:
                continue
            steps = [
                DatedMilestone(owner, milestone)
                for owner in {holder.id: holder, unit.id: unit}.values()
                for milestone in owner.milestones
                if (milestone.stage or milestone.kind == "warsaw_pact_end") and day_early < milestone.date.latest <= day_late
            ]
            steps.sort(key=lambda item: item.milestone.date.earliest)
            changes.append(StatusChange(unit, holder, before[holder.id].status, after[unit.id].status, steps))
        return sorted(changes, key=lambda change: change.unit.name)

    def neighbours_in_time(self, unit_id: str, day: dt.date) -> list[Unit]:
        """Where a unit is not on the map on ``day``: the predecessors or successors that are.

        Walks the succession links until it reaches units alive on ``day``, so that asking
        about Montenegro in 1995 answers "the Federal Republic of Yugoslavia".
        """
        unit = self.units[unit_id]
        if unit.alive_on(day):
            return [unit]
        before = unit.start is not None and day < unit.start.earliest
        links = unit.predecessors if before else unit.successors
        found: list[Unit] = []
        for other in links:
            for candidate in self.neighbours_in_time(other, day):
                if candidate not in found:
                    found.append(candidate)
        return found

    # Sites, events and texts --------------------------------------------------------------
    def sites_active(self, year: int) -> list[Site]:
        """Sites and operations that existed on any day of ``year`` (up to today)."""
        first = dt.date(year, 1, 1)
        last = year_day(year)
        return [site for site in self.sites if site.active_between(first, last)]

    def events_in(self, year: int) -> list[Event]:
        """Events that took place (or began) in ``year``, in date order."""
        return [event for event in self.events if event.date.year == year]

    def milestones_in(self, year: int) -> list[DatedMilestone]:
        """Every unit's milestones dated in ``year``, in date order."""
        found = [
            DatedMilestone(unit, milestone)
            for unit in self.units.values()
            for milestone in unit.milestones
            if milestone.date.year == year
        ]
        return sorted(found, key=lambda item: (item.milestone.date.earliest, item.unit.id))

    def text(self, text_id: str) -> Text:
        """An explanatory text by id (``political``, ``operational``, ``romania``)."""
        return self.texts[text_id]
