"""The year layer: the small FeatureGroup streamlit-folium adds to the mounted map on every run.

It carries no geometry, colour or text, only the view: the year, the selected country and the
year it is compared with. ``atlas.js`` already holds the whole table and restyles the map in
place (working out itself which countries changed since the compared year).
"""

from __future__ import annotations

import folium
from branca.element import MacroElement

from dashboard.templating import ENVIRONMENT


class SetYear(MacroElement):
    """Calls ``atlas.setYear(year, view)`` (template: ``templates/year_layer.js``)."""

    _template = ENVIRONMENT.get_template("year_layer.js")

    def __init__(self, year: int, view: dict[str, object]):
        super().__init__()
        self.year = year
        self.view = view


def build_year_layer(year: int, selected: str | None = None, compare: int | None = None) -> folium.FeatureGroup:
    """The FeatureGroup that tells the map its year, its selected unit and the year it is compared with."""
    group = folium.FeatureGroup(name="Year", control=False)
    group.add_child(SetYear(year, {"selected": selected, "compare": compare}))
    return group
