"""Fact links in the panel texts: they resolve to one record, agree with its dates, and web links obey the policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from facts import load_facts
from facts.dates import FuzzyDate
from facts.fact_links import agrees, link_facts, resolve_fact_ref, written_dates
from facts.loading import Problem
from tests.facts.editing import TODAY, edit, problems


def _write_text(data_dir: Path, body: str) -> None:
    path = data_dir / "texts" / "political.md"
    front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    path.write_text(f"{front}\n---\n{body}\n", encoding="utf-8")


def _only(found: list[Problem]) -> Problem:
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_a_wrong_date_in_a_fact_link_is_rejected_naming_both_dates(clean_data):
    _write_text(clean_data, "Montenegro joined on [4 June 2017](fact:MNE/membership).")
    problem = _only(problems(clean_data))
    assert problem.file.endswith("texts/political.md") and problem.record == "political"
    assert (problem.field, problem.rule) == ("body (link 1)", "fact_link_date")
    assert "[4 June 2017](fact:MNE/membership)" in problem.message
    assert "4 June 2017" in problem.message and "5 June 2017" in problem.message


@pytest.mark.parametrize(
    "link",
    [
        "[June 2016](fact:MNE/membership)",  # month and year must contain the record's day
        "[2016](fact:MNE/membership)",
        "[May 1999](fact:op-allied-force)",  # neither the start (March) nor the end (June)
        "[3 September 2014](fact:summit-wales-2014)",
        "[14 December 2006](fact:MNE/map)",  # the map milestone is dated 2009-12-04
        "[April 2008](fact:MNE/membership)",
    ],
)
def test_a_date_that_disagrees_with_the_record_is_rejected(clean_data, link):
    _write_text(clean_data, f"See {link}.")
    assert _only(problems(clean_data)).rule == "fact_link_date"


@pytest.mark.parametrize(
    "link",
    [
        "[5 June 2017](fact:MNE/membership)",
        "[June 5, 2017](fact:MNE/membership)",
        "[2017-06-05](fact:MNE/membership)",
        "[June 2017](fact:MNE/membership)",
        "[in 2017](fact:MNE/membership)",
        "[April 2008](fact:MNE/intensified_dialogue)",  # the record is known to the month
        "[24 March](fact:op-allied-force)",  # no year: nothing to compare
        "[24 March – 10 June 1999](fact:op-allied-force)",
        "[5 September 2014](fact:summit-wales-2014)",  # the end of a two-day event
        "[Wales Summit](fact:summit-wales-2014)",
        "[invited](fact:MNE/invitation/2015-12-02)",
    ],
)
def test_a_date_that_agrees_with_the_record_passes(clean_data, link):
    _write_text(clean_data, f"See {link}.")
    assert problems(clean_data) == []


def test_a_day_is_never_more_precise_than_its_record(clean_data):
    _write_text(clean_data, "See [4 April 2008](fact:MNE/intensified_dialogue).")
    assert "but MNE's 'intensified_dialogue' milestone is dated April 2008" in _only(problems(clean_data)).message


@pytest.mark.parametrize(
    ("ref", "why"),
    [
        ("no-such-event", "no site or event has the id 'no-such-event'"),
        ("ZZZ/membership", "no unit has the id 'ZZZ'"),
        ("MNE/pfp/2007-01-01", "MNE has no 'pfp' milestone dated 2007-01-01"),
        ("MNE/name_change", "MNE has no 'name_change' milestone"),
        ("MNE/membership/2017/extra", "is not a site or event id, UNIT/kind or UNIT/kind/YYYY-MM-DD"),
    ],
)
def test_an_unresolvable_fact_link_is_rejected(clean_data, ref, why):
    _write_text(clean_data, f"See [the record](fact:{ref}).")
    problem = _only(problems(clean_data))
    assert (problem.record, problem.field, problem.rule) == ("political", "body (link 1)", "fact_link")
    assert f"[the record](fact:{ref})" in problem.message and why in problem.message


def test_an_ambiguous_unit_kind_link_asks_for_the_date(clean_data):
    def add_other(unit):
        for day in ("2010-01-01", "2011-01-01"):
            source = {"url": "https://www.gov.me/en/x", "publisher": "Government of Montenegro", "title": "X"}
            unit["milestones"].append({"kind": "other", "date": day, "title": "Something", "sources": [source]})
        unit["milestones"].sort(key=lambda m: str(m["date"]))

    edit(clean_data / "units" / "MNE.yaml", add_other)
    _write_text(clean_data, "See [it](fact:MNE/other) and [this one](fact:MNE/other/2011-01-01).")
    problem = _only(problems(clean_data))
    assert (
        "'MNE/other' is ambiguous: MNE has 2 'other' milestones (2010-01-01, 2011-01-01); write MNE/other/YYYY-MM-DD"
        in problem.message
    )


def test_web_links_in_texts_obey_the_deny_table_and_the_url_form(clean_data):
    body = (
        "A [forum](https://forum.kajgana.com/threads/1/), a [typo](https://history.state.gov./x), "
        "a [good page](https://www.nato.int/cps/en/natohq/topics_49736.htm) and [a wrong scheme](fakt:MNE/membership)."
    )
    _write_text(clean_data, body)
    found = [(p.field, p.rule) for p in problems(clean_data)]
    assert found == [("body (link 1)", "weak_source"), ("body (link 2)", "malformed_url"), ("body (link 4)", "link_target")]


def test_the_shipped_texts_fact_links_are_checked(data_copy):
    """The real texts go through the same check: a wrong date added to one of them is caught."""
    path = data_copy / "texts" / "political.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nMontenegro joined on [4 June 2017](fact:MNE/membership).\n", encoding="utf-8"
    )
    found = [p for p in problems(data_copy) if p.rule == "fact_link_date"]
    assert any("[4 June 2017](fact:MNE/membership)" in p.message and "5 June 2017" in p.message for p in found)


def test_the_dashboard_resolves_a_fact_ref_to_the_records_first_source(clean_data, monkeypatch):
    monkeypatch.setenv("NATO_ATLAS_TODAY", TODAY.isoformat())
    facts = load_facts(clean_data)
    assert resolve_fact_ref(facts, "MNE/membership") == "https://www.nato.int/cps/en/natohq/news_144647.htm"
    assert resolve_fact_ref(facts, "fact:op-allied-force") == "https://www.nato.int/docu/update/1999/0324e.htm"
    assert resolve_fact_ref(facts, "MNE/invitation/2015-12-02") == "https://www.nato.int/cps/en/natohq/news_125591.htm"
    assert resolve_fact_ref(facts, "nothing") is None
    linked = link_facts(facts, "On [5 June 2017](fact:MNE/membership), see [NATO](https://www.nato.int/).")
    assert linked == "On [5 June 2017](https://www.nato.int/cps/en/natohq/news_144647.htm), see [NATO](https://www.nato.int/)."


def test_dates_are_read_as_written():
    found = [(text, str(date)) for text, date in written_dates("From 5 June 2017, Sept. 2009, March 3, 2001, 1999-03 to 2026.")]
    assert found == [
        ("5 June 2017", "2017-06-05"),
        ("Sept. 2009", "2009-09"),
        ("March 3, 2001", "2001-03-03"),
        ("1999-03", "1999-03"),
        ("2026", "2026"),
    ]
    assert [date for _, date in written_dates("31 June 2017")] == [None]
    assert list(written_dates("Resolution 1244 and the 1990s")) == []
    assert agrees(FuzzyDate.parse("2017"), FuzzyDate.parse("2017-06-05"))
    assert not agrees(FuzzyDate.parse("2017-06-05"), FuzzyDate.parse("2017-06"))
