"""The units of any date, dissolved from the modern ones by who owned each piece of land.

No date is written here: which units exist on a day comes from ``facts.alive_unit_ids`` (the unit
lifespans of ``facts/`` are the only record of the break-up). This module only knows, for every
modern unit, the unit its land belonged to before it existed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import geopandas as gpd
import shapely

from geodata.geojson import feature_collection
from geodata.labels import label_point
from geodata.region import modern_units

# Before a unit existed, its land belonged to this one. Following the links from a modern unit
# gives its chain of owners, XKX -> SRB -> SCG -> YUG: on any day the land goes to the first unit
# of the chain that is alive. Units without a link (ALB, GRC, ...) only ever own themselves.
PART_OF = {
    "XKX": "SRB",  # Serbia including Kosovo, June 2006 - February 2008
    "SRB": "SCG",
    "MNE": "SCG",
    "SCG": "YUG",
    "SVN": "YUG",
    "HRV": "YUG",
    "BIH": "YUG",
    "MKD": "YUG",
}
HISTORICAL = ("SCG", "YUG")


def owners(unit: str) -> list[str]:
    """The chain of owners of a modern unit's land, itself first: ``owners("XKX")`` ends in YUG."""
    chain = [unit]
    while chain[-1] in PART_OF:
        chain.append(PART_OF[chain[-1]])
    return chain


def owner(unit: str, alive: set[str]) -> str:
    """The unit that holds a modern unit's land when ``alive`` are the units that exist."""
    for candidate in owners(unit):
        if candidate in alive:
            return candidate
    raise ValueError(f"no unit alive to hold the land of {unit}: its owners {owners(unit)} are all absent")


@lru_cache(maxsize=16)
def _dissolve(alive: tuple[str, ...]) -> gpd.GeoDataFrame:
    # Cached by the set of living units, not by day: 1990 to today has only five such sets.
    pieces = modern_units()
    known = set(pieces["unit"]) | set(HISTORICAL)
    unknown = sorted(set(alive) - known)
    if unknown:
        raise ValueError(f"geodata has no land for units {unknown}: add them to the boundary file or PART_OF")
    groups: dict[str, list] = {}
    for unit, geometry in zip(pieces["unit"], pieces.geometry, strict=True):
        groups.setdefault(owner(unit, set(alive)), []).append(geometry)
    landless = sorted(set(alive) - set(groups))
    if landless:
        raise ValueError(f"units {landless} are alive but own no land: their members are alive too")
    units = sorted(groups)
    # The pieces are one clean coverage, so a coverage union only drops the shared borders; it
    # adds no vertex, and the rounded coordinates stay rounded.
    geometries = [groups[unit][0] if len(groups[unit]) == 1 else shapely.coverage_union_all(groups[unit]) for unit in units]
    labels = [label_point(geometry) for geometry in geometries]
    return gpd.GeoDataFrame(
        {"unit": units, "label_lon": [p.x for p in labels], "label_lat": [p.y for p in labels]},
        geometry=geometries,
        crs=4326,
    )[["unit", "geometry", "label_lon", "label_lat"]]


def _alive_key(alive: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(alive)))


def units_for(alive: Iterable[str]) -> gpd.GeoDataFrame:
    """The map units when exactly ``alive`` exist: one row per unit, sorted by unit.

    Returns
    -------
    GeoDataFrame
        Columns unit, geometry, label_lon, label_lat in EPSG:4326. A fresh copy on every call
        (the dissolution itself is cached), so callers may modify it.

    Raises
    ------
    ValueError
        If a living unit has no land here, or some land has no living owner.
    """
    return _dissolve(_alive_key(alive)).copy()


def _alive_on(day: dt.date) -> set[str]:
    # Imported here so that geodata can be imported, and tested, without loading the facts.
    from facts import alive_unit_ids

    return alive_unit_ids(day)


def units_on(day: dt.date) -> gpd.GeoDataFrame:
    """The units on the map on ``day``, with their land and label points: see :func:`units_for`.

    ``units_on(date(2007, 12, 31))`` has SRB with Kosovo's land and MNE; on 2024-12-31 XKX is its
    own unit; on 1990-12-31 YUG holds the land of its seven successors.
    """
    return units_for(_alive_on(day))


@lru_cache(maxsize=16)
def _geojson(alive: tuple[str, ...]) -> str:
    units = _dissolve(alive)
    return feature_collection(({"unit": unit}, geometry) for unit, geometry in zip(units["unit"], units.geometry, strict=True))


def units_geojson(day: dt.date) -> str:
    """The units of ``day`` as a compact GeoJSON FeatureCollection, properties ``{"unit": ID}``.

    Coordinates keep the file's three decimals, which is what the dashboard should hand to Folium
    (a GeoDataFrame would be embedded at full float precision). Cached; strings are immutable.
    """
    return _geojson(_alive_key(_alive_on(day)))
