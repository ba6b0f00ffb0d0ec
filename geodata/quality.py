"""Is a set of polygons a clean coverage? Validity, matching borders, gap and overlap areas.

The build refuses to write a file that fails, ``python -m geodata check`` reports it, and the
tests apply the same measure to the units of every date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import shapely

# Areas are measured in ETRS89 / LAEA Europe, an equal-area projection covering the whole region.
EQUAL_AREA = 3035
# Square kilometres. Exactly shared borders give zero; this only absorbs floating-point dust.
TOLERANCE_KM2 = 1e-6


@dataclass(frozen=True)
class CoverageReport:
    """What :func:`measure` found; ``ok`` is true only for a clean coverage."""

    features: int
    invalid: tuple[str, ...]  # "ID: reason" for every invalid geometry
    borders_match: bool  # GEOS coverage validity: neighbours share their border vertex for vertex
    gap_km2: float  # land enclosed by the coverage that no feature covers
    overlap_km2: float  # land covered by two features

    @property
    def ok(self) -> bool:
        return not self.invalid and self.borders_match and self.gap_km2 <= TOLERANCE_KM2 and self.overlap_km2 <= TOLERANCE_KM2

    def lines(self) -> list[str]:
        """The report as ``name: value`` lines for a terminal."""
        return [
            f"features: {self.features}",
            f"valid: {'all' if not self.invalid else 'NO: ' + '; '.join(self.invalid)}",
            f"shared borders match: {'yes' if self.borders_match else 'NO'}",
            f"gaps: {self.gap_km2:.6f} km²",
            f"overlaps: {self.overlap_km2:.6f} km²",
        ]


def measure(ids: Sequence[str], geometries: Sequence) -> CoverageReport:
    """Measure polygons in EPSG:4326 (lon/lat) as one coverage.

    A gap is a hole in the union of all features: the region has no lake or enclave that belongs
    to nobody (San Marino is its own feature), so any hole is an error. An overlap is the area
    shared by two features.
    """
    invalid = tuple(
        f"{unit}: {shapely.is_valid_reason(geometry)}"
        for unit, geometry in zip(ids, geometries, strict=True)
        if not shapely.is_valid(geometry)
    )
    projected = gpd.GeoSeries(list(geometries), crs=4326).to_crs(EQUAL_AREA).values
    return CoverageReport(
        features=len(ids),
        invalid=invalid,
        borders_match=not invalid and bool(shapely.coverage_is_valid(list(geometries))),
        gap_km2=_gap_area(projected) / 1e6,
        overlap_km2=_overlap_area(projected) / 1e6,
    )


def _gap_area(geometries) -> float:
    union = shapely.union_all(shapely.make_valid(geometries))
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(union) if part.geom_type == "Polygon" for ring in part.interiors]
    return float(sum(hole.area for hole in holes))


def _overlap_area(geometries) -> float:
    geometries = shapely.make_valid(geometries)
    tree = shapely.STRtree(geometries)
    first, second = tree.query(geometries, predicate="intersects")
    pairs = first < second
    return float(
        sum(shapely.intersection(geometries[i], geometries[j]).area for i, j in zip(first[pairs], second[pairs], strict=True))
    )
