"""The CSV exports as a Frictionless Data Package: the tables plus ``datapackage.json`` describing fields, licence and sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facts.export import EXPORTS, JOIN
from facts.queries import Facts

DESCRIPTOR = "datapackage.json"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (the curated data; the cited pages keep their own terms)",
}
SOURCES = [
    {
        "title": "NATO's own pages: nato.int and the sites of its commands (shape.nato.int, jfcnaples.nato.int, ...)",
        "path": "https://www.nato.int",
    },
    {"title": "Governments, parliaments, official gazettes and armed forces of the region and of NATO's members"},
    {"title": "The United Nations, the European Union, the OSCE and the International Court of Justice"},
    {"title": "Encyclopaedias, news agencies, broadcasters, newspapers and research institutes, where no primary source says it"},
    {"title": "The NATO–Balkans Atlas: the curated record (facts/data), from which these tables are exported"},
]
_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"


def _field(name: str, kind: str, description: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _date(name: str, description: str, required: bool = False) -> dict[str, Any]:
    # A string, not a `date`: a date is as precise as its source, so YYYY and YYYY-MM occur.
    extra = {"required": True} if required else {}
    return _field(
        name,
        "string",
        f"{description} (YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no more)",
        pattern=_DATE_PATTERN,
        **extra,
    )


def _text(name: str, description: str, required: bool = False) -> dict[str, Any]:
    return _field(name, "string", description, **({"required": True} if required else {}))


SOURCE_FIELDS = [
    _text(
        "source_urls",
        f"Every source's URL, in the curators' order of preference (the first is primary where one exists), joined by '{JOIN}'",
        True,
    ),
    _text("source_publishers", f"The publisher of each source, in the same order, joined by '{JOIN}'", True),
    _text("source_titles", f"The title of each source, in the same order, joined by '{JOIN}'", True),
    _text(
        "source_accessed",
        f"The day each source was read (YYYY-MM-DD, empty if not recorded), in the same order, joined by '{JOIN}'",
    ),
]
UNIT_KEY = [{"fields": "unit", "reference": {"resource": "units", "fields": "id"}}]
SCHEMAS: dict[str, dict[str, Any]] = {
    "units": {
        "fields": [
            _text("id", "Stable three-letter id of the country or historical state", True),
            _text("name", "Its latest name", True),
            _text("names", f"Every name it bore, oldest first, joined by '{JOIN}'", True),
            _field("focus", "boolean", "True for the Balkan countries the atlas is about"),
            _date("start", "First day on the map; empty if before 1990"),
            _date("end", "First day no longer on the map; empty while it exists"),
            _text("predecessors", f"Ids of the units whose territory it took over, joined by '{JOIN}'"),
            _text("successors", f"Ids of the units that took over its territory, joined by '{JOIN}'"),
            _text("summary", "Two to four sentences for the country panel (Markdown)", True),
            _text("note", "Which source won where sources disagree, and why"),
            *SOURCE_FIELDS,
        ],
        "primaryKey": ["id"],
    },
    "milestones": {
        "fields": [
            _text("ref", "The milestone's reference, UNIT/kind/date, as the texts' fact: links write it", True),
            _text("unit", "Id of the unit (see units)", True),
            _text("unit_name", "The unit's name on the milestone's date", True),
            _text("kind", "What kind of step: pfp, map, invitation, membership, ... (see facts/README.md)", True),
            _date("date", "When it happened", True),
            _text("title", "Short label for the timeline", True),
            _text("detail", "One or two sentences of context"),
            _text("starts_status", "The status this milestone starts, if any"),
            _text("note", "Which source won where sources disagree, and why"),
            *SOURCE_FIELDS,
        ],
        "primaryKey": ["ref"],
        "foreignKeys": UNIT_KEY,
    },
    "statuses": {
        "fields": [
            _text("unit", "Id of the unit (see units)", True),
            _text("unit_name", "The unit's name at the end of the year", True),
            _field(
                "year",
                "integer",
                "The year; the status is the one held on 31 December (today for the current year)",
                required=True,
            ),
            _text(
                "status",
                "The status id: member, accession, map, intensified_dialogue, partner, dialogue, warsaw_pact, none",
                True,
            ),
            _text("status_label", "The status as the legend names it", True),
            _date("since", "When the unit reached this status; empty if held since before 1990 or never"),
            _text("set_by", "The milestone that set the status (its title), or the initial status of 1990"),
            *SOURCE_FIELDS,
        ],
        "primaryKey": ["unit", "year"],
        "foreignKeys": UNIT_KEY,
    },
    "sites": {
        "fields": [
            _text("id", "Stable id of the site or operation", True),
            _text("name", "Its latest name", True),
            _text("kind", "headquarters, office, base, forces, operation, air_operation or maritime_operation", True),
            _text(
                "unit",
                "The unit on whose territory it stands, or the state an operation was conducted in or against, as it was then",
            ),
            _text("place", "Where it stands or was led from"),
            _field("lat", "number", "Latitude of the pin (WGS 84)", required=True, minimum=-90, maximum=90),
            _field("lon", "number", "Longitude of the pin (WGS 84)", required=True, minimum=-180, maximum=180),
            _date("start", "First day it existed", True),
            _date("end", "First day it no longer existed; empty if ongoing"),
            _text("role", "What it does or did", True),
            _text("note", "Which source won where sources disagree, and why"),
            *SOURCE_FIELDS,
        ],
        "primaryKey": ["id"],
        "foreignKeys": UNIT_KEY,
    },
    "events": {
        "fields": [
            _text("id", "Stable id of the event", True),
            _text("kind", "summit, decision, agreement or other", True),
            _date("date", "When it took place (or began)", True),
            _date("end_date", "When it ended, if it lasted more than a day"),
            _text("title", "Its name", True),
            _text("place", "Where it took place"),
            _text("units", f"Ids of the units it concerns, joined by '{JOIN}'"),
            _text("sites", f"Ids of the sites it concerns, joined by '{JOIN}'"),
            _text("summary", "What was decided for the region", True),
            _text("note", "Which source won where sources disagree, and why"),
            *SOURCE_FIELDS,
        ],
        "primaryKey": ["id"],
    },
}
TABLES = ("milestones", "statuses", "sites", "events", "units")


def descriptor() -> dict[str, Any]:
    """The ``datapackage.json`` content: the package's metadata and each table's schema."""
    resources = [
        {
            "name": table,
            "path": f"{table}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": SCHEMAS[table],
        }
        for table in TABLES
    ]
    return {
        "profile": "tabular-data-package",
        "name": "nato-balkans-atlas",
        "title": "NATO–Balkans Atlas: the Balkans' relations with NATO since 1990, with sources",
        "description": (
            "Milestones, yearly statuses, NATO sites and operations, and events of the Balkan countries' relations "
            "with NATO since 1990, as curated for the NATO–Balkans Atlas. Every row cites all its sources "
            f"(URL, publisher, title, day read) in parallel columns joined by '{JOIN}'."
        ),
        "licenses": [LICENSE],
        "sources": SOURCES,
        "resources": resources,
    }


def write_datapackage(facts: Facts, directory: Path, force: bool = False) -> list[Path]:
    """Write every table as CSV and the descriptor into ``directory``; the paths written.

    Raises
    ------
    FileExistsError
        If a file to be written exists and ``force`` is false: an export never silently
        replaces a package someone may have edited or published.
    """
    targets = {table: directory / f"{table}.csv" for table in TABLES}
    paths = [*targets.values(), directory / DESCRIPTOR]
    existing = [path for path in paths if path.exists()]
    if existing and not force:
        raise FileExistsError(f"{', '.join(map(str, existing))} already exist(s); use --force to overwrite")
    directory.mkdir(parents=True, exist_ok=True)
    for table, path in targets.items():
        path.write_text(EXPORTS[table](facts), encoding="utf-8")
    (directory / DESCRIPTOR).write_text(json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths
