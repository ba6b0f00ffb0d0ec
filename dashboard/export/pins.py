"""NATO's presence on the picture: one pin per site active that year, spread so none hides another.

Symbols come from ``dashboard.pin_symbols`` (the web map's table), so a kind looks the same on
the screen, in the legend and in a download. A pin moved off its place keeps a thin leader line
to a dot on the true point, so the picture never misplaces a site silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from pyproj import Transformer

from dashboard.export import style
from dashboard.export.placement import Box, Point, spread_pins
from dashboard.pin_symbols import SYMBOLS
from facts import Site

# Pins above labels, labels above leader lines, leader lines above the land.
LEADER_Z, LABEL_Z, PIN_Z = 4, 5, 6


@dataclass
class PinDrawing:
    """What was drawn, by site id: the marker artists, their pixels, and the boxes labels must avoid."""

    markers: dict[str, Line2D] = field(default_factory=dict)
    places: dict[str, Point] = field(default_factory=dict)
    true_places: dict[str, Point] = field(default_factory=dict)
    obstacles: list[Box] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    @property
    def spread(self) -> bool:
        """Whether any pin was moved off its place (the legend then explains the leader lines)."""
        return any(math.dist(self.places[key], self.true_places[key]) > 1 for key in self.places)


def pin_pixels() -> float:
    """A pin's width in output pixels (markers are sized in points)."""
    return style.PIN_SIZE * style.DPI / 72 + style.PIN_EDGE * style.DPI / 72


def draw_pins(axes: Axes, sites: list[Site], transformer: Transformer) -> PinDrawing:
    """Draw every site's pin on ``axes``; each marker's SVG group carries the site id as its gid."""
    sites = sorted(sites, key=lambda site: site.id)
    to_display = axes.transData
    to_data = axes.transData.inverted()
    true_places = [tuple(to_display.transform(transformer.transform(site.lon, site.lat))) for site in sites]
    places = spread_pins(true_places)
    drawing = PinDrawing()
    size = pin_pixels()
    for site, true_place, place in zip(sites, true_places, places, strict=True):
        symbol = SYMBOLS[site.kind]
        x, y = to_data.transform(place)
        if math.dist(place, true_place) > 1:
            tx, ty = to_data.transform(true_place)
            axes.add_line(Line2D([tx, x], [ty, y], color=style.LEADER, linewidth=0.9, zorder=LEADER_Z, gid=f"{site.id}-leader"))
            axes.add_line(
                Line2D([tx], [ty], marker="o", markersize=3.2, color=style.LEADER, markeredgecolor="white", markeredgewidth=0.6,
                       linestyle="none", zorder=LEADER_Z, gid=f"{site.id}-place")
            )  # fmt: skip
            drawing.obstacles.append(Box.around(true_place, 7, 7))
        marker = Line2D(
            [x], [y], marker=symbol.marker, markersize=style.marker_size(symbol.marker), color=symbol.colour, markeredgecolor="white",
            markeredgewidth=style.PIN_EDGE, linestyle="none", zorder=PIN_Z, gid=site.id,
        )  # fmt: skip
        axes.add_line(marker)
        drawing.markers[site.id] = marker
        drawing.places[site.id] = place
        drawing.true_places[site.id] = true_place
        drawing.obstacles.append(Box.around(place, size + 4, size + 4))
        if site.kind not in drawing.kinds:
            drawing.kinds.append(site.kind)
    return drawing
