"""The units of a date, dissolved from the modern units by ownership chains and facts' lifespans."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import shapely

from geodata import DEFAULT_BOUNDS, units_for, units_geojson, units_on
from geodata.quality import measure
from geodata.region import modern_units
from geodata.units import PART_OF, owner, owners

ALWAYS = {"ALB", "BGR", "GRC", "HUN", "ROU", "TUR"}
# The unit sets of the break-up, written out here only to test the dissolution without facts/.
SFRY = ALWAYS | {"YUG"}
FRY = ALWAYS | {"SVN", "HRV", "BIH", "MKD", "SCG"}
SERBIA_WITH_KOSOVO = ALWAYS | {"SVN", "HRV", "BIH", "MKD", "MNE", "SRB"}
TODAY = SERBIA_WITH_KOSOVO | {"XKX"}
COMPOSITIONS = [SFRY, FRY, SERBIA_WITH_KOSOVO, TODAY]


def _modern() -> dict:
    pieces = modern_units()
    return dict(zip(pieces["unit"], pieces.geometry, strict=True))


def _area(geometry) -> float:
    import geopandas as gpd

    return float(gpd.GeoSeries([geometry], crs=4326).to_crs(3035).area.iloc[0])


def _days_since_1990():
    from facts import FIRST_YEAR, today

    day, last = dt.date(FIRST_YEAR, 1, 1), today()
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _compositions_of_facts() -> dict[frozenset, dt.date]:
    """Every distinct set of living units from 1990 to today, with the first day it holds."""
    from facts import alive_unit_ids

    found: dict[frozenset, dt.date] = {}
    for day in _days_since_1990():
        found.setdefault(frozenset(alive_unit_ids(day)), day)
    return found


# Chains ------------------------------------------------------------------------------------
def test_ownership_chains():
    assert owners("XKX") == ["XKX", "SRB", "SCG", "YUG"]
    assert owners("MNE") == ["MNE", "SCG", "YUG"]
    assert owners("SVN") == ["SVN", "YUG"]
    assert owners("GRC") == ["GRC"]
    assert owner("XKX", SERBIA_WITH_KOSOVO) == "SRB"
    assert owner("XKX", FRY) == "SCG"
    assert owner("XKX", SFRY) == "YUG"
    assert owner("XKX", TODAY) == "XKX"


def test_every_chain_ends_in_a_unit_of_the_file_or_a_historical_one():
    modern = set(_modern())
    assert set(PART_OF) <= modern | {"SCG"}
    assert set(PART_OF.values()) <= modern | {"SCG", "YUG"}


# Dissolution without facts -----------------------------------------------------------------
@pytest.mark.parametrize("alive", COMPOSITIONS, ids=["SFRY", "FRY", "Serbia-with-Kosovo", "today"])
def test_units_of_a_composition_tile_the_modern_land(alive):
    units = units_for(alive)
    assert list(units.columns) == ["unit", "geometry", "label_lon", "label_lat"]
    assert list(units["unit"]) == sorted(alive)
    assert units.crs.to_epsg() == 4326
    report = measure(list(units["unit"]), list(units.geometry))
    assert report.ok, report.lines()
    modern_land = shapely.union_all(list(_modern().values()))
    assert shapely.symmetric_difference(shapely.union_all(units.geometry.values), modern_land).area == pytest.approx(0, abs=1e-9)


@pytest.mark.parametrize("alive", COMPOSITIONS, ids=["SFRY", "FRY", "Serbia-with-Kosovo", "today"])
def test_each_union_has_the_area_of_its_members(alive):
    modern = _modern()
    for unit, geometry in zip(*units_for(alive)[["unit", "geometry"]].T.values, strict=True):
        members = [piece for piece in modern if owner(piece, set(alive)) == unit]
        assert _area(geometry) == pytest.approx(sum(_area(modern[piece]) for piece in members), rel=1e-9)


def test_sfry_is_the_mainland_and_croatian_islands_without_holes():
    """Guards the dissolution: a seam left between republics would show as a hole or a split."""
    yugoslavia = units_for(SFRY).set_index("unit").geometry["YUG"]
    parts = sorted(shapely.get_parts(yugoslavia), key=lambda part: part.area, reverse=True)
    assert all(len(part.interiors) == 0 for part in parts)
    mainland, islands = parts[0], parts[1:]
    assert all(
        mainland.contains(_modern()[unit].representative_point()) for unit in ("SVN", "HRV", "BIH", "SRB", "XKX", "MNE", "MKD")
    )
    croatia = _modern()["HRV"]
    assert islands and all(croatia.contains(island) for island in islands)


def test_serbia_holds_kosovo_between_montenegro_and_kosovo_independence():
    serbia = units_for(SERBIA_WITH_KOSOVO).set_index("unit").geometry["SRB"]
    assert serbia.contains(_modern()["XKX"])
    assert units_for(TODAY).set_index("unit").geometry["SRB"].equals(_modern()["SRB"])


def test_label_points_lie_inside_their_unit_and_the_default_view():
    (south, west), (north, east) = DEFAULT_BOUNDS
    for alive in COMPOSITIONS:
        for row in units_for(alive).itertuples():
            point = shapely.Point(row.label_lon, row.label_lat)
            assert row.geometry.contains(point), row.unit
            assert west < row.label_lon < east and south < row.label_lat < north, row.unit


def test_results_are_copies_of_the_cache():
    first = units_for(TODAY)
    first.loc[0, "unit"] = "changed"
    first.loc[1, "geometry"] = shapely.Point(0, 0)
    second = units_for(TODAY)
    assert "changed" not in set(second["unit"])
    assert second.geometry.iloc[1].geom_type != "Point"


def test_a_unit_without_land_is_an_error():
    with pytest.raises(ValueError, match="no land"):
        units_for(TODAY | {"ATLANTIS"})


def test_land_without_a_living_owner_is_an_error():
    with pytest.raises(ValueError, match="no unit alive"):
        units_for(ALWAYS | {"SVN", "HRV", "BIH", "MKD"})


def test_a_living_unit_whose_land_all_went_to_its_members_is_an_error():
    with pytest.raises(ValueError, match="own no land"):
        units_for(TODAY | {"SCG"})


# Dates, from facts -------------------------------------------------------------------------
def test_facts_give_only_compositions_that_dissolve_cleanly():
    """Every unit alive on any date from 1990 to today has exactly one valid geometry, the units
    of a date never overlap, and together they cover the same land as the modern units."""
    compositions = _compositions_of_facts()
    assert {frozenset(alive) for alive in COMPOSITIONS} == set(compositions)
    modern_land = shapely.union_all(list(_modern().values()))
    for alive, first_day in compositions.items():
        units = units_on(first_day)
        assert sorted(units["unit"]) == sorted(alive) and units["unit"].is_unique, first_day
        assert shapely.is_valid(units.geometry.values).all() and not shapely.is_empty(units.geometry.values).any()
        report = measure(list(units["unit"]), list(units.geometry))
        assert report.ok, (first_day, report.lines())
        union = shapely.union_all(units.geometry.values)
        assert shapely.symmetric_difference(union, modern_land).area == pytest.approx(0, abs=1e-9)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(1990, 12, 31), SFRY),
        (dt.date(1992, 4, 26), SFRY),
        (dt.date(1992, 4, 27), FRY),
        (dt.date(2000, 12, 31), FRY),
        (dt.date(2006, 6, 3), SERBIA_WITH_KOSOVO),
        (dt.date(2007, 12, 31), SERBIA_WITH_KOSOVO),
        (dt.date(2008, 2, 17), TODAY),
        (dt.date(2024, 12, 31), TODAY),
    ],
)
def test_units_on_a_day_follow_the_lifespans_in_facts(day, expected):
    assert set(units_on(day)["unit"]) == expected


def test_units_on_every_year_end_are_each_alive_unit_once():
    from facts import FIRST_YEAR, alive_unit_ids, today, year_day

    for year in range(FIRST_YEAR, today().year + 1):
        day = year_day(year)
        units = units_on(day)
        assert list(units["unit"]) == sorted(alive_unit_ids(day)), day


# GeoJSON for the map ---------------------------------------------------------------------------
def test_units_geojson_is_the_same_units_compact_and_rounded():
    day = dt.date(2007, 12, 31)
    text = units_geojson(day)
    collection = json.loads(text)
    units = units_on(day)
    assert collection["type"] == "FeatureCollection"
    assert [feature["properties"] for feature in collection["features"]] == [{"unit": unit} for unit in units["unit"]]
    for feature, geometry in zip(collection["features"], units.geometry, strict=True):
        assert shapely.geometry.shape(feature["geometry"]).equals_exact(geometry, tolerance=0)
    assert max(len(decimals) for decimals in re.findall(r"-?\d+\.(\d+)", text)) <= 3
    assert " " not in text and "\n" not in text
    assert units_geojson(day) is text  # cached, not rebuilt per call
