"""Every boundary shape the map can show, once: which shape each unit has on any day, and their GeoJSON.

The map loads all shapes of every era in one static file and only switches between them, so a
year change sends no geometry. A unit whose borders changed (Serbia with Kosovo until 2008,
without it since) has one shape per set of borders; a shape's id says its unit and first year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import shapely

import geodata
from facts import FIRST_YEAR, Facts, today


@dataclass(frozen=True)
class ShapeCatalogue:
    """Shapes of every era: the days the map changes, unit -> shape id on each, and the features."""

    days: list[dt.date]
    snapshots: list[dict[str, str]]
    features: list[dict[str, Any]]

    def shapes_on(self, day: dt.date) -> dict[str, str]:
        """Unit id -> id of the shape it has on ``day``."""
        return self.snapshots[max(bisect_right(self.days, day) - 1, 0)]

    def collection(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection of every unit shape of every era, and the grey neighbours."""
        return {"type": "FeatureCollection", "features": self.features}


def boundary_days(facts: Facts) -> list[dt.date]:
    """The days on which the map's units change: 1990-01-01 and every start and end since."""
    first = dt.date(FIRST_YEAR, 1, 1)
    days = {first}
    for unit in facts.units.values():
        for bound in (unit.start, unit.end):
            if bound is not None and first < bound.earliest <= today():
                days.add(bound.earliest)
    return sorted(days)


def _feature(shape_id: str, properties: dict[str, Any], geometry) -> dict[str, Any]:
    return {"type": "Feature", "id": shape_id, "properties": properties, "geometry": shapely.geometry.mapping(geometry)}


def build_catalogue(facts: Facts) -> ShapeCatalogue:
    """The shapes of every boundary day, each distinct shape once, with its label point."""
    owners = facts.land_owners()
    days = boundary_days(facts)
    snapshots: list[dict[str, str]] = []
    features: list[dict[str, Any]] = []
    known: dict[tuple[str, bytes], str] = {}
    for day in days:
        snapshot = {}
        alive = [unit.id for unit in facts.units_alive(day)]
        for row in geodata.units_for(alive, owners).itertuples():
            key = (row.unit, hashlib.sha256(shapely.to_wkb(row.geometry)).digest())
            if key not in known:
                known[key] = f"{row.unit}-{day.year}"
                label = [round(row.label_lat, 3), round(row.label_lon, 3)]
                features.append(_feature(known[key], {"shape": known[key], "unit": row.unit, "label": label}, row.geometry))
            snapshot[row.unit] = known[key]
        snapshots.append(snapshot)
    for row in geodata.context_countries().itertuples():
        features.append(_feature(f"context-{row.id}", {"shape": f"context-{row.id}", "context": row.name}, row.geometry))
    return ShapeCatalogue(days, snapshots, features)
