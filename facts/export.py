"""CSV exports of the facts, for readers who want the data behind the map."""

from __future__ import annotations

import csv
import io

from facts.queries import Facts


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def statuses_csv(facts: Facts, first: int | None = None, last: int | None = None) -> str:
    """``unit,year,status``: one row per unit alive at the end of each year."""
    kwargs = {key: value for key, value in (("first", first), ("last", last)) if value is not None}
    return _csv(["unit", "year", "status"], [list(row) for row in facts.status_table(**kwargs)])


def milestones_csv(facts: Facts, unit_ids: list[str] | None = None) -> str:
    """``unit,kind,date,source_url``: every milestone with its first source."""
    rows = [
        [unit.id, milestone.kind, str(milestone.date), milestone.sources[0].url]
        for unit_id, unit in sorted(facts.units.items())
        if unit_ids is None or unit_id in unit_ids
        for milestone in unit.milestones
    ]
    return _csv(["unit", "kind", "date", "source_url"], rows)


def sites_csv(facts: Facts) -> str:
    """``id,name,kind,lat,lon,start,end,source_url``: every site and operation."""
    rows = [
        [site.id, site.names[-1].name, site.kind, site.lat, site.lon, str(site.start), str(site.end or ""), site.sources[0].url]
        for site in facts.sites
    ]
    return _csv(["id", "name", "kind", "lat", "lon", "start", "end", "source_url"], rows)
