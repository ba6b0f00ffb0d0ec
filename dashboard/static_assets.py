"""Prepare the files the browser loads from the app itself, so the map needs no CDN.

folium points Leaflet and jQuery at public CDNs, and the map would stay blank offline. We copy
them from registry packages (``xstatic-leaflet``, ``xstatic-jquery``) into ``static/vendor/``,
and write every boundary shape the map can show into ``static/geo/``, so a year change only
has to send colours, not geometry. Run ``python -m dashboard.static_assets`` at build time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.jquery as xstatic_jquery
import xstatic.pkg.leaflet as xstatic_leaflet

from dashboard.shapes import shape_collection

STATIC_DIR = Path(__file__).parent / "static"
STATIC_URL = "/app/static"

# name -> (source file, path under static/)
VENDOR_FILES = {
    "leaflet.js": (Path(xstatic_leaflet.BASE_DIR) / "leaflet.js", "vendor/leaflet/leaflet.js"),
    "leaflet.css": (Path(xstatic_leaflet.BASE_DIR) / "leaflet.css", "vendor/leaflet/leaflet.css"),
    "jquery.js": (Path(xstatic_jquery.BASE_DIR) / "jquery.min.js", "vendor/jquery/jquery.min.js"),
}
LEAFLET_IMAGES = (Path(xstatic_leaflet.BASE_DIR) / "images", "vendor/leaflet/images")


@lru_cache(maxsize=1)
def shapes_payload() -> bytes:
    """The GeoJSON of every unit shape, as served to the browser (built once per process)."""
    return json.dumps(shape_collection(), separators=(",", ":")).encode()


def shapes_path() -> str:
    """Path of the shapes file under ``static/``, named by content so browsers cache it safely."""
    digest = hashlib.sha256(shapes_payload()).hexdigest()[:12]
    return f"geo/shapes-{digest}.geojson"


def vendor_url(name: str) -> str:
    """The URL at which the app serves a vendored file."""
    return f"{STATIC_URL}/{VENDOR_FILES[name][1]}"


def missing(static_dir: Path = STATIC_DIR) -> list[str]:
    """Static files the app needs that are not prepared yet."""
    wanted = [target for _, target in VENDOR_FILES.values()] + [shapes_path()]
    return [path for path in wanted if not (static_dir / path).exists()]


def prepare(static_dir: Path = STATIC_DIR) -> list[str]:
    """Write every static file the app serves; returns the paths written."""
    written = []
    for source, target in VENDOR_FILES.values():
        destination = static_dir / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        written.append(target)
    images_source, images_target = LEAFLET_IMAGES
    shutil.copytree(images_source, static_dir / images_target, dirs_exist_ok=True)
    geo_dir = static_dir / "geo"
    if geo_dir.exists():
        shutil.rmtree(geo_dir)  # drop shapes of earlier builds
    geo_dir.mkdir(parents=True)
    (static_dir / shapes_path()).write_bytes(shapes_payload())
    written.append(shapes_path())
    return written


if __name__ == "__main__":
    for path in prepare():
        print(f"wrote {STATIC_DIR / path}")
