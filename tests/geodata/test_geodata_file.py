"""The committed boundary file: intact, small, clean, and holding what its README says."""

from __future__ import annotations

import re
import time

import shapely
from shapely.geometry import Point

from geodata.check import MAX_BYTES, recorded_checksum, sha256
from geodata.quality import measure
from geodata.region import DATA_FILE, README, context_countries, modern_units, read_features

UNITS = {"ALB", "BGR", "BIH", "GRC", "HRV", "HUN", "MKD", "MNE", "ROU", "SRB", "SVN", "TUR", "XKX"}
CONTEXT = {"ctx-AUT", "ctx-CYP", "ctx-ITA", "ctx-MDA", "ctx-MLT", "ctx-SMR", "ctx-SVK", "ctx-UKR"}


def test_file_matches_the_checksum_in_its_readme():
    """Guards against an edit of the data that bypasses the build and its README."""
    assert recorded_checksum(README) == sha256(DATA_FILE)


def test_file_stays_under_the_size_budget():
    assert DATA_FILE.stat().st_size < MAX_BYTES == 200_000


def test_file_holds_the_units_and_context_countries():
    features = read_features()
    assert set(features["id"]) == UNITS | CONTEXT
    assert len(features) == len(UNITS | CONTEXT)
    assert list(features["id"]) == sorted(features["id"])
    assert set(modern_units()["unit"]) == UNITS
    assert set(context_countries()["id"]) == CONTEXT


def test_every_geometry_is_valid_and_the_set_is_one_clean_coverage():
    features = read_features()
    report = measure(list(features["id"]), list(features.geometry))
    assert report.ok, report.lines()
    assert not shapely.is_empty(features.geometry.values).any()
    assert set(shapely.get_type_id(features.geometry.values)) <= {3, 6}  # Polygon, MultiPolygon


def test_coordinates_have_at_most_three_decimals():
    """Guards the bytes Folium embeds: full-precision floats made the map 2.4 times larger."""
    numbers = re.findall(r"-?\d+\.(\d+)", DATA_FILE.read_text(encoding="utf-8"))
    assert numbers and max(len(decimals) for decimals in numbers) <= 3


def test_crimea_is_part_of_ukraine():
    """Natural Earth 4.x draws Crimea in Russia; the build returns it to Ukraine."""
    context = context_countries().set_index("id")
    simferopol, sevastopol, kerch = Point(34.10, 44.95), Point(33.52, 44.60), Point(36.47, 45.36)
    assert all(context.geometry["ctx-UKR"].contains(point) for point in (simferopol, sevastopol, kerch))


def test_cyprus_is_one_feature_for_the_whole_island():
    context = context_countries().set_index("id")
    nicosia, kyrenia, famagusta, limassol = Point(33.36, 35.17), Point(33.32, 35.33), Point(33.94, 35.12), Point(33.04, 34.71)
    assert all(context.geometry["ctx-CYP"].contains(point) for point in (nicosia, kyrenia, famagusta, limassol))
    assert context.loc["ctx-CYP", "name"] == "Cyprus"


def test_san_marino_fills_its_hole_in_italy():
    context = context_countries().set_index("id")
    italy, san_marino = context.geometry["ctx-ITA"], context.geometry["ctx-SMR"]
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(italy) for ring in part.interiors]
    assert len(holes) == 1
    assert holes[0].equals(san_marino)


def test_context_countries_have_names_and_no_unit_ids():
    context = context_countries()
    assert list(context.columns) == ["id", "name", "geometry"]
    assert context["name"].map(lambda name: isinstance(name, str) and bool(name)).all()
    assert not set(context["id"]) & UNITS
    assert context.crs.to_epsg() == 4326


def test_context_countries_returns_a_copy():
    first = context_countries()
    first.loc[0, "name"] = "changed"
    assert context_countries().loc[0, "name"] != "changed"


def test_reading_the_file_is_fast():
    started = time.perf_counter()
    read_features()
    assert time.perf_counter() - started < 0.5
