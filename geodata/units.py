"""The units of any moment, dissolved from the modern ones by who owned each piece of land.

No date and no break-up is written here. The caller says which units exist (``alive``) and, for
every unit, the unit its land belonged to before it existed (``land_owners``: XKX -> SRB -> SCG ->
YUG). Both come from ``facts/``, where curators record the break-up once, and reach this module
as arguments, so geodata never reads the facts itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import geopandas as gpd
import shapely

from geodata.labels import label_point
from geodata.region import modern_units


def owners(unit: str, land_owners: Mapping[str, str]) -> list[str]:
    """The chain of owners of a modern unit's land, itself first: XKX, SRB, SCG, YUG."""
    chain = [unit]
    while chain[-1] in land_owners:
        if land_owners[chain[-1]] in chain:
            raise ValueError(f"the land owners of {unit} form a cycle: {chain + [land_owners[chain[-1]]]}")
        chain.append(land_owners[chain[-1]])
    return chain


def owner(unit: str, alive: set[str], land_owners: Mapping[str, str]) -> str:
    """The unit that holds a modern unit's land when ``alive`` are the units that exist."""
    chain = owners(unit, land_owners)
    for candidate in chain:
        if candidate in alive:
            return candidate
    raise ValueError(f"no unit alive to hold the land of {unit}: its owners {chain} are all absent")


@lru_cache(maxsize=16)
def _dissolve(alive: tuple[str, ...], land_owners: tuple[tuple[str, str], ...]) -> gpd.GeoDataFrame:
    # Cached by the set of living units: 1990 to today has only four such sets.
    owned_by = dict(land_owners)
    pieces = modern_units()
    known = set(pieces["unit"]) | set(owned_by.values())
    unknown = sorted(set(alive) - known)
    if unknown:
        raise ValueError(f"geodata has no land for units {unknown}: add them to the boundary file or to the land owners")
    groups: dict[str, list] = {}
    for unit, geometry in zip(pieces["unit"], pieces.geometry, strict=True):
        groups.setdefault(owner(unit, set(alive), owned_by), []).append(geometry)
    landless = sorted(set(alive) - set(groups))
    if landless:
        raise ValueError(f"units {landless} are alive but own no land: their successors are alive too")
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


def units_for(alive: Iterable[str], land_owners: Mapping[str, str]) -> gpd.GeoDataFrame:
    """The map units when exactly ``alive`` exist: one row per unit, sorted by unit.

    Parameters
    ----------
    alive
        Ids of the units on the map at that moment (``facts``: ``Facts.units_alive``).
    land_owners
        Unit id -> the unit its land belonged to before it existed (``Facts.land_owners``).

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
    return _dissolve(tuple(sorted(set(alive))), tuple(sorted(land_owners.items()))).copy()
