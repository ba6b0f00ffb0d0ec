"""The picture's look in one place: canvas, colours that are not statuses, type sizes, matplotlib settings.

The sea and the neighbours' hatching match the web map (``map_builder.SEA``, ``atlas.js``'s
hatch pattern), so a downloaded picture looks like the screen it came from.
"""

from __future__ import annotations

# Canvas: 11.6 x 8.667 inches at 150 dpi is 1740 x 1300 pixels.
WIDTH_PX, HEIGHT_PX, DPI = 1740, 1300, 150
MARGIN = 34  # pixels around everything
HEADER = 118  # pixels above the map: title and subtitle
FOOTER = 118  # pixels below the map: the Kosovo note and the source line
LEGEND_WIDTH = 470  # pixels of the legend panel right of the map
GAP = 30  # pixels between the map and the legend

SEA = "#dce8f0"
CONTEXT_FILL = "#e9e9e6"  # the neighbours: light grey ground...
HATCH_COLOUR = "#c4c4be"  # ...with darker diagonal lines, a texture no status colour has
HATCH = "///"
HATCH_WIDTH = 1.1
CONTEXT_LABEL = "Other countries (not covered)"
BORDER = "#ffffff"
SELECTED = "#1a1a1a"
TEXT = "#1a1a1a"
MUTED = "#6b6b6b"
FRAME = "#9aa5ad"
SWATCH_EDGE = "#8c8c8c"
HALO = "#ffffff"

FONT = "DejaVu Sans"
TITLE_SIZE = 21
SUBTITLE_SIZE = 11.5
HEADING_SIZE = 12
LEGEND_SIZE = 10.5
NOTE_SIZE = 9
LABEL_SIZE = 10.5
SMALL_LABEL_SIZE = 9
FOOTER_SIZE = 9.5

PIN_SIZE = 8.5  # points: a marker about 18 pixels across at 150 dpi
PIN_EDGE = 1.3
# Matplotlib's markers of one size do not look alike in size (its star is thin, its diamond
# large); these factors even them out, on the map and in the legend alike.
MARKER_SCALE = {"*": 1.55, "h": 1.1, "D": 0.85, "v": 1.05, "^": 1.05, "s": 0.95, "o": 1.0}
LEADER = "#3a3a3a"

# Settings in force while a picture is built and saved (matplotlib reads some only when saving):
# a fixed font, text kept as text in SVG, SVG ids from a fixed salt so the same picture gives the
# same bytes, and no timestamps.
RC = {
    "font.family": FONT,
    "font.sans-serif": [FONT],
    "svg.fonttype": "none",
    "svg.hashsalt": "nato-balkans-atlas",
    "path.simplify": True,
    "axes.unicode_minus": False,
}
# No timestamp and no software version in the files: the same picture gives the same bytes.
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}


def marker_size(marker: str) -> float:
    """The matplotlib markersize (points) at which ``marker`` looks as large as the others."""
    return PIN_SIZE * MARKER_SCALE.get(marker, 1.0)


def line_pixels(size: float, spacing: float) -> float:
    """The height in pixels of one line of text of ``size`` points at ``spacing``."""
    return size * DPI / 72 * spacing * 1.17  # DejaVu's line is 1.17 em before spacing
