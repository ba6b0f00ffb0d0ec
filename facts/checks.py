"""Rules that span records: order, lifespans, references, sources, the legend, the region, the source policy.

Each rule adds ``Problem``s instead of raising, so ``python -m facts check`` reports
everything wrong with the data in one run.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel

from facts.dates import FIRST_YEAR, FuzzyDate
from facts.loading import Problem, RawData
from facts.schema import REGION_BOUNDS, STAGE_OF_KIND, STATUS_ORDER, Sourced, Unit
from facts.source_policy import check_source_policy
from facts.text_links import check_text_links

# Kinds a unit can reach only once.
ONCE_ONLY = ("warsaw_pact_end", "pfp", "invitation", "accession_protocol", "membership")


def _dates(record: object, prefix: str = "") -> Iterator[tuple[str, FuzzyDate]]:
    """Every date field of a record and its nested records, with its field path."""
    for name, value in record:  # pydantic models iterate as (field, value)
        path = f"{prefix}.{name}" if prefix else name
        path = path.replace("from_", "from")
        if isinstance(value, FuzzyDate):
            yield path, value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _dates(item, f"{path}[{index}]")
        elif isinstance(value, BaseModel):
            yield from _dates(value, path)


def _sourced(record: object, prefix: str = "") -> Iterator[tuple[str, Sourced]]:
    """The record and every nested record that must carry sources."""
    if isinstance(record, Sourced):
        yield prefix, record
    for name, value in record:
        path = f"{prefix}.{name}" if prefix else name
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, Sourced):
                sub = f"{path}[{index}]" if isinstance(value, list) else path
                yield from _sourced(item, sub)


def check_sources_and_dates(data: RawData, today: dt.date) -> list[Problem]:
    """Every record names a source; no date lies after ``today``."""
    problems = []
    records = [(data.files["sites"], s.id, s) for s in data.sites]
    records += [(data.files["events"], e.id, e) for e in data.events]
    records += [(file, u.id, u) for file, u in data.units]
    records += [(data.files[f"text:{t.id}"], t.id, t) for t in data.texts]
    for file, label, record in records:
        for path, sourced in _sourced(record):
            if not sourced.sources:
                field = f"{path}.sources" if path else "sources"
                problems.append(Problem(file, label, field, "record has no source"))
        for path, date in _dates(record):
            if date.earliest > today:
                problems.append(Problem(file, label, path, f"date {date} is in the future (today is {today})"))
    return problems


def check_legend(data: RawData) -> list[Problem]:
    """Every status has one legend entry; every status a record uses is in the legend."""
    file = data.files["statuses"]
    problems = []
    ids = [entry.id for entry in data.legend]
    for status, count in Counter(ids).items():
        if status not in STATUS_ORDER:
            problems.append(Problem(file, status, "id", f"unknown status; known: {', '.join(STATUS_ORDER)}"))
        if count > 1:
            problems.append(Problem(file, status, "id", "status listed more than once"))
    for status in STATUS_ORDER:
        if status not in ids:
            problems.append(Problem(file, status, "", "status has no legend entry"))
    for unit_file, unit in data.units:
        if unit.initial_status and unit.initial_status.status not in ids:
            problems.append(
                Problem(unit_file, unit.id, "initial_status.status", f"status {unit.initial_status.status!r} has no legend entry")
            )
        for index, milestone in enumerate(unit.milestones):
            stage = STAGE_OF_KIND.get(milestone.kind)
            if stage and stage not in ids:
                problems.append(Problem(unit_file, unit.id, f"milestones[{index}].kind", f"status {stage!r} has no legend entry"))
    return problems


def _check_unit(file: str, unit: Unit, known: set[str]) -> Iterator[Problem]:
    def problem(field: str, message: str) -> Problem:
        return Problem(file, unit.id, field, message)

    expected_name = file.rsplit("/", 1)[-1].removesuffix(".yaml")
    if expected_name != unit.id:
        yield problem("id", f"unit {unit.id} must live in units/{unit.id}.yaml")
    if unit.start and unit.end and unit.end.earliest <= unit.start.latest:
        yield problem("end", f"ends ({unit.end}) before it starts ({unit.start})")
    for field in ("predecessors", "successors"):
        for other in getattr(unit, field):
            if other not in known:
                yield problem(field, f"unknown unit id {other!r}")
    alive_in_1990 = unit.start is None or unit.start.earliest <= dt.date(FIRST_YEAR, 1, 1)
    if alive_in_1990 and unit.initial_status is None:
        yield problem("initial_status", "a unit alive on 1990-01-01 needs its initial_status")
    if not alive_in_1990 and unit.initial_status is not None:
        yield problem("initial_status", "only units alive on 1990-01-01 have an initial_status")
    for index in range(1, len(unit.names)):
        before, after = unit.names[index - 1], unit.names[index]
        if before.to is None or after.from_ is None or before.to != after.from_:
            yield problem(f"names[{index}].from", "names must follow each other: the previous 'to' equals this 'from'")

    seen: Counter[str] = Counter()
    previous = None
    for index, milestone in enumerate(unit.milestones):
        field = f"milestones[{index}]"
        if previous is not None and milestone.date.earliest < previous.date.earliest:
            yield problem(f"{field}.date", f"out of order: {milestone.date} comes after {previous.date} ({previous.kind})")
        previous = milestone
        seen[milestone.kind] += 1
        if any(other.kind == milestone.kind and other.date == milestone.date for other in unit.milestones[:index]):
            yield problem(
                f"{field}.date",
                f"a second {milestone.kind!r} milestone on {milestone.date}: merge them (fact:{unit.id}/{milestone.kind}/{milestone.date} must name one record)",
            )
        if milestone.kind in ONCE_ONLY and seen[milestone.kind] == 2:
            yield problem(f"{field}.kind", f"contradictory: a second {milestone.kind!r} milestone")
        if milestone.kind in ("membership", "accession_protocol") and not seen["invitation"]:
            yield problem(f"{field}.kind", f"contradictory: {milestone.kind!r} without an earlier 'invitation'")
        if milestone.kind == "warsaw_pact_end":
            initial = unit.initial_status.status if unit.initial_status else None
            if initial != "warsaw_pact":
                yield problem(f"{field}.kind", "contradictory: 'warsaw_pact_end' for a unit not in the Warsaw Pact")
        if milestone.stage and seen["membership"] and milestone.kind != "membership":
            yield problem(f"{field}.kind", f"contradictory: {milestone.kind!r} after membership")
        if milestone.stage and not unit.alive_on(milestone.date.latest):
            yield problem(f"{field}.date", f"{milestone.kind!r} on {milestone.date} lies outside the unit's lifespan")


def check_units(data: RawData) -> list[Problem]:
    """Unit ids, lifespans, names, milestone order and contradictions, succession links."""
    problems = []
    known = {unit.id for _, unit in data.units} | data.declared_unit_ids
    counts = Counter(unit.id for _, unit in data.units)
    for file, unit in data.units:
        if counts[unit.id] > 1:
            problems.append(Problem(file, unit.id, "id", "duplicate unit id"))
        problems.extend(_check_unit(file, unit, known))
    by_id = {unit.id: (file, unit) for file, unit in data.units}
    for _, unit in data.units:
        for successor in unit.successors:
            if successor in by_id and unit.id not in by_id[successor][1].predecessors:
                problems.append(
                    Problem(by_id[successor][0], successor, "predecessors", f"must list {unit.id}, which names it as successor")
                )
    return problems


def check_sites_and_events(data: RawData) -> list[Problem]:
    """Ids unique, references known, dates ordered, pins inside the region."""
    problems = []
    units = {unit.id for _, unit in data.units} | data.declared_unit_ids
    site_ids = Counter(site.id for site in data.sites)
    south, west, north, east = REGION_BOUNDS
    file = data.files["sites"]
    for site in data.sites:
        if site_ids[site.id] > 1:
            problems.append(Problem(file, site.id, "id", "duplicate site id"))
        if site.unit is not None and site.unit not in units:
            problems.append(Problem(file, site.id, "unit", f"unknown unit id {site.unit!r}"))
        if not (south <= site.lat <= north and west <= site.lon <= east):
            problems.append(
                Problem(file, site.id, "lat/lon", f"coordinates ({site.lat}, {site.lon}) lie outside the region {REGION_BOUNDS}")
            )
        if site.end is not None and site.end.earliest < site.start.earliest:
            problems.append(Problem(file, site.id, "end", f"ends ({site.end}) before it starts ({site.start})"))
    file = data.files["events"]
    for event, count in Counter(event.id for event in data.events).items():
        if count > 1:
            problems.append(Problem(file, event, "id", "duplicate event id"))
    for event in data.events:
        for unit in event.units:
            if unit not in units:
                problems.append(Problem(file, event.id, "units", f"unknown unit id {unit!r}"))
        for site in event.sites:
            if site not in site_ids:
                problems.append(Problem(file, event.id, "sites", f"unknown site id {site!r}"))
        if event.end_date is not None and event.end_date.earliest < event.date.earliest:
            problems.append(Problem(file, event.id, "end_date", f"ends ({event.end_date}) before it starts ({event.date})"))
    return problems


def check_all(data: RawData, today: dt.date) -> list[Problem]:
    """Every problem of the data: those met while reading it and those between records."""
    return [
        *data.problems,
        *check_legend(data),
        *check_units(data),
        *check_sites_and_events(data),
        *check_sources_and_dates(data, today),
        *check_source_policy(data),
        *check_text_links(data),
    ]
