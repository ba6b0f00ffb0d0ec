"""The map as folium objects and rendered strings: local assets only, a base that never changes, a tiny year layer."""

from __future__ import annotations

import json
import re

import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from dashboard.base_map import build_base_map
from dashboard.map_view import view_marker
from dashboard.static_files import MapAssets
from dashboard.year_layer import build_year_layer
from geodata import DEFAULT_BOUNDS

ASSETS = MapAssets(
    leaflet_js="/app/static/generated/leaflet/leaflet.js",
    leaflet_css="/app/static/generated/leaflet/leaflet.css",
    jquery_js="/app/static/generated/jquery/jquery.min.js",
    atlas_js="/app/static/atlas.js?v=1",
    atlas_css="/app/static/atlas.css?v=1",
    shapes="/app/static/generated/shapes-abc.geojson",
    table="/app/static/generated/atlas-def.json",
    year_tables={2008: "/app/static/generated/tables/nato-balkans-statuses-2008-0.csv"},
)


def _base(tiles=None):
    return build_base_map(ASSETS, DEFAULT_BOUNDS, 2026, tiles=tiles)


def test_the_base_map_loads_nothing_from_a_cdn():
    html = _base().get_root().render()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources, "the map should reference Leaflet"
    assert all(source.startswith("/app/static/") for source in sources), sources
    assert "cdn" not in html.lower() and "http" not in " ".join(sources)


def test_the_base_map_hands_its_data_urls_to_atlas_js():
    script = _get_map_string(_base())
    call = re.search(r"window\.atlas\.init\((map_\w+), (\{.*\})\);", script)
    assert call, script
    config = json.loads(call.group(2))
    assert config["shapes"] == ASSETS.shapes and config["table"] == ASSETS.table
    assert config["bounds"] == [[DEFAULT_BOUNDS[0][0], DEFAULT_BOUNDS[0][1]], [DEFAULT_BOUNDS[1][0], DEFAULT_BOUNDS[1][1]]]
    assert config["currentYear"] == 2026


def test_the_base_map_is_identical_on_every_run():
    """Guards against remounting: streamlit-folium keys the iframe on the base map's script."""
    assert len({generate_js_hash(_get_map_string(_base()), "atlas_map", False) for _ in range(3)}) == 1


@pytest.mark.parametrize(("year", "selected", "compare"), [(1990, None, None), (2008, "MNE", None), (2009, None, 1999)])
def test_the_year_layer_carries_only_the_view(year, selected, compare):
    """Guards the per-year payload: the year and the selection, never geometry, colours or texts."""
    script = _get_feature_group_string(build_year_layer(year, selected, compare), _base())
    call = re.search(r"window\.atlas\.setYear\((\d+), (\{.*?\})\);", script)
    assert call, script
    assert int(call.group(1)) == year
    assert json.loads(call.group(2)) == {"selected": selected, "compare": compare}
    assert '"coordinates"' not in script and "#" not in call.group(2)
    assert len(script.encode()) < 1_000, len(script)


def test_a_hostile_selection_cannot_close_the_script():
    """tojson escapes <, > and & for <script>: a value can never end the script element."""
    script = _get_feature_group_string(build_year_layer(2008, "</script><script>alert(1)</script>"), _base())
    assert "</script>" not in script and "\\u003c/script\\u003e" in script


def test_openstreetmap_tiles_only_on_request():
    assert "tile.openstreetmap.org" not in _base().get_root().render()
    assert "tile.openstreetmap.org" in _base(tiles="openstreetmap").get_root().render()


def test_the_view_marker_tells_the_map_the_confirmed_view():
    """Guards the fragment's message to atlas.js: year, selection and comparison as JSON, hidden."""
    marker = view_marker(2009, "ALB", 1999)
    assert marker == '<div class="atlas-view" hidden>{"compare": 1999, "selected": "ALB", "year": 2009}</div>'
    assert json.loads(re.search(r">(.*)<", view_marker(2026, None, None)).group(1)) == {
        "year": 2026,
        "selected": None,
        "compare": None,
    }
    assert "<b>" not in view_marker(2008, "<b>", None) and "\\u003cb\\u003e" in view_marker(2008, "<b>", None)
