"""The files the browser loads from the app itself, so the map needs no CDN and a year change no geometry.

Two kinds live under ``dashboard/static/`` (served at ``/app/static/`` by Streamlit's static file
serving): the atlas's own ``atlas.js``, ``atlas.css`` and ``page.css``, committed; and generated
files under ``generated/``, never committed: Leaflet and jQuery copied from their PyPI packages
(``xstatic-leaflet``, ``xstatic-jquery``), every boundary shape (``shapes-<hash>.geojson``) and
the year table (``atlas-<hash>.json``). Generated names carry a hash of their content, so a
browser may cache them for ever. ``python -m dashboard.static_files`` writes them at image build
time, which lets the container run on a read-only filesystem; the app writes any that are
missing at start-up.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import xstatic.pkg.jquery as xstatic_jquery
import xstatic.pkg.leaflet as xstatic_leaflet

from dashboard.shapes import build_catalogue
from dashboard.status_table import table_csv
from dashboard.year_table import year_table
from facts import FIRST_YEAR, Facts, today

STATIC_DIR = Path(__file__).parent / "static"
STATIC_URL = "/app/static"
GENERATED = "generated"

# name in the generated folder -> file in a registry package
VENDOR_FILES = {
    "leaflet/leaflet.js": Path(xstatic_leaflet.BASE_DIR) / "leaflet.js",
    "leaflet/leaflet.css": Path(xstatic_leaflet.BASE_DIR) / "leaflet.css",
    "jquery/jquery.min.js": Path(xstatic_jquery.BASE_DIR) / "jquery.min.js",
}
LEAFLET_IMAGES = Path(xstatic_leaflet.BASE_DIR) / "images"
OWN_FILES = ("atlas.js", "atlas.css", "page.css")


@dataclass(frozen=True)
class MapAssets:
    """Where the browser finds everything the map loads (URLs on the app's own host)."""

    leaflet_js: str
    leaflet_css: str
    jquery_js: str
    atlas_js: str
    atlas_css: str
    shapes: str
    table: str
    year_tables: dict[int, str]  # year -> the CSV of the table view of that year


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def _dumps(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


def generated_payloads(facts: Facts) -> dict[str, bytes]:
    """The data files for these facts, by their content-hashed name under ``generated/``.

    The shapes and the year table first, then one CSV per year: the table view's download is a
    plain link to its file, so a year change costs the server no download widget.
    """
    catalogue = build_catalogue(facts)
    shapes = _dumps(catalogue.collection())
    table = _dumps(year_table(facts, catalogue))
    payloads = {f"shapes-{_digest(shapes)}.geojson": shapes, f"atlas-{_digest(table)}.json": table}
    for year in range(FIRST_YEAR, today().year + 1):
        rows = table_csv(facts, year).encode()
        payloads[f"tables/nato-balkans-statuses-{year}-{_digest(rows)}.csv"] = rows
    return payloads


def _versioned(name: str, static_dir: Path) -> str:
    """The URL of one of our own files, with a hash of its content so browsers reload it after a change."""
    return f"{STATIC_URL}/{name}?v={_digest((static_dir / name).read_bytes())}"


def prepare(facts: Facts, static_dir: Path = STATIC_DIR) -> MapAssets:
    """Write whatever generated file is missing, and say where the browser finds each asset.

    Raises
    ------
    OSError
        If a missing file cannot be written (a read-only filesystem without a build step).
    """
    generated = static_dir / GENERATED
    for name, source in VENDOR_FILES.items():
        if not (generated / name).exists():
            (generated / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, generated / name)
    if not (generated / "leaflet/images").exists():
        shutil.copytree(LEAFLET_IMAGES, generated / "leaflet/images")
    payloads = generated_payloads(facts)
    (generated / "tables").mkdir(parents=True, exist_ok=True)
    for name, data in payloads.items():
        if not (generated / name).exists():
            (generated / name).write_bytes(data)
    shapes, table, *tables = payloads
    base = f"{STATIC_URL}/{GENERATED}"
    return MapAssets(
        leaflet_js=f"{base}/leaflet/leaflet.js",
        leaflet_css=f"{base}/leaflet/leaflet.css",
        jquery_js=f"{base}/jquery/jquery.min.js",
        atlas_js=_versioned("atlas.js", static_dir),
        atlas_css=_versioned("atlas.css", static_dir),
        shapes=f"{base}/{shapes}",
        table=f"{base}/{table}",
        year_tables=dict(zip(range(FIRST_YEAR, today().year + 1), (f"{base}/{name}" for name in tables), strict=True)),
    )


if __name__ == "__main__":
    from facts import load_facts

    print(prepare(load_facts()))
