"""The CSV exports: headers and rows as the issue specifies."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from facts import FIRST_YEAR, today

ROOT = Path(__file__).resolve().parents[2]


def _export(table: str) -> list[dict[str, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "facts", "export", table], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_statuses_export_has_one_row_per_alive_unit_and_year(facts):
    rows = _export("statuses")
    assert list(rows[0]) == ["unit", "year", "status"]
    years = {int(row["year"]) for row in rows}
    assert years == set(range(FIRST_YEAR, today().year + 1))
    pairs = [(row["unit"], row["year"]) for row in rows]
    assert len(pairs) == len(set(pairs))
    assert ("YUG", "1991") in pairs and ("YUG", "1992") not in pairs
    assert ("XKX", "2007") not in pairs and ("XKX", "2008") in pairs
    assert {"unit": "MNE", "year": "2017", "status": "member"} in rows


def test_milestones_export():
    rows = _export("milestones")
    assert list(rows[0]) == ["unit", "kind", "date", "source_url"]
    assert {"unit": "HRV", "kind": "membership", "date": "2009-04-01"}.items() <= next(
        row for row in rows if row["unit"] == "HRV" and row["kind"] == "membership"
    ).items()
    assert all(row["source_url"].startswith("http") for row in rows)


def test_sites_export():
    rows = _export("sites")
    assert list(rows[0]) == ["id", "name", "kind", "lat", "lon", "start", "end", "source_url"]
    assert {row["kind"] for row in rows} <= {"office", "headquarters", "base", "operation"}
