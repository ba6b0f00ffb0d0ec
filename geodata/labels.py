"""Where to put a unit's label: a point inside its land, and inside the default view."""

from __future__ import annotations

import shapely
from shapely.geometry import Point
from shapely.ops import polylabel

from geodata.region import DEFAULT_BOUNDS

# Degrees; polylabel stops refining once it is this close to the best point, a few hundred metres.
TOLERANCE = 0.005


def label_point(geometry) -> Point:
    """The point of the largest part that lies farthest from its edges (the pole of inaccessibility).

    A centroid can fall in the sea (Croatia's crescent, Greece) or in a neighbour, so it is not
    used. The geometry is first cut to DEFAULT_BOUNDS so that a unit reaching far out of the
    frame, Türkiye, gets its label where the map shows it; a unit wholly outside keeps its own.
    """
    (south, west), (north, east) = DEFAULT_BOUNDS
    inside = geometry.intersection(shapely.box(west, south, east, north))
    polygons = [part for part in shapely.get_parts(inside) if part.geom_type == "Polygon"] or list(shapely.get_parts(geometry))
    largest = max(polygons, key=lambda polygon: polygon.area)
    point = polylabel(largest, tolerance=TOLERANCE)
    # polylabel's answer is inside for any valid polygon; keep the guarantee explicit all the same.
    return point if largest.contains(point) else largest.point_on_surface()
