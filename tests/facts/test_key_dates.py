"""The key dates of the atlas, pinned: a wrong edit of the data fails a test that names the fact.

Each row was checked against the source the record cites (NATO's pages first; the curators'
notes in the data say where sources disagree and which won). Changing a date here needs the
same care as changing it in the data: both must move together, with the source.
"""

from __future__ import annotations

import pytest

# (unit, milestone kind, date as the data writes it)
MILESTONES = [
    ("ALB", "nacc", "1992-06-05"),
    ("ALB", "pfp", "1994-02-23"),
    ("ALB", "map", "1999-04-24"),
    ("ALB", "invitation", "2008-04-03"),
    ("ALB", "accession_protocol", "2008-07-09"),
    ("ALB", "membership", "2009-04-01"),
    ("BGR", "nacc", "1991-12-20"),
    ("BGR", "pfp", "1994-02-14"),
    ("BGR", "map", "1999-04-24"),
    ("BGR", "invitation", "2002-11-21"),
    ("BGR", "accession_protocol", "2003-03-26"),
    ("BGR", "membership", "2004-03-29"),
    ("BGR", "warsaw_pact_end", "1991-07-01"),
    ("BIH", "pfp", "2006-12-14"),
    ("BIH", "intensified_dialogue", "2008-04-03"),
    ("BIH", "map_invitation", "2010-04-22"),
    ("BIH", "map", "2019-12-23"),
    ("GRC", "invitation", "1951-09-20"),
    ("GRC", "accession_protocol", "1951-10-22"),
    ("GRC", "membership", "1952-02-18"),
    ("HRV", "pfp", "2000-05-25"),
    ("HRV", "intensified_dialogue", "2001-07"),
    ("HRV", "map", "2002-05-14"),
    ("HRV", "invitation", "2008-04-03"),
    ("HRV", "accession_protocol", "2008-07-09"),
    ("HRV", "membership", "2009-04-01"),
    ("HUN", "nacc", "1991-12-20"),
    ("HUN", "pfp", "1994-02-08"),
    ("HUN", "invitation", "1997-07-08"),
    ("HUN", "accession_protocol", "1997-12-16"),
    ("HUN", "membership", "1999-03-12"),
    ("HUN", "warsaw_pact_end", "1991-07-01"),
    ("MKD", "pfp", "1995-11"),
    ("MKD", "map", "1999-04-24"),
    ("MKD", "invitation", "2018-07-11"),
    ("MKD", "accession_protocol", "2019-02-06"),
    ("MKD", "name_change", "2019-02-12"),
    ("MKD", "membership", "2020-03-27"),
    ("MNE", "pfp", "2006-12-14"),
    ("MNE", "intensified_dialogue", "2008-04-03"),
    ("MNE", "map", "2009-12-04"),
    ("MNE", "invitation", "2015-12-02"),
    ("MNE", "accession_protocol", "2016-05-19"),
    ("MNE", "membership", "2017-06-05"),
    ("ROU", "nacc", "1991-12-20"),
    ("ROU", "pfp", "1994-01-26"),
    ("ROU", "map", "1999-04-24"),
    ("ROU", "invitation", "2002-11-21"),
    ("ROU", "accession_protocol", "2003-03-26"),
    ("ROU", "membership", "2004-03-29"),
    ("ROU", "warsaw_pact_end", "1991-07-01"),
    ("SRB", "pfp", "2006-12-14"),
    ("SRB", "military_neutrality", "2007-12-26"),
    ("SVN", "pfp", "1994-03-30"),
    ("SVN", "map", "1999-04-24"),
    ("SVN", "invitation", "2002-11-21"),
    ("SVN", "accession_protocol", "2003-03-26"),
    ("SVN", "membership", "2004-03-29"),
    ("TUR", "invitation", "1951-09-20"),
    ("TUR", "accession_protocol", "1951-10-22"),
    ("TUR", "membership", "1952-02-18"),
]

# (site, "start" or "end", date): NATO's headquarters and offices in the region
OFFICES = [
    ("nhq-sarajevo", "start", "2004-12-02"),
    ("nhq-skopje", "start", "2002-04"),
    ("nhq-skopje", "end", "2012-04-01"),
    ("nlo-skopje", "start", "2012-04-01"),
    ("nlo-skopje", "end", "2021-03"),
    ("mlo-belgrade", "start", "2006-12-18"),
    ("nalt-pristina", "start", "2016-08-28"),
    ("commz-west", "start", "1999-08-31"),
    ("nhq-tirana", "start", "2002-06-17"),
    ("nhq-tirana", "end", "2010-06-02"),
    ("nfiu-romania", "start", "2015-09-03"),
    ("nfiu-bulgaria", "start", "2015-09-03"),
    ("mnd-southeast", "start", "2015-12-01"),
    ("op-allied-force", "start", "1999-03-24"),
    ("op-allied-force", "end", "1999-06-10"),
    ("op-kfor", "start", "1999-06-12"),
    ("op-sfor", "end", "2004-12-02"),
]

# (unit, lifespan bound, date): the break-up of Yugoslavia as the map draws it
LIFESPANS = [
    ("YUG", "end", "1992-04-27"),
    ("SCG", "start", "1992-04-27"),
    ("SCG", "end", "2006-06-03"),
    ("SRB", "start", "2006-06-03"),
    ("MNE", "start", "2006-06-03"),
    ("XKX", "start", "2008-02-17"),
]


@pytest.mark.parametrize(("unit", "kind", "date"), MILESTONES, ids=[f"{u}-{k}" for u, k, _ in MILESTONES])
def test_milestone_date(facts, unit, kind, date):
    dates = [str(milestone.date) for milestone in facts.units[unit].milestones if milestone.kind == kind]
    assert dates == [date], f"{unit}'s {kind} is recorded as {dates}, the pinned date is {date}"


@pytest.mark.parametrize(("site", "bound", "date"), OFFICES, ids=[f"{s}-{b}" for s, b, _ in OFFICES])
def test_office_and_operation_dates(facts, site, bound, date):
    record = next(record for record in facts.sites if record.id == site)
    assert str(getattr(record, bound)) == date


@pytest.mark.parametrize(("unit", "bound", "date"), LIFESPANS, ids=[f"{u}-{b}" for u, b, _ in LIFESPANS])
def test_lifespans_of_the_break_up(facts, unit, bound, date):
    assert str(getattr(facts.units[unit], bound)) == date


def test_operation_allied_force_is_filed_under_the_fr_yugoslavia(facts):
    allied_force = next(record for record in facts.sites if record.id == "op-allied-force")
    assert allied_force.unit == "SCG"


def test_romania_signed_the_partnership_for_peace_first(facts):
    """A reviewer found the claim that Albania signed first; Romania did, on 26 January 1994."""
    signatures = {unit.id: m.date.earliest for unit in facts.units.values() for m in unit.milestones if m.kind == "pfp"}
    assert min(signatures, key=signatures.get) == "ROU"
