"""Land for the picture: longitude/latitude to Web Mercator, and Shapely shapes to matplotlib paths.

Web Mercator (EPSG:3857) because the web map (Leaflet) uses it: a reader who downloads the
picture sees the same shapes, at the same proportions, as on the screen.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.path import Path
from pyproj import Transformer

CRS = "EPSG:3857"


def projector() -> Transformer:
    """Degrees (lon, lat) to Web Mercator metres; one per picture, nothing kept between calls."""
    return Transformer.from_crs("EPSG:4326", CRS, always_xy=True)


def project_frame(bounds: tuple[tuple[float, float], tuple[float, float]], transformer: Transformer) -> tuple[float, ...]:
    """``((south, west), (north, east))`` in degrees to ``(x0, y0, x1, y1)`` in metres."""
    (south, west), (north, east) = bounds
    x0, y0 = transformer.transform(west, south)
    x1, y1 = transformer.transform(east, north)
    return x0, y0, x1, y1


def fit_frame(frame: tuple[float, ...], width_px: float, height_px: float) -> tuple[float, ...]:
    """The frame widened eastwards (or heightened southwards) to the map's aspect, all of it still shown.

    This is what the web map's ``fitBounds`` does on a screen of another shape. The extra room
    goes east (more Black Sea and Anatolia) rather than west, because the boundary file covers
    the east and not Switzerland or Germany, which would show as sea.
    """
    x0, y0, x1, y1 = frame
    scale = max((x1 - x0) / width_px, (y1 - y0) / height_px)
    return x0, y1 - height_px * scale, x0 + width_px * scale, y1


def _ring(coords) -> tuple[np.ndarray, list[int]]:
    vertices = np.asarray(coords)[:, :2]
    codes = [Path.MOVETO] + [Path.LINETO] * (len(vertices) - 2) + [Path.CLOSEPOLY]
    return vertices, codes


def to_path(geometry) -> Path:
    """A (Multi)Polygon as one compound path, holes included (drawn with the even-odd rule)."""
    vertices: list[np.ndarray] = []
    codes: list[int] = []
    for polygon in shapely.get_parts(geometry):
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            ring_vertices, ring_codes = _ring(ring.coords)
            vertices.append(ring_vertices)
            codes += ring_codes
    if not vertices:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(vertices), codes)


def projected(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of a layer in the picture's projection."""
    return frame.to_crs(CRS)
