"""The table view: every country of a year with its status, since when and a source, as HTML and CSV.

The non-visual alternative to the map (as Our World in Data pairs every map with a table): the
same rows a screen reader can walk, and a download that carries the same columns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from dashboard.panels import status_since, status_view, when, year_panel_context
from dashboard.templating import render
from facts import Facts, Source, year_day


@dataclass(frozen=True)
class Row:
    """One country in the chosen year."""

    unit: str
    name: str
    status: dict[str, str]
    since: str
    source: Source | None


def rows(facts: Facts, year: int) -> list[Row]:
    """The countries on the map on the year's day, by name, with the source of their status."""
    day = year_day(year)
    found = []
    for unit_id, status in facts.statuses_in(year).items():
        unit = facts.units[unit_id]
        sources = status.milestone.sources if status.milestone else (unit.initial_status.sources if unit.initial_status else [])
        since = status_since(status)
        found.append(Row(unit_id, unit.name_on(day), status_view(facts, status.status), since, sources[0] if sources else None))
    return sorted(found, key=lambda row: row.name)


def table_html(facts: Facts, year: int) -> str:
    """The table as HTML, with a caption naming the day."""
    return render("status_table.html", rows=rows(facts, year), when=when(year))


def year_and_table(facts: Facts, year: int, csv_url: str) -> str:
    """The year's events (open) and the table of every country (one click away), as one element.

    ``csv_url`` is where the app serves the same table as CSV (a static file per year).
    """
    return render(
        "year_and_table.html", rows=rows(facts, year), when=when(year), csv_url=csv_url, **year_panel_context(facts, year)
    )


def table_csv(facts: Facts, year: int) -> str:
    """The same rows as CSV: unit, country, status, since, source URL, publisher, title."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["unit", "country", "year", "status", "since", "source_url", "source_publisher", "source_title"])
    for row in rows(facts, year):
        source = row.source
        writer.writerow(
            [row.unit, row.name, year, row.status["label"], row.since]
            + ([source.url, source.publisher, source.title] if source else ["", "", ""])
        )
    return buffer.getvalue()
