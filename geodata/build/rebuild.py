"""Rebuild ``data/region.geojson`` from the ``world-atlas`` npm tarball; the app never runs this.

Usage::

    npm pack world-atlas@2.0.2          # writes world-atlas-2.0.2.tgz
    python -m geodata build world-atlas-2.0.2.tgz

Then update the checksum in ``data/README.md`` with the one printed.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from geodata.build import source
from geodata.build.geojson import feature_collection, round_coordinates
from geodata.check import MAX_BYTES, sha256
from geodata.quality import CoverageReport, measure
from geodata.region import DATA_FILE

# Metres in Web Mercator (about 1.8 km on the ground at these latitudes): drawn at zoom 7 the
# result is hard to tell from the 1:10m source, and 21 countries take about 140 KB.
TOLERANCE_M = 2500
METRIC = 3857


def simplify(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify all features as one coverage, then round the coordinates.

    ``coverage_simplify`` simplifies each shared border once for both neighbours; simplifying
    country by country instead left 124 gaps and 185 km² of overlaps. Rounding comes after,
    because rounding the dense source first broke a polygon.
    """
    metric = features.geometry.to_crs(METRIC)
    simplified = gpd.GeoSeries(shapely.coverage_simplify(metric.values, TOLERANCE_M), crs=METRIC).to_crs(4326)
    result = features.copy()
    result["geometry"] = round_coordinates(simplified.values)
    return result


def build(tarball: Path | str, out: Path | str = DATA_FILE) -> CoverageReport:
    """Read, select, simplify and check the source, and write the file if it is clean.

    Raises
    ------
    ValueError
        If the tarball is not the pinned one, or the result is no clean coverage (nothing is
        written then) or too big.
    """
    if sha256(tarball) != source.TARBALL_SHA256:
        raise ValueError(f"{tarball} is not {source.NPM_PACKAGE} (SHA-256 {source.TARBALL_SHA256})")
    features = simplify(source.select(source.read_countries(str(tarball))))
    report = measure(list(features["id"]), list(features.geometry))
    if not report.ok:
        raise ValueError("the simplified coverage is not clean:\n  " + "\n  ".join(report.lines()))
    text = feature_collection(
        (
            ({"id": row.id, "role": row.role} | ({"name": row.name} if isinstance(row.name, str) else {}), row.geometry)
            for row in features.itertuples()
        ),
        one_per_line=True,
    )
    data = (text + "\n").encode("utf-8")
    if len(data) >= MAX_BYTES:
        raise ValueError(f"the file would be {len(data):,} bytes, over the {MAX_BYTES:,} budget")
    Path(out).write_bytes(data)
    return report


def main(tarball: str, out: str | None = None) -> int:
    """The ``build`` command: build, print the report and the checksum for the README."""
    out_path = Path(out) if out else DATA_FILE
    report = build(tarball, out_path)
    print(f"wrote {out_path} ({out_path.stat().st_size:,} bytes)")
    for line in report.lines():
        print(f"  {line}")
    print(f"  sha256: {sha256(out_path)}  <- put this in {out_path.parent / 'README.md'}")
    return 0
