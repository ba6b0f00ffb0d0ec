"""Each check fires on a deliberately broken copy of the data, naming file, record and field."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from facts import validate

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _problems(data_dir: Path, today: dt.date | None = None) -> list[str]:
    facts, problems = validate(data_dir, today or dt.date.today())
    assert facts is None, "the broken copy was accepted"
    return [str(problem) for problem in problems]


def _edit_unit(data_dir: Path, unit_id: str, change) -> None:
    path = data_dir / "units" / f"{unit_id}.yaml"
    data = _load(path)
    change(data)
    _dump(path, data)


def _index(data: dict, kind: str) -> int:
    return next(i for i, m in enumerate(data["milestones"]) if m["kind"] == kind)


def test_unknown_field_is_named(data_copy):
    _edit_unit(data_copy, "MNE", lambda d: d["milestones"][0].update(sorce="typo"))
    problems = _problems(data_copy)
    assert any("units/MNE.yaml: MNE: milestones[0].sorce: unknown field" in p for p in problems), problems


def test_malformed_date_is_named(data_copy):
    _edit_unit(data_copy, "MNE", lambda d: d["milestones"][_index(d, "membership")].update(date="2017-6-5"))
    problems = _problems(data_copy)
    assert any("MNE: milestones[" in p and ".date: malformed date '2017-6-5'" in p for p in problems), problems


def test_impossible_day_is_refused(data_copy):
    _edit_unit(data_copy, "ALB", lambda d: d["milestones"][_index(d, "membership")].update(date="2009-02-30"))
    assert any("day 30 does not exist" in p for p in _problems(data_copy))


def test_future_date_is_refused_with_an_overridable_today(data_copy):
    # Montenegro joined on 2017-06-05: with "today" set before it, that date lies in the future.
    problems = _problems(data_copy, today=dt.date(2017, 1, 1))
    assert any("MNE: milestones[" in p and "date 2017-06-05 is in the future (today is 2017-01-01)" in p for p in problems)


def test_milestones_out_of_order(data_copy):
    def swap(d):
        d["milestones"][0], d["milestones"][-1] = d["milestones"][-1], d["milestones"][0]

    _edit_unit(data_copy, "ROU", swap)
    assert any("ROU: milestones[1].date: out of order" in p for p in _problems(data_copy))


def test_membership_without_invitation_is_contradictory(data_copy):
    _edit_unit(data_copy, "HRV", lambda d: d["milestones"].pop(_index(d, "invitation")))
    problems = _problems(data_copy)
    assert any("HRV: milestones[" in p and "'membership' without an earlier 'invitation'" in p for p in problems), problems


def test_second_pfp_is_contradictory(data_copy):
    def duplicate(d):
        i = _index(d, "pfp")
        d["milestones"].insert(i + 1, dict(d["milestones"][i]))

    _edit_unit(data_copy, "BGR", duplicate)
    assert any("contradictory: a second 'pfp' milestone" in p for p in _problems(data_copy))


def test_stage_outside_the_lifespan_is_contradictory(data_copy):
    _edit_unit(data_copy, "MNE", lambda d: d["milestones"][_index(d, "pfp")].update(date="2001-01-01"))
    problems = _problems(data_copy)
    assert any("'pfp' on 2001-01-01 lies outside the unit's lifespan" in p for p in problems), problems


def test_unknown_unit_ids(data_copy):
    sites = _load(data_copy / "sites.yaml")
    sites[0]["unit"] = "ZZZ"
    _dump(data_copy / "sites.yaml", sites)
    events = _load(data_copy / "events.yaml")
    events[0]["units"] = ["QQQ"]
    _dump(data_copy / "events.yaml", events)
    _edit_unit(data_copy, "SRB", lambda d: d.update(predecessors=["XYZ"]))
    problems = _problems(data_copy)
    assert any(f"sites.yaml: {sites[0]['id']}: unit: unknown unit id 'ZZZ'" in p for p in problems), problems
    assert any(f"events.yaml: {events[0]['id']}: units: unknown unit id 'QQQ'" in p for p in problems)
    assert any("units/SRB.yaml: SRB: predecessors: unknown unit id 'XYZ'" in p for p in problems)


def test_unknown_site_id(data_copy):
    events = _load(data_copy / "events.yaml")
    events[0]["sites"] = ["no-such-site"]
    _dump(data_copy / "events.yaml", events)
    assert any("sites: unknown site id 'no-such-site'" in p for p in _problems(data_copy))


def test_status_without_legend_entry(data_copy):
    legend = [entry for entry in _load(data_copy / "statuses.yaml") if entry["id"] != "partner"]
    _dump(data_copy / "statuses.yaml", legend)
    problems = _problems(data_copy)
    assert any("statuses.yaml: partner: status has no legend entry" in p for p in problems)
    assert any("kind: status 'partner' has no legend entry" in p for p in problems)


def test_record_without_source(data_copy):
    _edit_unit(data_copy, "ALB", lambda d: d["milestones"][0].update(sources=[]))
    sites = _load(data_copy / "sites.yaml")
    del sites[1]["sources"]
    _dump(data_copy / "sites.yaml", sites)
    problems = _problems(data_copy)
    assert any("ALB: milestones[0].sources: record has no source" in p for p in problems), problems
    assert any(f"{sites[1]['id']}: sources: record has no source" in p for p in problems), problems


def test_coordinates_outside_the_region(data_copy):
    sites = _load(data_copy / "sites.yaml")
    sites[0]["lat"] = 60.0
    _dump(data_copy / "sites.yaml", sites)
    assert any(f"{sites[0]['id']}: lat/lon: coordinates (60.0," in p and "outside the region" in p for p in _problems(data_copy))


def test_text_without_front_matter(data_copy):
    (data_copy / "texts" / "political.md").write_text("Just prose, no sources.\n", encoding="utf-8")
    assert any("texts/political.md: political: no YAML front matter" in p for p in _problems(data_copy))


def test_broken_yaml_names_the_file(data_copy):
    (data_copy / "units" / "GRC.yaml").write_text("id: GRC\nnames: [unclosed\n", encoding="utf-8")
    assert any("units/GRC.yaml" in p and "cannot be read as YAML" in p for p in _problems(data_copy))


@pytest.mark.parametrize("broken", [True, False])
def test_cli_reports_all_problems_at_once_and_sets_the_exit_code(clean_data, broken):
    if broken:
        _edit_unit(clean_data, "MNE", lambda d: d.update(sorce="x"))
        _edit_unit(clean_data, "SCG", lambda d: d.update(start="1992-13-01"))
    result = _cli("check", "--data", clean_data)
    if broken:
        assert result.returncode == 1
        assert "MNE: sorce: unknown field" in result.stdout
        assert "SCG: start: malformed date '1992-13-01'" in result.stdout
        assert result.stdout.endswith("2 problem(s) found.\n"), result.stdout
    else:
        assert result.returncode == 0, result.stdout
        assert result.stdout.startswith("OK: 2 units, 6 milestones, 1 sites, 1 events, 1 texts.")


def test_cli_check_sources_prints_the_share_the_kinds_and_the_records_to_fix(clean_data):
    wiki = {"url": "https://en.wikipedia.org/wiki/Montenegro", "publisher": "Wikipedia", "title": "Montenegro"}
    forum = {"url": "https://forum.kajgana.com/threads/1/", "publisher": "MIA", "title": "A repost"}
    _edit_unit(clean_data, "MNE", lambda d: d["milestones"][2].update(sources=[wiki]))
    _edit_unit(clean_data, "MNE", lambda d: d["milestones"][3]["sources"].append(forum))
    result = _cli("check", "--sources", "--data", clean_data)
    assert result.returncode == 1
    out = result.stdout
    assert "Primary source first: 7/8 (87.5%) of milestones, sites and events (target 85%)" in out
    assert f"  {clean_data / 'units' / 'MNE.yaml'}: 5/6 (83.3%)" in out
    assert f"  {clean_data / 'sites.yaml'}: 1/1 (100.0%)" in out
    assert "  nato: " in out and "  encyclopaedia: 2" in out and "  denied: 1" in out
    assert "Records whose first source is not primary (1):" in out
    assert (
        f"  {clean_data / 'units' / 'MNE.yaml'}: MNE: milestones[2]: Wikipedia (encyclopaedia) https://en.wikipedia.org/wiki/Montenegro"
        in out
    )
    assert "Source-policy problems by rule (1):\n  weak_source: 1" in out
    assert out.endswith("1 problem(s) found.\n")


def test_cli_check_sources_passes_on_clean_data(clean_data):
    result = _cli("check", "--sources", "--data", clean_data)
    assert result.returncode == 0, result.stdout
    assert (
        "Primary source first: 8/8 (100.0%)" in result.stdout
        and "Records whose first source is not primary (0):" in result.stdout
    )


def _cli(*args) -> subprocess.CompletedProcess[str]:
    env = {"NATO_ATLAS_TODAY": "2026-12-03", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "facts", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
