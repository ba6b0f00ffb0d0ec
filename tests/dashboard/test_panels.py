"""The side panels as a reader reads them: the right status, dates, steps and sources, escaped."""

from __future__ import annotations

import re

from dashboard import panels
from tests.dashboard.conftest import PAYLOAD


def _text(html: str) -> str:
    """The visible text of an HTML fragment: block tags become spaces, inline ones vanish, spaces folded."""
    blocks = re.sub(r"</?(?:li|ol|ul|p|div|h\d|br|table|tr|td|th|caption)\b[^>]*>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", blocks)).strip()


def test_montenegro_in_2008_and_in_2017(facts):
    parts_2008 = panels.country_panel(facts, "MNE", 2008)
    status_2008 = _text(parts_2008[0])
    assert "Status on 31 December 2008: Intensified Dialogue since 3 April 2008" in status_2008
    timeline = _text(parts_2008[1])
    assert timeline.startswith("Timeline to 2008")
    assert "3 June 2006 Declares independence" in timeline
    later = _text(parts_2008[2])
    assert later.startswith("After 2008") and "5 June 2017 later" in later
    status_2017 = _text(panels.country_panel(facts, "MNE", 2017)[0])
    assert "NATO member since 5 June 2017" in status_2017


def test_greece_is_a_member_since_1952_not_since_before_1990(facts):
    status = _text(panels.country_panel(facts, "GRC", 1995)[0])
    assert "NATO member since 18 February 1952" in status
    assert "before 1990" not in status


def test_a_unit_absent_in_the_year_names_its_predecessor_or_successors(facts):
    assert "did not yet exist as a separate state on the map: part of the Federal Republic of Yugoslavia" in _text(
        panels.country_panel(facts, "MNE", 1995)[0]
    )
    after = _text(panels.country_panel(facts, "SCG", 2010)[0])
    assert "no longer existed on the map: succeeded by" in after and "Serbia" in after and "Montenegro" in after


def test_presence_includes_the_operations_against_the_land_before_the_state(facts):
    """Serbia's panel lists Allied Force, conducted against the FR Yugoslavia (SCG) before Serbia existed."""
    presence = next(part for part in panels.country_panel(facts, "SRB", 2024) if "presence on its territory" in part)
    assert "Operation Allied Force" in _text(presence) and "NATO Military Liaison Office Belgrade" in _text(presence)
    skopje = next(part for part in panels.country_panel(facts, "MKD", 2005) if "presence on its territory" in part)
    assert "NATO Headquarters Skopje" in _text(skopje)


def test_every_source_of_a_unit_is_listed_once(facts):
    sources = panels.country_panel(facts, "ALB", 2024)[-1]
    unit = facts.units["ALB"]
    urls = {s.url for s in unit.sources} | {s.url for m in unit.milestones for s in m.sources}
    for url in urls:
        assert sources.count(f'href="{url.replace("&", "&amp;")}"') == 1, url


def test_the_year_panel_lists_the_years_events_and_milestones(facts):
    text = _text(panels.year_panel(facts, 2008))
    assert "Bucharest Summit" in text and "2 April 2008 – 4 April 2008" in text
    assert "Milestones of 2008" in text and "Albania: Invited" in text
    assert "No event or milestone is recorded" not in _text(panels.year_panel(facts, 1990))


def test_the_changes_between_1999_and_2009(facts):
    text = _text(panels.changes_panel(facts, 2009, 1999))
    assert "Albania: Membership Action Plan → NATO member" in text
    assert "Croatia: No formal relationship → NATO member" in text
    assert "1 April 2009 Joins NATO" in text or "1 April 2009" in text
    assert "Greece" not in text, "Greece was a member in both years"


def test_badges_take_the_legible_text_colour(facts):
    html = panels.country_panel(facts, "MNE", 2024)[0]
    assert 'style="background:#101e6f;color:#ffffff"' in html
    html = panels.country_panel(facts, "SRB", 2024)[0]
    assert f'style="background:{facts.status_entries["partner"].colour};color:#1a1a1a"' in html


def test_hostile_strings_are_escaped_in_every_panel(hostile_facts):
    html = " ".join(
        [
            *panels.country_panel(hostile_facts, "MNE", 2008),
            panels.year_panel(hostile_facts, 2006),
            panels.year_summary(hostile_facts, 2008),
            panels.changes_panel(hostile_facts, 2008, 2005),
        ]
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert PAYLOAD not in html
