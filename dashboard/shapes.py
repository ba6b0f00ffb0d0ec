"""Every boundary shape the map can show, across all the eras, keyed for the browser.

The map loads these shapes once (a static file) and a year change only says which shape each
unit uses and how to colour it. A unit whose borders changed (Serbia before and after Kosovo's
declaration) has one shape per set of borders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_right
from functools import lru_cache
from typing import Any

import shapely

import geodata
from facts import FIRST_YEAR, load_facts, today


def _boundary_days() -> list[dt.date]:
    """The days on which the map's units change: 1990-01-01 and every start and end since."""
    first = dt.date(FIRST_YEAR, 1, 1)
    days = {first}
    for unit in load_facts().units.values():
        for bound in (unit.start, unit.end):
            if bound is not None and first < bound.earliest <= today():
                days.add(bound.earliest)
    return sorted(days)


@lru_cache(maxsize=1)
def _catalogue() -> tuple[list[dt.date], list[dict[str, str]], list[dict[str, Any]]]:
    """Snapshots of unit -> shape id at each boundary day, and the GeoJSON features of all shapes."""
    days = _boundary_days()
    snapshots: list[dict[str, str]] = []
    features: list[dict[str, Any]] = []
    known: dict[tuple[str, bytes], str] = {}
    for day in days:
        snapshot = {}
        for row in geodata.units_on(day).itertuples():
            key = (row.unit, hashlib.sha256(shapely.to_wkb(row.geometry)).digest())
            if key not in known:
                shape_id = f"{row.unit}-{day.year}"
                known[key] = shape_id
                features.append(
                    {
                        "type": "Feature",
                        "id": shape_id,
                        "properties": {"shape": shape_id, "unit": row.unit},
                        "geometry": shapely.geometry.mapping(row.geometry),
                    }
                )
            snapshot[row.unit] = known[key]
        snapshots.append(snapshot)
    for row in geodata.context_countries().itertuples():
        features.append(
            {
                "type": "Feature",
                "id": f"context-{row.id}",
                "properties": {"shape": f"context-{row.id}", "context": row.name},
                "geometry": shapely.geometry.mapping(row.geometry),
            }
        )
    return days, snapshots, features


def shape_collection() -> dict[str, Any]:
    """A GeoJSON FeatureCollection of every unit shape of every era, and the context countries."""
    return {"type": "FeatureCollection", "features": _catalogue()[2]}


def shapes_on(day: dt.date) -> dict[str, str]:
    """Unit id -> id of the shape it has on ``day``."""
    days, snapshots, _ = _catalogue()
    return snapshots[max(bisect_right(days, day) - 1, 0)]
