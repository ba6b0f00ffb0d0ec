"""The units of a moment, dissolved from the modern units by ownership chains; and with the facts' break-up."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from facts import FIRST_YEAR, Facts, today, year_day
from geodata import DEFAULT_BOUNDS, units_for
from geodata.quality import measure
from geodata.region import modern_units
from geodata.units import owner, owners

ALWAYS = {"ALB", "BGR", "GRC", "HUN", "ROU", "TUR"}
# The break-up, written out here only to test the dissolution on its own; the facts record it
# once (units' predecessors), and the tests at the end check that they say the same.
LAND_OWNERS = {"XKX": "SRB", "SRB": "SCG", "MNE": "SCG", "SCG": "YUG", "SVN": "YUG", "HRV": "YUG", "BIH": "YUG", "MKD": "YUG"}
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


def _compositions_of(facts: Facts) -> dict[frozenset, dt.date]:
    """Every distinct set of living units from 1990 to today, with the first day it holds."""
    found: dict[frozenset, dt.date] = {}
    day, last = dt.date(FIRST_YEAR, 1, 1), today()
    while day <= last:
        found.setdefault(frozenset(unit.id for unit in facts.units_alive(day)), day)
        day += dt.timedelta(days=1)
    return found


def _units_on(facts: Facts, day: dt.date):
    return units_for({unit.id for unit in facts.units_alive(day)}, facts.land_owners())


# Chains ------------------------------------------------------------------------------------
def test_ownership_chains():
    assert owners("XKX", LAND_OWNERS) == ["XKX", "SRB", "SCG", "YUG"]
    assert owners("MNE", LAND_OWNERS) == ["MNE", "SCG", "YUG"]
    assert owners("SVN", LAND_OWNERS) == ["SVN", "YUG"]
    assert owners("GRC", LAND_OWNERS) == ["GRC"]
    assert owner("XKX", SERBIA_WITH_KOSOVO, LAND_OWNERS) == "SRB"
    assert owner("XKX", FRY, LAND_OWNERS) == "SCG"
    assert owner("XKX", SFRY, LAND_OWNERS) == "YUG"
    assert owner("XKX", TODAY, LAND_OWNERS) == "XKX"


def test_a_cycle_of_owners_is_an_error():
    with pytest.raises(ValueError, match="cycle"):
        owners("SRB", {"SRB": "SCG", "SCG": "SRB"})


# Dissolution without facts -----------------------------------------------------------------
@pytest.mark.parametrize("alive", COMPOSITIONS, ids=["SFRY", "FRY", "Serbia-with-Kosovo", "today"])
def test_units_of_a_composition_tile_the_modern_land(alive):
    units = units_for(alive, LAND_OWNERS)
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
    for unit, geometry in zip(*units_for(alive, LAND_OWNERS)[["unit", "geometry"]].T.values, strict=True):
        members = [piece for piece in modern if owner(piece, set(alive), LAND_OWNERS) == unit]
        assert _area(geometry) == pytest.approx(sum(_area(modern[piece]) for piece in members), rel=1e-9)


def test_sfry_is_the_mainland_and_croatian_islands_without_holes():
    """Guards the dissolution: a seam left between republics would show as a hole or a split."""
    yugoslavia = units_for(SFRY, LAND_OWNERS).set_index("unit").geometry["YUG"]
    parts = sorted(shapely.get_parts(yugoslavia), key=lambda part: part.area, reverse=True)
    assert all(len(part.interiors) == 0 for part in parts)
    mainland, islands = parts[0], parts[1:]
    assert all(
        mainland.contains(_modern()[unit].representative_point()) for unit in ("SVN", "HRV", "BIH", "SRB", "XKX", "MNE", "MKD")
    )
    croatia = _modern()["HRV"]
    assert islands and all(croatia.contains(island) for island in islands)


def test_serbia_holds_kosovo_between_montenegro_and_kosovo_independence():
    serbia = units_for(SERBIA_WITH_KOSOVO, LAND_OWNERS).set_index("unit").geometry["SRB"]
    assert serbia.contains(_modern()["XKX"])
    assert units_for(TODAY, LAND_OWNERS).set_index("unit").geometry["SRB"].equals(_modern()["SRB"])


def test_label_points_lie_inside_their_unit_and_the_default_view():
    (south, west), (north, east) = DEFAULT_BOUNDS
    for alive in COMPOSITIONS:
        for row in units_for(alive, LAND_OWNERS).itertuples():
            point = shapely.Point(row.label_lon, row.label_lat)
            assert row.geometry.contains(point), row.unit
            assert west < row.label_lon < east and south < row.label_lat < north, row.unit


def test_results_are_copies_of_the_cache():
    first = units_for(TODAY, LAND_OWNERS)
    first.loc[0, "unit"] = "changed"
    first.loc[1, "geometry"] = shapely.Point(0, 0)
    second = units_for(TODAY, LAND_OWNERS)
    assert "changed" not in set(second["unit"])
    assert second.geometry.iloc[1].geom_type != "Point"


def test_a_unit_without_land_is_an_error():
    with pytest.raises(ValueError, match="no land"):
        units_for(TODAY | {"ATLANTIS"}, LAND_OWNERS)


def test_land_without_a_living_owner_is_an_error():
    with pytest.raises(ValueError, match="no unit alive"):
        units_for(ALWAYS | {"SVN", "HRV", "BIH", "MKD"}, LAND_OWNERS)


def test_a_living_unit_whose_land_all_went_to_its_members_is_an_error():
    with pytest.raises(ValueError, match="own no land"):
        units_for(TODAY | {"SCG"}, LAND_OWNERS)


# The break-up as the facts record it ----------------------------------------------------------
def test_the_facts_record_the_same_land_owners(facts):
    """Guards the one record of the break-up: the units' predecessors in facts/ give these chains."""
    assert facts.land_owners() == LAND_OWNERS


def test_facts_give_only_compositions_that_dissolve_cleanly(facts):
    """Every unit alive on any date from 1990 to today has exactly one valid geometry, the units
    of a date never overlap, and together they cover the same land as the modern units."""
    compositions = _compositions_of(facts)
    assert {frozenset(alive) for alive in COMPOSITIONS} == set(compositions)
    modern_land = shapely.union_all(list(_modern().values()))
    for alive, first_day in compositions.items():
        units = _units_on(facts, first_day)
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
        (dt.date(2006, 6, 2), FRY),
        (dt.date(2006, 6, 3), SERBIA_WITH_KOSOVO),
        (dt.date(2007, 12, 31), SERBIA_WITH_KOSOVO),
        (dt.date(2008, 2, 16), SERBIA_WITH_KOSOVO),
        (dt.date(2008, 2, 17), TODAY),
        (dt.date(2024, 12, 31), TODAY),
    ],
)
def test_units_on_a_day_follow_the_lifespans_in_facts(facts, day, expected):
    assert set(_units_on(facts, day)["unit"]) == expected


def test_units_on_every_year_end_are_each_alive_unit_once(facts):
    for year in range(FIRST_YEAR, today().year + 1):
        day = year_day(year)
        units = _units_on(facts, day)
        assert list(units["unit"]) == sorted(unit.id for unit in facts.units_alive(day)), day
