"""The picture's legend, in its own panel beside the map so it never covers land.

Every status of the facts' legend with its swatch (those no country holds that year in lighter
type, so the reader sees at once which apply), the hatched "not covered" swatch, and the pin
symbols of the kinds shown that year, in the order of ``SYMBOLS``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from dashboard.export import style
from dashboard.pin_symbols import SYMBOLS
from facts import StatusEntry

ROW = 31.0  # pixels from one single-line entry to the next
LABEL_SPACING = 1.15
LINE = style.line_pixels(style.LEGEND_SIZE, LABEL_SPACING)  # pixels per extra line of a wrapped label
NOTE_SPACING = 1.25
NOTE_LINE = style.line_pixels(style.NOTE_SIZE, NOTE_SPACING)
SWATCH_W, SWATCH_H = 36.0, 21.0
WRAP = 36  # characters per line of a label


class LegendPanel:
    """Writes rows top down in an axes whose data units are its pixels."""

    def __init__(self, axes: Axes, width: float, height: float):
        self.axes = axes
        self.width = width
        self.y = height - 6
        axes.set_xlim(0, width)
        axes.set_ylim(0, height)
        axes.set_axis_off()

    def heading(self, text: str, gap: float = 0.0) -> None:
        self.y -= gap
        self.axes.text(
            0, self.y, text, fontsize=style.HEADING_SIZE, fontweight="bold", va="top", color=style.TEXT, parse_math=False
        )
        self.y -= ROW + 6

    def _label(self, text: str, colour: str) -> float:
        lines = textwrap.wrap(text, WRAP) or [""]
        centre = self.y - (len(lines) - 1) * LINE / 2
        self.axes.text(
            SWATCH_W + 14,
            centre,
            "\n".join(lines),
            fontsize=style.LEGEND_SIZE,
            va="center",
            color=colour,
            linespacing=1.25,
            parse_math=False,
        )
        return centre

    def swatch(
        self, text: str, fill: str, *, hatched: bool = False, present: bool = True, gid: str | None = None, outline: bool = False
    ) -> None:
        centre = self._label(text, style.TEXT if present else style.MUTED)
        edge, width = (style.SELECTED, 2.4) if outline else (style.SWATCH_EDGE, 0.8)
        patch = Rectangle(
            (0, centre - SWATCH_H / 2), SWATCH_W, SWATCH_H, facecolor=fill, edgecolor=edge, linewidth=width, gid=gid
        )
        if hatched:
            patch.set_hatch(style.HATCH)
            patch.set_hatchcolor(style.HATCH_COLOUR)
            patch.set_hatch_linewidth(style.HATCH_WIDTH)
        self.axes.add_patch(patch)
        self._advance(text)

    def symbol(self, text: str, marker: str, colour: str) -> None:
        centre = self._label(text, style.TEXT)
        self.axes.plot(
            [SWATCH_W / 2], [centre], marker=marker, color=colour, markersize=style.marker_size(marker), markeredgecolor="white",
            markeredgewidth=style.PIN_EDGE, linestyle="none",
        )  # fmt: skip
        self._advance(text)

    def note(self, text: str, gap: float = 8.0) -> None:
        self.y -= gap
        lines = textwrap.wrap(text, WRAP + 12)
        self.axes.text(
            0, self.y, "\n".join(lines), fontsize=style.NOTE_SIZE, va="top", color=style.MUTED, linespacing=1.3, parse_math=False
        )
        self.y -= len(lines) * LINE

    def _advance(self, text: str) -> None:
        self.y -= ROW + (len(textwrap.wrap(text, WRAP)) - 1) * LINE


def draw_legend(
    axes: Axes,
    size: tuple[float, float],
    entries: list[StatusEntry],
    held: set[str],
    kinds: Iterable[str],
    year: int,
    spread: bool,
    outlined: str | None = None,
) -> None:
    """Draw the legend into ``axes`` (``size`` in pixels): statuses, the neighbours, the selection, the pins of ``year``."""
    panel = LegendPanel(axes, *size)
    panel.heading("Relationship with NATO")
    for entry in entries:
        panel.swatch(entry.label, entry.colour, present=entry.id in held, gid=f"legend-{entry.id}")
    panel.swatch(style.CONTEXT_LABEL, style.CONTEXT_FILL, hatched=True, gid="legend-context")
    if outlined:
        panel.swatch(outlined, "none", outline=True, gid="legend-selected")
    shown = [kind for kind in SYMBOLS if kind in set(kinds)]
    panel.heading(f"NATO presence during {year}", gap=18)
    if not shown:
        panel.note("No NATO site or operation in the region this year.", gap=0)
    for kind in shown:
        symbol = SYMBOLS[kind]
        panel.symbol(symbol.label, symbol.marker, symbol.colour)
    if spread:
        panel.note("Pins too close to tell apart are set around their place, with a thin line to it.", gap=14)
    if any(entry.id not in held for entry in entries):
        panel.note("Statuses in grey type are held by no country this year.", gap=10)
