"""CSV exports of the facts, each row with its text and all its sources, for readers who cite the data."""

from __future__ import annotations

import csv
import io

from facts.dates import FuzzyDate, year_day
from facts.queries import Facts
from facts.schema import Source, Unit

JOIN = " | "  # joins the parallel source columns; the check refuses a '|' in a publisher or title
SOURCE_COLUMNS = ["source_urls", "source_publishers", "source_titles", "source_accessed"]
MILESTONE_COLUMNS = ["ref", "unit", "unit_name", "kind", "date", "title", "detail", "starts_status", "note", *SOURCE_COLUMNS]
STATUS_COLUMNS = ["unit", "unit_name", "year", "status", "status_label", "since", "set_by", *SOURCE_COLUMNS]
SITE_COLUMNS = ["id", "name", "kind", "unit", "place", "lat", "lon", "start", "end", "role", "note", *SOURCE_COLUMNS]
EVENT_COLUMNS = ["id", "kind", "date", "end_date", "title", "place", "units", "sites", "summary", "note", *SOURCE_COLUMNS]
UNIT_COLUMNS = ["id", "name", "names", "focus", "start", "end", "predecessors", "successors", "summary", "note", *SOURCE_COLUMNS]


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _text(value: object) -> str:
    """A cell: empty for nothing, ISO-like text for a date, true/false for a flag."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, FuzzyDate):
        return str(value)
    return str(value)


def source_cells(sources: list[Source]) -> list[str]:
    """The four parallel source columns: the n-th part of each describes the n-th source.

    Every source goes in, not only the first: a reader who doubts a row finds all the pages the
    curators relied on, in their order of preference.
    """
    return [
        JOIN.join(source.url for source in sources),
        JOIN.join(source.publisher for source in sources),
        JOIN.join(source.title for source in sources),
        JOIN.join(_text(source.accessed) for source in sources),
    ]


def milestones_csv(facts: Facts, unit_ids: list[str] | None = None) -> str:
    """Every milestone, with its ``fact:`` reference, its unit's name on that day and all its sources."""
    rows = []
    for unit_id, unit in sorted(facts.units.items()):
        if unit_ids is not None and unit_id not in unit_ids:
            continue
        for milestone in unit.milestones:
            ref = f"{unit.id}/{milestone.kind}/{milestone.date}"
            name = unit.name_on(milestone.date.earliest)
            cells = [ref, unit.id, name, milestone.kind, milestone.date, milestone.title, milestone.detail, milestone.stage]
            rows.append([*map(_text, cells), _text(milestone.note), *source_cells(milestone.sources)])
    return _csv(MILESTONE_COLUMNS, rows)


def _status_sources(unit: Unit, milestone_sources: list[Source] | None) -> list[Source]:
    if milestone_sources is not None:
        return milestone_sources
    return unit.initial_status.sources if unit.initial_status else unit.sources


def statuses_csv(facts: Facts, first: int | None = None, last: int | None = None) -> str:
    """One row per unit alive at the end of each year: its status, since when, set by which milestone, and why.

    A status held since before 1990 cites the unit's initial status; a unit that never held one
    cites the unit's own sources.
    """
    kwargs = {key: value for key, value in (("first", first), ("last", last)) if value is not None}
    rows = []
    for unit_id, year, _ in facts.status_table(**kwargs):
        unit, status = facts.units[unit_id], facts.statuses_in(year)[unit_id]
        milestone = status.milestone
        if milestone is not None:
            set_by = milestone.title
        else:
            set_by = "initial status (held on 1 January 1990)" if unit.initial_status else ""
        label = facts.status_entries[status.status].label if status.status in facts.status_entries else ""
        cells = [unit_id, unit.name_on(year_day(year)), year, status.status, label, status.since, set_by]
        rows.append([*map(_text, cells), *source_cells(_status_sources(unit, milestone.sources if milestone else None))])
    return _csv(STATUS_COLUMNS, rows)


def sites_csv(facts: Facts) -> str:
    """Every site and operation, with its latest name, place, dates, role and all its sources."""
    rows = [
        [
            *map(_text, [site.id, site.names[-1].name, site.kind, site.unit, site.place, site.lat, site.lon]),
            *map(_text, [site.start, site.end, site.role, site.note]),
            *source_cells(site.sources),
        ]
        for site in facts.sites
    ]
    return _csv(SITE_COLUMNS, rows)


def events_csv(facts: Facts) -> str:
    """Every event in date order, with the units and sites it concerns, its summary and all its sources."""
    rows = [
        [
            *map(_text, [event.id, event.kind, event.date, event.end_date, event.title, event.place]),
            JOIN.join(event.units),
            JOIN.join(event.sites),
            _text(event.summary),
            _text(event.note),
            *source_cells(event.sources),
        ]
        for event in facts.events
    ]
    return _csv(EVENT_COLUMNS, rows)


def units_csv(facts: Facts) -> str:
    """Every unit on the map: names, lifespan, succession, summary and sources (the other tables refer to it)."""
    rows = [
        [
            *map(_text, [unit.id, unit.name, JOIN.join(period.name for period in unit.names), unit.focus]),
            *map(_text, [unit.start, unit.end, JOIN.join(unit.predecessors), JOIN.join(unit.successors)]),
            _text(unit.summary),
            _text(unit.note),
            *source_cells(unit.sources),
        ]
        for _, unit in sorted(facts.units.items())
    ]
    return _csv(UNIT_COLUMNS, rows)


EXPORTS = {
    "milestones": milestones_csv,
    "statuses": statuses_csv,
    "sites": sites_csv,
    "events": events_csv,
    "units": units_csv,
}
