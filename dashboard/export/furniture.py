"""Everything around the map: title and subtitle above it, the Kosovo note and the source line below.

Kept apart from the map so the words can change without touching the drawing; all of them are
plain text in the SVG (no path effects), where a reader can select and search them.
"""

from __future__ import annotations

import math
import textwrap

from matplotlib.figure import Figure
from matplotlib.text import Text

from dashboard.export import style, texts
from facts import Facts, today, year_day


def _text(figure: Figure, x: float, y: float, words: str, gid: str, **look) -> Text:
    look = {"fontsize": style.FOOTER_SIZE, "color": style.TEXT, "va": "top"} | look
    return figure.text(x / style.WIDTH_PX, y / style.HEIGHT_PX, words, parse_math=False, gid=gid, **look)


def wrap_to(text: Text, width: float) -> None:
    """Break a text into lines that fit ``width`` pixels, measured with the font it is drawn in."""
    measured = text.get_window_extent(text.figure.canvas.get_renderer()).width
    if measured > width:
        # Lines of about equal length read better than a full line and an orphan word.
        lines = math.ceil(measured / width)
        characters = math.ceil(len(text.get_text()) / lines) + 4
        text.set_text("\n".join(textwrap.wrap(text.get_text(), characters)))
        text.set_linespacing(1.3)


def draw_furniture(figure: Figure, facts: Facts, year: int, url: str) -> None:
    """Title and subtitle in the header band; the Kosovo note (from 1999) and the source line in the footer."""
    top = style.HEIGHT_PX - style.MARGIN
    _text(figure, style.MARGIN, top, texts.title(year), "title", fontsize=style.TITLE_SIZE, fontweight="bold")
    subtitle = (
        "Each country in the colour of its relationship with NATO, on the borders of the time. "
        f"Pins: NATO's presence during {year}{' so far' if year == today().year else ''}."
    )
    wrap_to(
        _text(figure, style.MARGIN, top - 50, subtitle, "subtitle", fontsize=style.SUBTITLE_SIZE),
        style.WIDTH_PX - 2 * style.MARGIN,
    )
    note = texts.kosovo_note(facts, year)
    if note:
        wrap_to(_text(figure, style.MARGIN, 54, note, "kosovo-note", va="bottom"), style.WIDTH_PX - 2 * style.MARGIN)
    _text(figure, style.MARGIN, 20, texts.source_line(url), "source", va="bottom", color=style.MUTED)


def selection(facts: Facts, year: int, selected: str | None) -> tuple[set[str], str | None]:
    """The units to outline for a selected country, and the legend's words for the outline.

    Where the country did not exist that year, the units that held its land are outlined, as the
    web map does ("Montenegro in 1995" outlines the Federal Republic of Yugoslavia).
    """
    if selected is None:
        return set(), None
    if selected not in facts.units:
        raise ValueError(f"unknown country {selected!r}: use one of {', '.join(sorted(facts.units))}")
    day = year_day(year)
    unit = facts.units[selected]
    shown = facts.neighbours_in_time(selected, day)
    if shown == [unit]:
        return {selected}, f"Selected: {unit.short_name_on(day)}"
    holders = " and ".join(other.short_name_on(day) for other in shown)
    return {other.id for other in shown}, f"Selected: {unit.short_name_on(day)}, whose land is drawn within {holders} in {year}"
