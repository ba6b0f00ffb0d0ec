"""The map of one year as a picture (PNG or SVG), drawn on the server with geopandas and matplotlib.

The page's "Download map" button and ``python -m dashboard.export`` both call
:func:`render_picture`; tests call :func:`build_picture` to reach the figure's transform. Only
``Figure`` objects and the Agg and SVG canvases are used, never pyplot, so nothing opens a window
and nothing is left in global state; the matplotlib settings a picture needs are in force only
while it is built or saved, under a lock, since the page renders from several threads.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.text import Text
from pyproj import Transformer

import geodata
from dashboard.export import style, texts
from dashboard.export.furniture import draw_furniture, selection
from dashboard.export.geometry import fit_frame, project_frame, projected, projector, to_path
from dashboard.export.labels import draw_labels
from dashboard.export.legend import draw_legend
from dashboard.export.pins import PinDrawing, draw_pins
from facts import Facts, year_day

_LOCK = threading.RLock()


@dataclass
class Picture:
    """A drawn picture and what its tests need: the map's axes, its labels and its pins."""

    figure: Figure
    map_axes: Axes
    transformer: Transformer
    labels: dict[str, Text]
    pins: PinDrawing
    title: str

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a point falls in the PNG: (column, row), rows counted from the top."""
        x, y = self.transformer.transform(lon, lat)
        column, row_up = self.map_axes.transData.transform((x, y))
        return float(column), style.HEIGHT_PX - float(row_up)

    def save(self, fmt: str) -> bytes:
        """The picture as PNG or SVG bytes; the same picture always gives the same bytes."""
        buffer = io.BytesIO()
        metadata = style.PNG_METADATA if texts.check_format(fmt) == "png" else style.SVG_METADATA
        metadata = metadata | {"Title": self.title}
        with _LOCK, matplotlib.rc_context(style.RC):
            self.figure.savefig(buffer, format=fmt, dpi=style.DPI, metadata=metadata, facecolor="white")
        return buffer.getvalue()


def _axes_rect(left: float, bottom: float, width: float, height: float) -> list[float]:
    return [left / style.WIDTH_PX, bottom / style.HEIGHT_PX, width / style.WIDTH_PX, height / style.HEIGHT_PX]


def _map_axes(figure: Figure, transformer: Transformer) -> Axes:
    width = style.WIDTH_PX - 2 * style.MARGIN - style.GAP - style.LEGEND_WIDTH
    height = style.HEIGHT_PX - style.HEADER - style.FOOTER
    axes = figure.add_axes(_axes_rect(style.MARGIN, style.FOOTER, width, height))
    x0, y0, x1, y1 = fit_frame(project_frame(geodata.DEFAULT_BOUNDS, transformer), width, height)
    axes.set_xlim(x0, x1)
    axes.set_ylim(y0, y1)
    axes.set_facecolor(style.SEA)
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_edgecolor(style.FRAME)
        spine.set_linewidth(0.8)
    return axes


def _draw_land(axes: Axes, facts: Facts, year: int, units, selected: set[str]) -> None:
    """The hatched neighbours, then every unit in its status colour, then the selection's outline."""
    for row in projected(geodata.context_countries()).itertuples():
        patch = PathPatch(
            to_path(row.geometry), facecolor=style.CONTEXT_FILL, edgecolor=style.BORDER, linewidth=0.8, gid=f"context-{row.id}"
        )
        patch.set_hatch(style.HATCH)
        patch.set_hatchcolor(style.HATCH_COLOUR)
        patch.set_hatch_linewidth(style.HATCH_WIDTH)
        axes.add_patch(patch)
    statuses = facts.statuses_in(year)
    for row in units.itertuples():
        colour = facts.status_entries[statuses[row.unit].status].colour
        axes.add_patch(
            PathPatch(to_path(row.geometry), facecolor=colour, edgecolor=style.BORDER, linewidth=1.1, gid=f"unit-{row.unit}")
        )
    for row in units[units["unit"].isin(selected)].itertuples():
        outline = PathPatch(
            to_path(row.geometry), fill=False, edgecolor=style.SELECTED, linewidth=2.4, gid=f"selected-{row.unit}"
        )
        axes.add_patch(outline)


def build_picture(facts: Facts, year: int, *, url: str | None = None, selected: str | None = None) -> Picture:
    """Draw the map of ``year``: borders and colours of its last day, names, pins, legend and notes.

    Parameters
    ----------
    facts
        The validated facts, loaded once by the caller.
    year
        From ``FIRST_YEAR`` to this year; any other raises ValueError.
    url
        The address of this view, printed in the source line; by default the local atlas's.
    selected
        A unit id to outline (where it did not exist that year, the units that held its land).
    """
    texts.check_year(year)
    outline, outlined = selection(facts, year, selected)
    url = url or texts.view_url(texts.DEFAULT_BASE_URL, year, selected)
    day = year_day(year)
    alive = [unit.id for unit in facts.units_alive(day)]
    with _LOCK, matplotlib.rc_context(style.RC):
        figure = Figure(figsize=(style.WIDTH_PX / style.DPI, style.HEIGHT_PX / style.DPI), dpi=style.DPI, facecolor="white")
        FigureCanvasAgg(figure)
        transformer = projector()
        axes = _map_axes(figure, transformer)
        units = projected(geodata.units_for(alive, facts.land_owners()))
        _draw_land(axes, facts, year, units, outline)
        pins = draw_pins(axes, facts.sites_active(year), transformer)
        labels = draw_labels(
            axes, units, {unit: facts.units[unit].short_name_on(day) for unit in alive}, transformer, pins.obstacles
        )
        draw_furniture(figure, facts, year, url)
        legend_axes = figure.add_axes(
            _axes_rect(
                style.WIDTH_PX - style.MARGIN - style.LEGEND_WIDTH,
                style.FOOTER,
                style.LEGEND_WIDTH,
                style.HEIGHT_PX - style.HEADER - style.FOOTER,
            )
        )
        held = {status.status for status in facts.statuses_in(year).values()}
        size = (style.LEGEND_WIDTH, style.HEIGHT_PX - style.HEADER - style.FOOTER)
        draw_legend(legend_axes, size, facts.legend, held, pins.kinds, year, pins.spread, outlined)
    return Picture(figure, axes, transformer, labels, pins, texts.title(year))


def render_picture(facts: Facts, year: int, *, fmt: str = "png", url: str | None = None, selected: str | None = None) -> bytes:
    """The map of ``year`` as PNG or SVG bytes (see :func:`build_picture`); the page caches them."""
    texts.check_format(fmt)
    return build_picture(facts, year, url=url, selected=selected).save(fmt)
