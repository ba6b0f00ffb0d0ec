"""The static atlas: ``python -m dashboard.export site DIR`` writes the map, the years and the country panels as plain files.

The site needs no server and loads nothing from another host: ``index.html`` (rendered from the
autoescaped template ``templates/site/index.html``), Leaflet copied from its PyPI package, the
app's own ``atlas.js``, ``atlas.css`` and ``page.css``, the page's ``site.js`` and ``site.css``,
and three data files named by their content: the shapes and the year table of the app
(``static_files.generated_payloads``) and ``units-<hash>.json``, every unit's panel as data, which
``site.js`` writes into the page with DOM calls (text stays text). Every URL is relative, so the
folder works under any path of any static host.

What ``--force`` replaces: ``index.html`` and the folder ``atlas-files/``, whose ``manifest.txt``
lists what the last build wrote there; only those files are deleted before writing. Anything else
a user keeps in the directory stays as it is.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath
from typing import Any

import geodata
from dashboard.export.texts import ATLAS_NAME, kosovo_note
from dashboard.panels import KIND_NAMES, absence, land_history, status_since
from dashboard.pin_symbols import SYMBOLS
from dashboard.static_files import LEAFLET_IMAGES, STATIC_DIR, VENDOR_FILES, generated_payloads
from dashboard.templating import render
from dashboard.wording import human
from dashboard.year_table import site_record
from facts import FIRST_YEAR, Facts, Milestone, Site, Source, Unit, today, year_day
from facts.schema import NamePeriod

ASSETS = "atlas-files"
MANIFEST = f"{ASSETS}/manifest.txt"
OWN_FILES = ("atlas.js", "atlas.css", "page.css", "site.js", "site.css")
DESCRIPTION = (
    "How the countries of the Balkans moved toward NATO, or stayed outside it, from 1990 to today, "
    "and where NATO itself has been present."
)
POLICY = (
    "Every colour, date and pin is sourced: each record names the page it comes from (publisher, title, link), "
    "a primary source (NATO, a government, a parliament, the UN, EU or OSCE) first wherever one exists."
)
# The app's map title, without the word "year": the page's slider is the one control labelled so.
MAP_TITLE = "Map: NATO status of the Balkan countries on the day shown, with NATO's presence"


class SiteExists(Exception):
    """The target directory is not empty and the reader did not ask to replace the site in it."""


def _source(source: Source) -> dict[str, str]:
    return {"url": source.url, "title": source.title, "publisher": source.publisher, "accessed": human(source.accessed)}


def _names(periods: list[NamePeriod]) -> list[dict[str, str | None]]:
    """Names with the first day each was in force and the first day it no longer was (ISO days)."""
    return [
        {
            "name": period.name,
            "short": period.short,
            "from": period.from_.earliest.isoformat() if period.from_ else None,
            "to": period.to.earliest.isoformat() if period.to else None,
        }
        for period in periods
    ]


def _milestone(milestone: Milestone) -> dict[str, Any]:
    return {
        "date": str(milestone.date),  # as in the data: YYYY, YYYY-MM or YYYY-MM-DD
        "human": human(milestone.date),
        "earliest": milestone.date.earliest.isoformat(),
        "kind": milestone.kind,
        "kindLabel": KIND_NAMES[milestone.kind],
        "title": milestone.title,
        "detail": milestone.detail or "",
        "note": milestone.note or "",
        "sources": [_source(source) for source in milestone.sources],
    }


def _site(site: Site) -> dict[str, Any]:
    return {
        **site_record(site),
        "id": site.id,
        "names": _names(site.names),
        "kindLabel": SYMBOLS[site.kind].label,
        "start": site.start.earliest.isoformat(),
        "end": site.end.earliest.isoformat() if site.end else None,
        "sources": [_source(source) for source in site.sources],
    }


def _year(facts: Facts, unit: Unit, year: int) -> dict[str, Any]:
    """The unit in one year, worded as the app's country panel words it (``panels.absence``, ``panels.status_since``)."""
    day = year_day(year)
    name = unit.name_on(day)
    if not unit.alive_on(day):
        return {"name": name, "absent": absence(facts, unit, year)}
    status = facts.status(unit.id, day)
    entry: dict[str, Any] = {"name": name, "status": status.status, "since": status_since(status)}
    if status.milestone is not None:
        entry["milestone"] = unit.milestones.index(status.milestone)  # its sources back the status
    elif unit.initial_status is not None and unit.initial_status.status == status.status:
        entry["initial"] = True
    return entry


