"""Country names on the picture: at each unit's label point, legible, and nudged clear of pins.

Names are dark with a white halo, so they read on the darkest and the lightest status colour. The
halo is a white twin of the name drawn under it with a stroke, and the name itself has no path
effect, so that the SVG keeps every name as text (a path effect turns text into outlines). A
long name is wrapped; a small country gets a smaller size. Small countries are placed first:
they have the least room, and a large one can move its name further without leaving its land.
"""

from __future__ import annotations

import textwrap

import geopandas as gpd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.text import Text
from pyproj import Transformer

from dashboard.export import style
from dashboard.export.pins import LABEL_Z
from dashboard.export.placement import Box, LabelRequest, place_labels

WRAP = 16  # characters per line of a name
SMALL_AREA = 150 * 150  # pixels: below this a country's name is set smaller
HALO_PIXELS = 3  # the halo's reach beyond the letters, counted into a label's box


def wrap_name(name: str) -> str:
    """A name on as few lines as reads well: ``Bosnia and\\nHerzegovina``."""
    return "\n".join(textwrap.wrap(name, WRAP, break_long_words=False)) or name


def _box(text: Text, renderer) -> tuple[float, float]:
    extent = text.get_window_extent(renderer)
    return extent.width + 2 * HALO_PIXELS, extent.height + 2 * HALO_PIXELS


def draw_labels(
    axes: Axes, units: gpd.GeoDataFrame, names: dict[str, str], transformer: Transformer, obstacles: list[Box]
) -> dict[str, Text]:
    """Write each unit's name on ``axes`` near its label point, clear of ``obstacles`` and of each other.

    ``units`` is projected (Web Mercator) with label_lon and label_lat in degrees, as geodata
    gives them; returns the Text of each unit, by unit id.
    """
    renderer = axes.figure.canvas.get_renderer()
    to_display = axes.transData
    to_data = axes.transData.inverted()
    metres_per_pixel = (axes.get_xlim()[1] - axes.get_xlim()[0]) / axes.get_window_extent().width
    halo = [patheffects.Stroke(linewidth=3.2, foreground=style.HALO)]
    labels: dict[str, Text] = {}
    halos: dict[str, Text] = {}
    requests: list[tuple[float, LabelRequest]] = []
    for row in units.itertuples():
        anchor = transformer.transform(row.label_lon, row.label_lat)
        area = row.geometry.area / metres_per_pixel**2
        size = style.SMALL_LABEL_SIZE if area < SMALL_AREA else style.LABEL_SIZE
        look = {
            "fontsize": size,
            "fontweight": "bold",
            "ha": "center",
            "va": "center",
            "multialignment": "center",
            "linespacing": 1.1,
        }
        halos[row.unit] = axes.text(
            *anchor,
            wrap_name(names[row.unit]),
            color=style.HALO,
            path_effects=halo,
            zorder=LABEL_Z - 0.1,
            parse_math=False,
            **look,
        )
        text = axes.text(
            *anchor,
            wrap_name(names[row.unit]),
            color=style.TEXT,
            zorder=LABEL_Z,
            parse_math=False,
            gid=f"label-{row.unit}",
            **look,
        )
        labels[row.unit] = text
        geometry = row.geometry

        def inside(centre, geometry=geometry) -> bool:
            x, y = to_data.transform(centre)
            return bool(shapely.contains_xy(geometry, x, y))

        width, height = _box(text, renderer)
        requests.append((area, LabelRequest(row.unit, tuple(to_display.transform(anchor)), width, height, inside)))
    frame = axes.get_window_extent()
    frame_box = Box(frame.x0, frame.y0, frame.x1, frame.y1)
    centres = place_labels(
        [request for _, request in sorted(requests, key=lambda item: (item[0], item[1].key))], obstacles, frame_box
    )
    for unit, centre in centres.items():
        labels[unit].set_position(to_data.transform(centre))
        halos[unit].set_position(to_data.transform(centre))
    return labels
