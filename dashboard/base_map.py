"""The part of the map that never changes: a Leaflet map with local assets that hands itself to ``atlas.js``.

It is built identically on every run, so streamlit-folium keeps the same frame and never
remounts the map: everything that depends on the year arrives through the year layer
(``year_layer.py``) and the table ``atlas.js`` loads once. No tiles by default: the atlas works
offline.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement

from dashboard.static_files import MapAssets
from dashboard.templating import ENVIRONMENT

MAP_HEIGHT = 540
Bounds = tuple[tuple[float, float], tuple[float, float]]


class AtlasInit(MacroElement):
    """Calls ``atlas.init(map, config)`` once the map exists (template: ``templates/atlas_init.js``)."""

    _template = ENVIRONMENT.get_template("atlas_init.js")

    def __init__(self, config: dict[str, Any]):
        super().__init__()
        self.config = config


def map_config(assets: MapAssets, bounds: Bounds, current_year: int) -> dict[str, Any]:
    """What ``atlas.init`` needs: where the shapes and the year table are, the default view, the last year."""
    (south, west), (north, east) = bounds
    return {
        "shapes": assets.shapes,
        "table": assets.table,
        "bounds": [[south, west], [north, east]],
        "currentYear": current_year,
        "title": "Map: NATO status of the Balkan countries in the chosen year, with NATO's presence",
    }


def build_base_map(assets: MapAssets, bounds: Bounds, current_year: int, tiles: str | None = None) -> folium.Map:
    """The map that never changes: view, local Leaflet and atlas assets, and the call into ``atlas.js``.

    Parameters
    ----------
    assets
        Local URLs of Leaflet, jQuery (which folium's templates expect), ``atlas.js`` and its data.
    bounds
        ((south, west), (north, east)) of the default view, also the target of "Reset view".
    current_year
        The last year of the slider: its statuses are those of today.
    tiles
        ``"openstreetmap"`` adds faint OpenStreetMap tiles with their attribution (they need the
        network); None draws no tiles.
    """
    (south, west), (north, east) = bounds
    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=6,
        tiles=None,
        min_zoom=4,
        max_zoom=11,
        control_scale=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    # folium lists CDN links for Leaflet; the atlas serves its own copies (and atlas.js after them).
    fmap.default_js = [("leaflet", assets.leaflet_js), ("jquery", assets.jquery_js), ("atlas", assets.atlas_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css), ("atlas_css", assets.atlas_css)]
    if tiles == "openstreetmap":
        folium.TileLayer(
            "OpenStreetMap",
            attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
            opacity=0.35,
        ).add_to(fmap)
    fmap.add_child(AtlasInit(map_config(assets, bounds, current_year)))
    return fmap
