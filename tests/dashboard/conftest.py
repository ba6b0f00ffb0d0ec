"""Fixtures for the dashboard tests: hostile data, to prove that every string is escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from facts import Facts, validate

PAYLOAD = "<img src=x onerror=alert(1)>"


def write_hostile_copy(data_dir: Path) -> None:
    """Put the payload into Montenegro's name and summary, a milestone, and KFOR HQ's name and role."""
    unit_path = data_dir / "units" / "MNE.yaml"
    unit = yaml.safe_load(unit_path.read_text(encoding="utf-8"))
    unit["names"][0]["name"] = f"Montenegro {PAYLOAD}"
    unit["summary"] = f"Summary {PAYLOAD}"
    unit["milestones"][0]["title"] = f"Title {PAYLOAD}"
    unit_path.write_text(yaml.safe_dump(unit, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sites_path = data_dir / "sites.yaml"
    sites = yaml.safe_load(sites_path.read_text(encoding="utf-8"))
    target = next(site for site in sites if site.get("unit") == "XKX")
    target["role"] = f"Role {PAYLOAD}"
    target["names"][-1]["name"] = f"Site {PAYLOAD}"
    sites_path.write_text(yaml.safe_dump(sites, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def hostile_facts(data_copy: Path) -> Facts:
    write_hostile_copy(data_copy)
    facts, problems = validate(data_copy)
    assert not problems, problems
    return facts
