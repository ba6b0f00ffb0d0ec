"""The map as an object and as rendered HTML: colours per year, pins per year, escaping, assets."""

from __future__ import annotations

import re

from streamlit_folium import _get_feature_group_string, _get_map_string, generate_js_hash

from dashboard import static_assets
from dashboard.map_builder import build_base_map, build_year_layer, pin_for, year_state
from facts import today
from geodata import DEFAULT_BOUNDS
from tests.dashboard.conftest import PAYLOAD


def _base(facts):
    return build_base_map(
        facts,
        "/app/static/geo/shapes.geojson",
        DEFAULT_BOUNDS,
        leaflet_js=static_assets.vendor_url("leaflet.js"),
        leaflet_css=static_assets.vendor_url("leaflet.css"),
        jquery_js=static_assets.vendor_url("jquery.js"),
    )


def _colours(facts, year):
    state = year_state(facts, year)
    return {shape["unit"]: shape["colour"] for shape in state["shapes"].values()}


def test_each_unit_is_coloured_by_its_status(facts):
    colour = {entry.id: entry.colour for entry in facts.legend}
    assert _colours(facts, 1990) == {
        "ALB": colour["none"],
        "BGR": colour["warsaw_pact"],
        "GRC": colour["member"],
        "HUN": colour["warsaw_pact"],
        "ROU": colour["warsaw_pact"],
        "TUR": colour["member"],
        "YUG": colour["none"],
    }
    in_2008 = _colours(facts, 2008)
    assert in_2008["ALB"] == in_2008["HRV"] == colour["accession"]
    assert in_2008["SRB"] == colour["partner"]
    assert in_2008["XKX"] == colour["none"]
    assert in_2008["MNE"] == in_2008["BIH"] == colour["intensified_dialogue"]
    assert in_2008["MKD"] == colour["map"]
    assert _colours(facts, 2017)["MNE"] == colour["member"]
    assert _colours(facts, 2015)["MNE"] == colour["accession"]


def test_each_year_shows_the_borders_of_that_year(facts):
    assert "YUG" in _colours(facts, 1991) and "SCG" not in _colours(facts, 1991)
    assert {"SCG", "SVN", "HRV", "BIH", "MKD"} <= set(_colours(facts, 2000))
    in_2007 = year_state(facts, 2007)["shapes"]
    in_2024 = year_state(facts, 2024)["shapes"]
    serbia_2007 = next(k for k, v in in_2007.items() if v["unit"] == "SRB")
    serbia_2024 = next(k for k, v in in_2024.items() if v["unit"] == "SRB")
    assert serbia_2007 != serbia_2024, "Serbia's shape includes Kosovo in 2007, not in 2024"
    assert "XKX" not in _colours(facts, 2007) and "XKX" in _colours(facts, 2024)


def _pins(facts, year):
    return {pin["id"] for pin in year_state(facts, year)["pins"]}


def test_pins_of_1998_2005_and_2020(facts):
    pins_1998 = _pins(facts, 1998)
    assert "op-sfor" in pins_1998
    assert not {"op-kfor", "kfor-hq-film-city", "nhq-sarajevo", "mlo-belgrade", "op-ifor"} & pins_1998
    pins_2005 = _pins(facts, 2005)
    assert {"op-kfor", "kfor-hq-film-city", "camp-bondsteel", "nhq-sarajevo", "nlo-skopje"} <= pins_2005
    assert not {"op-sfor", "mlo-belgrade", "op-allied-force"} & pins_2005
    pins_2020 = _pins(facts, 2020)
    assert {"op-kfor", "nhq-sarajevo", "mlo-belgrade", "nlo-skopje", "camp-bondsteel"} <= pins_2020
    assert not {"op-sfor", "op-amber-fox"} & pins_2020
    assert "nlo-skopje" not in _pins(facts, 2022), "the Liaison Office Skopje closed in 2021"


def test_pins_use_the_name_of_the_year(facts):
    skopje = next(site for site in facts.sites if site.id == "nlo-skopje")
    assert "NATO Headquarters Skopje" in pin_for(skopje, 2005).popup
    assert "NATO Liaison Office Skopje" in pin_for(skopje, 2015).popup


def test_every_pin_popup_shows_dates_role_and_source(facts):
    for year in (1995, 1999, 2001, 2008, 2024):
        for site in facts.sites_active(year):
            popup = pin_for(site, year).popup
            assert site.sources[0].url.replace("&", "&amp;") in popup
            assert "Sources:" in popup and site.start.human() in popup


def test_hostile_strings_are_escaped_in_tooltips_and_popups(hostile_facts):
    state = year_state(hostile_facts, 2008, selected="MNE")
    texts = [shape["tip"] for shape in state["shapes"].values()] + [pin["popup"] for pin in state["pins"]]
    texts += [pin["tip"] for pin in state["pins"]]
    joined = " ".join(texts)
    assert "&lt;img src=x onerror=alert(1)&gt;" in joined
    assert PAYLOAD not in joined
    rendered = _get_map_string_for_layer(hostile_facts)
    assert "<img" not in rendered and "onerror=alert(1)" in rendered.replace("\\u003c", "<")


def _get_map_string_for_layer(facts) -> str:
    layer = build_year_layer(facts, 2008, "MNE")
    fmap = _base(facts)
    layer.add_to(fmap)
    return fmap.get_root().render()


def test_the_base_map_loads_nothing_from_a_cdn(facts):
    html = _base(facts).get_root().render()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources, "folium should reference Leaflet"
    assert all(source.startswith("/app/static/") for source in sources), sources
    assert "cdn" not in html.lower()


def test_the_base_map_is_identical_on_every_run(facts):
    """Guards against remounting: streamlit-folium keys the iframe on the base map's script."""
    hashes = {generate_js_hash(_get_map_string(_base(facts)), "atlas_map") for _ in range(3)}
    assert len(hashes) == 1


def test_a_year_layer_carries_no_geometry(facts):
    """Guards the per-year payload: a year change sends colours and pins, never boundaries."""
    for year in (1990, 2008, today().year):
        script = _get_feature_group_string(build_year_layer(facts, year, "MNE"), _base(facts))
        assert "window.atlas.apply(" in script
        assert '"coordinates"' not in script
        assert len(script.encode()) < 20_000, len(script)


def test_template_syntax_in_the_facts_is_never_evaluated(data_copy):
    """Regression: branca compiled rendered scripts as Jinja templates, so ``{{ 7*7 }}`` became 49."""
    import yaml

    from facts import validate

    path = data_copy / "units" / "MNE.yaml"
    unit = yaml.safe_load(path.read_text(encoding="utf-8"))
    unit["names"][0]["name"] = "Montenegro {{ 7*7 }} {% if x %}"
    path.write_text(yaml.safe_dump(unit, allow_unicode=True, sort_keys=False), encoding="utf-8")
    hostile, problems = validate(data_copy)
    assert not problems
    fmap = _base(hostile)
    build_year_layer(hostile, 2008, "MNE").add_to(fmap)
    html = fmap.get_root().render()
    assert "Montenegro {{ 7*7 }} {% if x %}" in html
    assert "Montenegro 49" not in html
    script = _get_feature_group_string(build_year_layer(hostile, 2008, "MNE"), _base(hostile))
    assert "Montenegro {{ 7*7 }}" in script
