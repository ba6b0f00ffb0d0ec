"""One symbol per kind of NATO site: its legend label, shape and colour, as SVG and as a matplotlib marker.

The map (through ``atlas.js``), the legend and the picture export all take their pins from this
table, so a kind drawn on the map is always explained in the legend and looks the same in a PNG.
Shape is the first channel (it survives colour blindness and grey-scale printing), colour the
second; every symbol has a white outline so it stands out on any status colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.templating import render


@dataclass(frozen=True)
class Symbol:
    """How one kind of site is drawn."""

    kind: str
    label: str  # in the legend and in each pin's accessible name
    shape: str  # a shape of templates/pin.svg
    colour: str
    marker: str  # the matplotlib marker of the same shape

    def svg(self, size: int = 18) -> str:
        """The symbol as inline SVG (no text from the data: safe to insert as markup)."""
        return render("pin.svg", symbol=self, size=size)


SYMBOLS: dict[str, Symbol] = {
    symbol.kind: symbol
    for symbol in (
        Symbol("headquarters", "NATO headquarters", "square", "#1f4e9c", "s"),
        Symbol("office", "NATO liaison or advisory office", "circle", "#6b3fa0", "o"),
        Symbol("base", "Base or facility used by Allies", "triangle", "#2e6b30", "^"),
        Symbol("forces", "Multinational forces (battlegroup, brigade)", "hexagon", "#8a1c4a", "h"),
        Symbol("operation", "NATO-led operation on land", "diamond", "#c2410c", "D"),
        Symbol("air_operation", "NATO air operation", "star", "#a16207", "*"),
        Symbol("maritime_operation", "NATO maritime operation", "triangle-down", "#0e6e8e", "v"),
    )
}
