"""The publisher and deny tables: the shipped ones are valid, and every kind of broken table is reported, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from facts.checks import check_all
from facts.loading import DEFAULT_DATA_DIR, read_data
from facts.policy_tables import PRIMARY_KINDS, SourceTables
from facts.source_policy import check_tables
from tests.facts.editing import TODAY, edit, problems


def _table_problems(data_dir: Path) -> list[str]:
    return [str(problem) for problem in problems(data_dir)]


def test_the_shipped_tables_are_valid():
    """Whatever the state of the records, the two tables themselves read and check clean."""
    data = read_data(DEFAULT_DATA_DIR)
    assert data.publishers and data.weak_sources
    table_files = {data.files["publishers"], data.files["weak_sources"]}
    assert [str(p) for p in data.problems if p.file in table_files] == []
    assert [str(p) for p in check_tables(data)] == []


def test_the_shipped_tables_know_the_primary_publishers():
    tables = SourceTables(read_data(DEFAULT_DATA_DIR).publishers, None)
    for host in ("www.nato.int", "shape.nato.int", "jfcnaples.nato.int", "nhqs.nato.int"):
        assert tables.owner(host).name == "NATO", host
    assert tables.owner("www.mae.ro").name == "Ministry of Foreign Affairs of Romania"
    assert tables.owner("en.wikipedia.org").kind not in PRIMARY_KINDS
    assert tables.is_primary("NATO", "shape.nato.int") and not tables.is_primary("NATO", "reliefweb.int")


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"name": "NATO", "kind": "nato", "domains": ["nato.org"]}, "NATO: name: publisher listed more than once"),
        ({"name": "NATO again", "kind": "nato", "domains": ["nato.int"]}, "NATO again: domains: nato.int is already 'NATO''s"),
        (
            {"name": "A blog", "kind": "other", "domains": ["someone.blogspot.com"]},
            "falls under the deny table's blogspot.com (blog_host)",
        ),
        ({"name": "X", "kind": "ministry", "domains": ["x.gov"]}, "X: kind: Input should be 'nato', 'government'"),
        ({"name": "X", "kind": "other", "domains": ["x.org"], "url": "y"}, "X: url: unknown field"),
        ({"name": "X", "kind": "other", "domains": ["www.x.org"]}, "without 'www.'"),
        ({"name": "X", "kind": "other", "domains": ["x.org."]}, "ends with a dot"),
        ({"name": "X", "kind": "other", "domains": []}, "X: domains: List should have at least 1 item"),
        ({"name": "X | Y", "kind": "other", "domains": ["x.org"]}, "X | Y: name: String should match pattern"),
        ({"kind": "other", "domains": ["x.org"]}, "name: missing required field"),
    ],
)
def test_a_broken_publisher_entry_is_reported(clean_data, entry, expected):
    edit(clean_data / "publishers.yaml", lambda table: table.append(entry))
    found = [p for p in _table_problems(clean_data) if "publishers.yaml" in p]
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"domain": "reddit.com", "kind": "forum", "reason": "again"}, "reddit.com: domain: domain listed more than once"),
        (
            {"domain": "nato.int", "kind": "other", "reason": "no"},
            "NATO: domains: nato.int falls under the deny table's nato.int",
        ),
        ({"domain": "x.org", "kind": "rumour", "reason": "no"}, "x.org: kind: Input should be 'forum'"),
        ({"domain": "x.org", "kind": "forum"}, "x.org: reason: missing required field"),
    ],
)
def test_a_broken_deny_entry_is_reported(clean_data, entry, expected):
    edit(clean_data / "weak_sources.yaml", lambda table: table.append(entry))
    found = _table_problems(clean_data)
    assert any(expected in p for p in found), found


@pytest.mark.parametrize("name", ["publishers.yaml", "weak_sources.yaml"])
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "file is missing"),
        ("- name: [unclosed\n", "cannot be read as YAML"),
        ("", "file is empty"),
        ("a: 1\n", "expected a list"),
    ],
)
def test_a_missing_or_unreadable_table_is_a_problem_naming_the_file(clean_data, name, content, expected):
    path = clean_data / name
    if content is None:
        path.unlink()
    else:
        path.write_text(content, encoding="utf-8")
    found = [str(p) for p in check_all(read_data(clean_data), TODAY)]
    # One problem, naming the file; the rules that need the table are skipped rather than failing every source.
    assert len(found) == 1 and found[0].startswith(str(path)) and expected in found[0], found


def test_an_empty_publisher_table_rejects_every_source(clean_data):
    """An empty list is a readable table: every publisher is then unknown (the check does not go quiet)."""
    (clean_data / "publishers.yaml").write_text("[]\n", encoding="utf-8")
    found = problems(clean_data)
    assert found and all(p.rule in {"unknown_publisher", "primary_share"} for p in found)
