"""The exports: every row with its text and all its sources, files never overwritten by accident, a valid data package."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from facts import load_facts
from facts.export import EVENT_COLUMNS, JOIN, MILESTONE_COLUMNS, SITE_COLUMNS, SOURCE_COLUMNS, STATUS_COLUMNS, events_csv
from tests.facts.editing import TODAY, edit, source

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {"NATO_ATLAS_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "facts", *map(str, args)], cwd=ROOT, capture_output=True, text=True, check=False, env=env
    )


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _export(data: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    result = _run("export", table, "--data", data)
    assert result.returncode == 0, result.stderr
    return next(csv.reader(io.StringIO(result.stdout))), _rows(result.stdout)


@pytest.mark.parametrize(
    ("table", "columns"),
    [("milestones", MILESTONE_COLUMNS), ("statuses", STATUS_COLUMNS), ("sites", SITE_COLUMNS), ("events", EVENT_COLUMNS)],
)
def test_every_table_has_its_text_and_all_source_columns(clean_data, table, columns):
    header, rows = _export(clean_data, table)
    assert header == columns and header[-4:] == SOURCE_COLUMNS
    assert rows and all(row["source_urls"].startswith("http") for row in rows)
    for row in rows:
        parts = [row[column].split(JOIN) for column in SOURCE_COLUMNS]
        assert len({len(part) for part in parts}) == 1, row  # one part per source in every column


def test_a_record_with_two_sources_exports_both(clean_data):
    _, rows = _export(clean_data, "milestones")
    row = next(row for row in rows if row["ref"] == "MNE/membership/2017-06-05")
    assert row["title"] == "Joins NATO" and row["unit_name"] == "Montenegro" and row["starts_status"] == "member"
    assert row["source_urls"] == (
        "https://www.nato.int/cps/en/natohq/news_144647.htm | "
        "https://www.gov.me/en/article/development-of-relations-between-montenegro-and-nato-key-dates"
    )
    assert row["source_publishers"] == "NATO | Government of Montenegro"
    assert row["source_accessed"] == "2026-12-03 | 2026-12-03"
    _, sites = _export(clean_data, "sites")
    assert sites[0]["source_publishers"] == "NATO | Wikipedia" and sites[0]["role"].startswith("NATO's air campaign")


def test_statuses_name_the_milestone_that_set_them_and_its_sources(clean_data):
    _, rows = _export(clean_data, "statuses")
    row = next(row for row in rows if (row["unit"], row["year"]) == ("MNE", "2017"))
    assert row["status"] == "member" and row["since"] == "2017-06-05" and row["set_by"] == "Joins NATO"
    assert row["source_publishers"] == "NATO | Government of Montenegro"
    first = next(row for row in rows if row["unit"] == "SCG")
    assert (first["year"], first["unit_name"], first["status"]) == ("1992", "Federal Republic of Yugoslavia", "none")


def test_events_list_units_and_summary(clean_data, monkeypatch):
    monkeypatch.setenv("NATO_ATLAS_TODAY", TODAY.isoformat())
    edit(clean_data / "events.yaml", lambda d: d[0].update(units=["MNE", "SCG"]))
    edit(clean_data / "events.yaml", lambda d: d[0]["sources"].append(source("https://www.bbc.co.uk/news/x", "BBC")))
    row = _rows(events_csv(load_facts(clean_data)))[0]
    assert row["units"] == "MNE | SCG" and row["summary"].startswith("Allies agree")
    assert row["source_urls"].endswith(" | https://www.bbc.co.uk/news/x")


def test_out_writes_a_file_and_refuses_to_overwrite_without_force(clean_data, tmp_path):
    target = tmp_path / "milestones.csv"
    assert _run("export", "milestones", "--data", clean_data, "--out", target).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("ref,unit,")
    target.write_text("edited by hand\n", encoding="utf-8")
    refused = _run("export", "milestones", "--data", clean_data, "--out", target)
    assert refused.returncode == 2 and "already exists; use --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "edited by hand\n"
    assert _run("export", "milestones", "--data", clean_data, "--out", target, "--force").returncode == 0
    assert target.read_text(encoding="utf-8").startswith("ref,unit,")


def test_export_refuses_data_that_fails_the_check(clean_data):
    edit(clean_data / "sites.yaml", lambda d: d[0]["sources"].append(source("https://docslib.org/doc/1", "NATO")))
    result = _run("export", "sites", "--data", clean_data)
    assert result.returncode == 1 and result.stdout == "" and "docslib.org is a weak source" in result.stderr


def test_the_data_package_is_valid_for_frictionless(clean_data, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    target = tmp_path / "package"
    result = _run("export", "datapackage", target, "--data", clean_data)
    assert result.returncode == 0, result.stderr
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and descriptor["sources"]
    names = [resource["name"] for resource in descriptor["resources"]]
    assert {"milestones", "statuses", "sites", "events"} <= set(names)
    for resource in descriptor["resources"]:
        assert (target / resource["path"]).exists()
        assert resource["format"] == "csv" and resource["mediatype"] == "text/csv" and resource["encoding"] == "utf-8"
        header = next(csv.reader(io.StringIO((target / resource["path"]).read_text(encoding="utf-8"))))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    report = frictionless.validate(str(target / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_data_package_refuses_to_overwrite_without_force(clean_data, tmp_path):
    target = tmp_path / "package"
    assert _run("export", "datapackage", target, "--data", clean_data).returncode == 0
    refused = _run("export", "datapackage", target, "--data", clean_data)
    assert refused.returncode == 2 and "use --force" in refused.stderr
    assert _run("export", "datapackage", target, "--data", clean_data, "--force").returncode == 0
    assert _run("export", "milestones", target, "--data", clean_data).returncode == 2  # a directory only for datapackage
