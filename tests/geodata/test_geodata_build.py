"""The build: its mapping of source features, its simplification, and a full rebuild when the
npm tarball is at hand (set GEODATA_TARBALL to its path; nothing is downloaded by the tests)."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geodata.build import source
from geodata.build.rebuild import build, simplify
from geodata.check import sha256
from geodata.quality import measure
from geodata.region import DATA_FILE


def test_every_kept_feature_has_one_id_and_every_source_feature_one_owner():
    ids = [keep.id for keep in source.KEEP]
    parts = [part for keep in source.KEEP for part in keep.parts]
    assert len(ids) == len(set(ids))
    assert len(parts) == len(set(parts))
    assert all(keep.name is None for keep in source.UNITS)
    assert all(keep.name and keep.id.startswith("ctx-") for keep in source.CONTEXT)


def test_units_of_the_file_and_of_the_facts_agree(facts):
    """Every unit of the facts is drawn in the file or owns land only through its successors."""
    drawn = {keep.id for keep in source.UNITS}
    owners = facts.land_owners()
    historical = {unit.id for unit in facts.units.values() if unit.id not in drawn}
    assert set(facts.units) == drawn | historical
    assert historical <= set(owners.values()), "a historical unit that no modern unit's land belonged to"
    assert set(owners) <= set(facts.units)


def test_kosovo_and_the_short_names_are_mapped_explicitly():
    parts = {keep.id: keep.parts for keep in source.KEEP}
    assert parts["XKX"] == ((None, "Kosovo"),)
    assert parts["MKD"] == (("807", "Macedonia"),)
    assert parts["BIH"] == (("070", "Bosnia and Herz."),)
    assert parts["TUR"] == (("792", "Turkey"),)
    assert len(parts["ctx-CYP"]) == 5


def _zigzag_pair():
    """Two neighbours whose shared border has many small teeth, in lon/lat."""
    teeth = [(21 + (i % 2) * 0.004, 40 + i * 0.01) for i in range(101)]
    west = shapely.Polygon([(20, 40), *teeth, (20, 41)])
    east = shapely.Polygon([(22, 40), (22, 41), *reversed(teeth)])
    return gpd.GeoDataFrame({"id": ["W", "E"], "role": ["unit", "unit"], "name": [None, None]}, geometry=[west, east], crs=4326)


def test_simplify_keeps_shared_borders_shared_and_rounds():
    """Guards against simplifying country by country, which opened gaps and overlaps."""
    original = _zigzag_pair()
    simplified = simplify(original)
    report = measure(list(simplified["id"]), list(simplified.geometry))
    assert report.ok, report.lines()
    assert (
        shapely.get_num_coordinates(simplified.geometry.values).sum()
        < shapely.get_num_coordinates(original.geometry.values).sum()
    )
    coordinates = shapely.get_coordinates(simplified.geometry.values)
    assert np.array_equal(coordinates, np.round(coordinates, 3))


@pytest.mark.skipif(not os.environ.get("GEODATA_TARBALL"), reason="set GEODATA_TARBALL to world-atlas-2.0.2.tgz")
def test_rebuild_from_the_tarball_gives_the_committed_bytes(tmp_path):
    out = tmp_path / "region.geojson"
    build(Path(os.environ["GEODATA_TARBALL"]), out)
    assert sha256(out) == sha256(DATA_FILE)


def test_build_refuses_another_tarball(tmp_path):
    fake = tmp_path / "world-atlas-2.0.2.tgz"
    fake.write_bytes(b"not the package")
    with pytest.raises(ValueError, match="is not world-atlas@2.0.2"):
        build(fake, tmp_path / "out.geojson")
    assert not (tmp_path / "out.geojson").exists()
