"""The atlas's whole 1990-to-today table as plain data, sent to the browser once.

For every year: each unit's shape, name, map label, status and since when, and the pins of the
sites active that year; plus the legend and every site's details. ``atlas.js`` keeps it and
restyles the map in place when the year changes, so a year change sends only the year and the
selection. Nothing here is HTML: the browser writes every text with ``textContent``.
"""

from __future__ import annotations

from typing import Any

from dashboard.colours import text_colour_on
from dashboard.pin_symbols import SYMBOLS
from dashboard.shapes import ShapeCatalogue
from dashboard.wording import human
from facts import FIRST_YEAR, Facts, Site, Source, today, year_day


def _source(source: Source) -> dict[str, str]:
    return {"url": source.url, "title": source.title, "publisher": source.publisher}


def site_record(site: Site) -> dict[str, Any]:
    """A pin as the browser shows it (also the base of the static atlas's site records)."""
    return {
        "kind": site.kind,
        "lat": site.lat,
        "lon": site.lon,
        "dates": f"{human(site.start)} – {human(site.end, 'today')}",
        "place": site.place or "",
        "role": site.role,
        "sources": [_source(source) for source in site.sources],
    }


def _year(facts: Facts, catalogue: ShapeCatalogue, year: int) -> dict[str, Any]:
    day = year_day(year)
    statuses = facts.statuses_in(year)
    shapes = []
    for unit_id, shape_id in sorted(catalogue.shapes_on(day).items()):
        unit, status = facts.units[unit_id], statuses[unit_id]
        shapes.append(
            {
                "shape": shape_id,
                "unit": unit_id,
                "name": unit.name_on(day),
                "label": unit.short_name_on(day),
                "status": status.status,
                "since": human(status.since) or None,
            }
        )
    return {"shapes": shapes, "pins": [[site.id, site.name_on(day)] for site in facts.sites_active(year)]}


def year_table(facts: Facts, catalogue: ShapeCatalogue) -> dict[str, Any]:
    """Everything the map shows in any year, keyed so that ``atlas.js`` needs no other request."""
    last = today().year
    return {
        "first": FIRST_YEAR,
        "last": last,
        "statuses": {
            entry.id: {"label": entry.label, "colour": entry.colour, "text": text_colour_on(entry.colour)}
            for entry in facts.legend
        },
        "kinds": {kind: {"label": symbol.label, "svg": symbol.svg()} for kind, symbol in SYMBOLS.items()},
        "years": {str(year): _year(facts, catalogue, year) for year in range(FIRST_YEAR, last + 1)},
        "sites": {site.id: site_record(site) for site in facts.sites},
        # unit -> the unit its land belonged to before (XKX -> SRB -> SCG -> YUG), for comparisons
        "owners": facts.land_owners(),
    }