def unit_payload(facts: Facts, unit: Unit) -> dict[str, Any]:
    """One unit's panel as data: names, summary, dated milestones, the sites on its land, its sources, each year."""
    land = land_history(facts, unit)
    sites = sorted((site for site in facts.sites if site.unit in land), key=lambda site: site.start.earliest)
    seen: dict[str, Source] = {}
    for source in [*unit.sources, *(s for m in unit.milestones for s in m.sources)]:
        seen.setdefault(source.url, source)
    return {
        "id": unit.id,
        "name": unit.name,
        "focus": unit.focus,
        "names": _names(unit.names),
        "summary": unit.summary,
        "milestones": [_milestone(milestone) for milestone in facts.timeline(unit.id)],
        "initialSources": [_source(s) for s in unit.initial_status.sources] if unit.initial_status else [],
        "sites": [_site(site) for site in sites],
        "sources": [_source(source) for source in seen.values()],
        "years": {str(year): _year(facts, unit, year) for year in range(FIRST_YEAR, today().year + 1)},
    }


def unit_order(facts: Facts) -> list[Unit]:
    """The country list's order, as in the app: the Balkan countries by name, then the historical states."""
    return sorted(facts.units.values(), key=lambda unit: (not unit.focus, unit.name))


def _dumps(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


def site_files(facts: Facts, url: str | None = None) -> dict[str, bytes]:
    """Every file of the site by its path inside the target directory (``index.html`` last)."""
    files = {f"{ASSETS}/leaflet/{Path(name).name}": path.read_bytes() for name, path in VENDOR_FILES.items() if "leaflet" in name}
    files |= {f"{ASSETS}/leaflet/images/{image.name}": image.read_bytes() for image in sorted(LEAFLET_IMAGES.iterdir())}
    files |= {f"{ASSETS}/{name}": (STATIC_DIR / name).read_bytes() for name in OWN_FILES}
    payloads = generated_payloads(facts)
    files |= {f"{ASSETS}/{name}": data for name, data in payloads.items()}
    units = _dumps({unit.id: unit_payload(facts, unit) for unit in facts.units.values()})
    units_name = f"{ASSETS}/units-{hashlib.sha256(units).hexdigest()[:12]}.json"
    files[units_name] = units
    shapes, table, *_ = (f"{ASSETS}/{name}" for name in payloads)  # then the tables' CSVs, one per year
    last = today().year
    (south, west), (north, east) = geodata.DEFAULT_BOUNDS
    config = {
        "shapes": shapes,
        "table": table,
        "units": units_name,
        "bounds": [[south, west], [north, east]],
        "first": FIRST_YEAR,
        "currentYear": last,
        "today": today().isoformat(),
        "title": MAP_TITLE,
        "atlasName": ATLAS_NAME,
        "statusOrder": [entry.id for entry in facts.legend],
        "kosovoNotes": {str(year): kosovo_note(facts, year) for year in range(FIRST_YEAR, last + 1)},
    }
    page = render(
        "site/index.html",
        assets=ASSETS,
        config=config,
        atlas=ATLAS_NAME,
        description=DESCRIPTION,
        policy=POLICY,
        as_of=human(today()),
        url=url,
        first=FIRST_YEAR,
        last=last,
        units=[{"id": u.id, "label": u.name if u.focus else f"{u.name} (historical)"} for u in unit_order(facts)],
        kosovo=kosovo_note(facts, last),
        statuses=facts.legend,
        symbols=list(SYMBOLS.values()),
    )
    files["index.html"] = page.encode()
    return files


def refusal(out: Path, force: bool) -> str | None:
    """Why the site may not be written to ``out`` (a file, or a non-empty directory without --force); None if it may."""
    if out.exists() and not out.is_dir():
        return f"{out} is a file: give a directory for the site (it is created if missing)."
    if out.is_dir() and any(out.iterdir()) and not force:
        return f"{out} exists and is not empty: add --force to replace the site's files in it (other files are kept), or choose an empty directory."
    return None


def _inside(out: Path, relative: str) -> Path | None:
    """``out / relative`` if ``relative`` is a plain path inside ``out`` (a manifest line could be anything)."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or parts[0] not in (ASSETS, "index.html"):
        return None
    return out.joinpath(*parts)


def write_site(out: Path, files: dict[str, bytes], force: bool = False) -> None:
    """Write ``files`` into ``out``; with ``force``, first remove what the previous build listed in its manifest.

    Raises
    ------
    SiteExists
        If ``out`` is a file, or a non-empty directory and ``force`` is false (nothing is written then).
    OSError
        If a file cannot be written.
    """
    problem = refusal(out, force)
    if problem:
        raise SiteExists(problem)
    manifest = out / MANIFEST
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            old = _inside(out, line.strip())
            if old is not None and old.is_file():
                old.unlink()
    for relative, data in files.items():
        target = out.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    manifest.write_text("".join(f"{name}\n" for name in sorted([*files, MANIFEST])), encoding="utf-8")
