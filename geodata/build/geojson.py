"""Compact GeoJSON text with coordinates rounded to the precision of the committed file."""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import mapping

# Three decimals of a degree are at most about 110 m: far below what zoom 7 can show, and without
# them Folium would embed every coordinate with 15 digits (2.4 times the bytes).
DECIMALS = 3


def round_coordinates(geometries, decimals: int = DECIMALS):
    """Round every coordinate; do it only after simplifying (rounding first broke a polygon).

    Shared borders stay shared because both neighbours hold the same vertices and round them alike.
    Rounding can still make a polygon invalid in principle, so callers check validity afterwards.
    """
    return shapely.transform(geometries, lambda xy: np.round(xy, decimals))


def feature_collection(features: Iterable[tuple[dict, object]], one_per_line: bool = False) -> str:
    """A FeatureCollection as compact text, from (properties, shapely geometry) pairs.

    Coordinates are written as they are (``repr`` of each float), so round them first. With
    ``one_per_line`` every feature gets its own line, which keeps diffs of the committed file
    readable.
    """
    encoded = [
        json.dumps({"type": "Feature", "properties": properties, "geometry": mapping(geometry)}, separators=(",", ":"))
        for properties, geometry in features
    ]
    separator = ",\n" if one_per_line else ","
    opening = '{"type":"FeatureCollection","features":[' + ("\n" if one_per_line else "")
    closing = ("\n" if one_per_line else "") + "]}"
    return opening + separator.join(encoded) + closing
