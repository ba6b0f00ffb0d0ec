"""The committed boundary file: reading it, and the default view that frames it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
from shapely.geometry import shape

DATA_DIR = Path(__file__).parent / "data"
DATA_FILE = DATA_DIR / "region.geojson"
README = DATA_DIR / "README.md"

# ((south, west), (north, east)) in degrees, the form Folium's fit_bounds takes. It frames the
# Balkans: Slovenia's western tip to the Danube delta and the Bosporus, Hungary's northern border
# to Crete. The whole of Türkiye would push the frame to 45° E and shrink the Balkans to a corner,
# so only its European part and the Aegean coast fall inside; label points are chosen inside
# this frame so that Türkiye's label shows in the default view.
DEFAULT_BOUNDS = ((34.8, 13.3), (48.6, 30.2))


def read_features(path: Path | str = DATA_FILE) -> gpd.GeoDataFrame:
    """Every feature of a boundary file: columns id, role, name, geometry, in EPSG:4326.

    Read with ``json`` and Shapely rather than GDAL: it is faster for a file this small and keeps
    the coordinates exactly as written.
    """
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = [
        {
            "id": feature["properties"]["id"],
            "role": feature["properties"]["role"],
            "name": feature["properties"].get("name"),
            "geometry": shape(feature["geometry"]),
        }
        for feature in collection["features"]
    ]
    return gpd.GeoDataFrame(rows, columns=["id", "role", "name", "geometry"], geometry="geometry", crs=4326)


@lru_cache(maxsize=1)
def _committed() -> gpd.GeoDataFrame:
    return read_features(DATA_FILE)


def modern_units() -> gpd.GeoDataFrame:
    """The modern units of ``facts/`` as drawn today (XKX, SRB, MNE, ...): columns unit, geometry.

    These are the building blocks of every date; historical units are dissolved from them.
    """
    features = _committed()
    units = features[features["role"] == "unit"]
    return gpd.GeoDataFrame({"unit": units["id"].to_list()}, geometry=units.geometry.to_list(), crs=4326)


def context_countries() -> gpd.GeoDataFrame:
    """The grey neighbours (Italy, Austria, Ukraine with Crimea, Cyprus, ...): id, name, geometry.

    Their ids (``ctx-ITA``) are not units of ``facts/``; the names are for tooltips. A fresh copy
    each call, so callers may modify it.
    """
    features = _committed()
    context = features[features["role"] == "context"]
    return gpd.GeoDataFrame(
        {"id": context["id"].to_list(), "name": context["name"].to_list()}, geometry=context.geometry.to_list(), crs=4326
    )
