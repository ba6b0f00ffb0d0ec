"""Invariants of the real data: what must hold for every unit, year, record and status."""

from __future__ import annotations

import datetime as dt

from facts import FIRST_YEAR, STATUS_ORDER, today, validate, year_day
from facts.schema import STAGE_OF_KIND


def test_the_data_passes_every_check():
    facts, problems = validate()
    assert problems == []
    assert facts is not None


def test_every_unit_alive_in_a_year_has_exactly_one_status(facts):
    for year in range(FIRST_YEAR, today().year + 1):
        day = year_day(year)
        statuses = facts.statuses_in(year)
        alive = {unit.id for unit in facts.units_alive(day)}
        assert set(statuses) == alive, year
        for unit_id, status in statuses.items():
            assert status.status in STATUS_ORDER, (unit_id, year)


def test_the_map_is_covered_every_day_by_one_set_of_units(facts):
    """On every boundary day the units on the map form one of the era's sets, never two at once."""
    eras = {
        dt.date(1990, 1, 1): {"YUG"},
        dt.date(1992, 4, 27): {"SVN", "HRV", "BIH", "MKD", "SCG"},
        dt.date(2006, 6, 3): {"SVN", "HRV", "BIH", "MKD", "MNE", "SRB"},
        dt.date(2008, 2, 17): {"SVN", "HRV", "BIH", "MKD", "MNE", "SRB", "XKX"},
    }
    former_yugoslavia = {"YUG", "SVN", "HRV", "BIH", "MKD", "SCG", "MNE", "SRB", "XKX"}
    for day, expected in eras.items():
        alive = {unit.id for unit in facts.units_alive(day)} & former_yugoslavia
        assert alive == expected, day
        before = {unit.id for unit in facts.units_alive(day - dt.timedelta(days=1))} & former_yugoslavia
        assert before != expected or day == dt.date(1990, 1, 1)


def test_milestones_are_in_date_order(facts):
    for unit in facts.units.values():
        days = [m.date.earliest for m in unit.milestones]
        assert days == sorted(days), unit.id


def test_every_record_is_sourced(facts):
    records = [*facts.sites, *facts.events, *facts.texts.values(), *facts.units.values()]
    records += [m for unit in facts.units.values() for m in unit.milestones]
    for record in records:
        assert record.sources, record
        for source in record.sources:
            assert source.url.startswith(("http://", "https://"))
            assert source.publisher.strip() and source.title.strip()


def test_every_status_has_a_legend_entry_with_colour_and_explanation(facts):
    assert [entry.id for entry in facts.legend] == list(STATUS_ORDER)
    for entry in facts.legend:
        assert entry.label and entry.explanation and entry.colour.startswith("#")
    assert len({entry.colour for entry in facts.legend}) == len(STATUS_ORDER)
    for stage in STAGE_OF_KIND.values():
        assert stage in facts.status_entries


def test_focus_units_are_the_thirteen_countries_plus_kosovo(facts):
    focus = {unit.id for unit in facts.units.values() if unit.focus}
    assert focus == {"ALB", "BIH", "BGR", "HRV", "GRC", "XKX", "MNE", "MKD", "ROU", "SRB", "SVN", "TUR", "HUN"}
    assert {unit.id for unit in facts.units.values() if not unit.focus} == {"YUG", "SCG"}


def test_names_in_force(facts):
    assert facts.units["MKD"].name_on(dt.date(2019, 2, 11)).startswith("Macedonia")
    assert facts.units["MKD"].name_on(dt.date(2019, 2, 12)) == "North Macedonia"
    assert facts.units["SCG"].name_on(dt.date(2000, 1, 1)) == "Federal Republic of Yugoslavia"
    assert facts.units["SCG"].name_on(dt.date(2005, 1, 1)) == "Serbia and Montenegro"


def test_key_statuses_follow_nato_records(facts):
    """Spot checks against NATO's published dates (the reference for the atlas's colours)."""
    expectations = {
        ("ROU", 1990): "warsaw_pact",
        ("HUN", 1999): "member",
        ("HUN", 1998): "accession",
        ("ROU", 1994): "partner",
        ("ROU", 2004): "member",
        ("SVN", 2003): "accession",
        ("ALB", 2009): "member",
        ("HRV", 2009): "member",
        ("MNE", 2016): "accession",
        ("MNE", 2017): "member",
        ("MKD", 2019): "accession",
        ("MKD", 2020): "member",
        ("SRB", 2006): "partner",
        ("XKX", 2024): "none",
        ("GRC", 1990): "member",
        ("TUR", 1990): "member",
        ("YUG", 1991): "none",
        ("SCG", 2005): "none",
    }
    for (unit, year), status in expectations.items():
        assert facts.statuses_in(year)[unit].status == status, (unit, year)


def test_neighbours_in_time_walk_the_succession(facts):
    day = dt.date(1995, 12, 31)
    assert [u.id for u in facts.neighbours_in_time("MNE", day)] == ["SCG"]
    assert [u.id for u in facts.neighbours_in_time("SCG", dt.date(2020, 1, 1))] == ["SRB", "MNE"] or {
        u.id for u in facts.neighbours_in_time("SCG", dt.date(2020, 1, 1))
    } >= {"SRB", "MNE"}


def test_sites_are_active_only_in_their_years(facts):
    active_1998 = {site.id for site in facts.sites_active(1998)}
    active_2020 = {site.id for site in facts.sites_active(2020)}
    assert not {s.id for s in facts.sites if s.start.year > 1998} & active_1998
    for site in facts.sites:
        if site.end is not None and site.end.earliest < dt.date(2020, 1, 1):
            assert site.id not in active_2020
