"""The year table the browser holds: statuses, names, shapes and pins of every year, as the facts say."""

from __future__ import annotations

import pytest

from dashboard.colours import contrast
from dashboard.shapes import build_catalogue
from dashboard.year_table import year_table
from facts import FIRST_YEAR, today


@pytest.fixture(scope="module")
def catalogue(facts):
    return build_catalogue(facts)


@pytest.fixture(scope="module")
def table(facts, catalogue):
    return year_table(facts, catalogue)


def _units(table, year):
    return {shape["unit"]: shape for shape in table["years"][str(year)]["shapes"]}


def test_every_year_from_1990_to_today_is_in_the_table(table):
    assert table["first"] == FIRST_YEAR and table["last"] == today().year
    assert list(table["years"]) == [str(year) for year in range(FIRST_YEAR, today().year + 1)]


@pytest.mark.parametrize(
    ("year", "unit", "status", "since"),
    [
        (1990, "ROU", "warsaw_pact", None),
        (1990, "GRC", "member", "18 February 1952"),
        (1990, "YUG", "none", None),
        (2008, "MNE", "intensified_dialogue", "3 April 2008"),
        (2008, "ALB", "accession", "3 April 2008"),
        (2008, "SRB", "partner", "14 December 2006"),
        (2016, "MNE", "accession", "2 December 2015"),
        (2017, "MNE", "member", "5 June 2017"),
        (2019, "MKD", "accession", "11 July 2018"),
        (2020, "MKD", "member", "27 March 2020"),
        (2024, "BIH", "map", "23 December 2019"),
        (2024, "XKX", "none", None),
    ],
)
def test_key_statuses_and_dates_reach_the_browser(table, year, unit, status, since):
    """Guards the data the map paints: a changed status or date of these facts fails here."""
    record = _units(table, year)[unit]
    assert (record["status"], record["since"]) == (status, since)


def test_each_year_has_the_units_and_borders_of_that_year(table):
    assert set(_units(table, 1991)) >= {"YUG"} and "SCG" not in _units(table, 1991)
    assert {"SCG", "SVN", "HRV", "BIH", "MKD"} <= set(_units(table, 2000))
    assert "XKX" not in _units(table, 2007) and "XKX" in _units(table, 2024)
    assert _units(table, 2007)["SRB"]["shape"] != _units(table, 2024)["SRB"]["shape"], "Serbia with and without Kosovo"


def test_names_of_the_year_and_map_labels(table):
    assert _units(table, 1990)["YUG"]["label"] == "Yugoslavia"
    assert _units(table, 2000)["SCG"]["name"] == "Federal Republic of Yugoslavia"
    assert _units(table, 2005)["SCG"]["label"] == "Serbia and Montenegro"
    assert _units(table, 2010)["MKD"]["label"] == "FYR Macedonia"
    assert _units(table, 2020)["MKD"]["label"] == "North Macedonia"
    assert _units(table, 2024)["XKX"]["label"] == "Kosovo"


def test_every_shape_named_in_a_year_exists_once_in_the_catalogue(table, catalogue):
    shape_ids = [feature["id"] for feature in catalogue.features]
    assert len(shape_ids) == len(set(shape_ids))
    for entry in table["years"].values():
        assert {record["shape"] for record in entry["shapes"]} <= set(shape_ids)


def test_pins_are_the_sites_active_that_year(facts, table):
    for year in (1995, 1998, 1999, 2005, 2012, 2024):
        assert [pin[0] for pin in table["years"][str(year)]["pins"]] == [site.id for site in facts.sites_active(year)]
    pins_2005 = dict(table["years"]["2005"]["pins"])
    assert pins_2005["nhq-skopje"] == "NATO Headquarters Skopje"
    assert "op-sfor" not in pins_2005 and "nlo-skopje" not in pins_2005


def test_every_site_has_its_details_and_sources(facts, table):
    for site in facts.sites:
        entry = table["sites"][site.id]
        assert entry["kind"] in table["kinds"]
        assert [source["url"] for source in entry["sources"]] == [source.url for source in site.sources]
        assert entry["role"] == site.role


def test_status_text_colours_are_legible_on_their_fill(table):
    for status in table["statuses"].values():
        assert contrast(status["text"], status["colour"]) >= 4.5, status
