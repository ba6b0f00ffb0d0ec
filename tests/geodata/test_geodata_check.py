"""``python -m geodata check``: reports the figures and fails on any defect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import shapely
from shapely.geometry import box

from geodata.build.geojson import feature_collection
from geodata.check import run, sha256

ROOT = Path(__file__).resolve().parents[2]


def _write(folder: Path, geometries, checksum: str | None = None) -> Path:
    path = folder / "region.geojson"
    features = [({"id": f"U{i}", "role": "unit"}, geometry) for i, geometry in enumerate(geometries)]
    path.write_text(feature_collection(features, one_per_line=True) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(f"- **SHA-256**: `{checksum or sha256(path)}`\n", encoding="utf-8")
    return path


def test_check_of_the_committed_file_passes_and_prints_its_figures():
    result = subprocess.run([sys.executable, "-m", "geodata", "check"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for expected in (
        "features: 21",
        "bytes:",
        "matches README",
        "valid: all",
        "gaps: 0.000000 km²",
        "overlaps: 0.000000 km²",
        "OK",
    ):
        assert expected in result.stdout


def test_check_passes_a_clean_coverage(tmp_path):
    assert run(_write(tmp_path, [box(20, 40, 21, 41), box(21, 40, 22, 41)]), tmp_path / "README.md") == 0


def test_check_fails_on_an_overlap(tmp_path, capsys):
    assert run(_write(tmp_path, [box(20, 40, 21, 41), box(20.5, 40, 22, 41)]), tmp_path / "README.md") == 1
    assert "overlaps: 0.000000" not in capsys.readouterr().out


def test_check_fails_on_a_gap(tmp_path, capsys):
    ring = box(20, 40, 23, 43).difference(box(21, 41, 22, 42))
    assert run(_write(tmp_path, [ring]), tmp_path / "README.md") == 1
    assert "gaps: 0.000000" not in capsys.readouterr().out


def test_check_fails_on_an_invalid_geometry(tmp_path, capsys):
    bow_tie = shapely.Polygon([(20, 40), (21, 41), (21, 40), (20, 41), (20, 40)])
    assert not bow_tie.is_valid
    assert run(_write(tmp_path, [bow_tie]), tmp_path / "README.md") == 1
    assert "valid: NO" in capsys.readouterr().out


def test_check_fails_when_the_checksum_differs(tmp_path):
    path = _write(tmp_path, [box(20, 40, 21, 41)], checksum="0" * 64)
    assert run(path, tmp_path / "README.md") == 1
