"""The source policy: each rule rejects one fault in a clean copy, naming file, record, field, URL and reason, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from facts.loading import Problem
from tests.facts.editing import edit, problems, source

FORUM = "https://forum.kajgana.com/threads/fifteen-years-on-road-to-nato.12345/"
MIRROR = "https://docslib.org/doc/123/chronology-of-key-events"


def _set_sources(data_dir: Path, unit: str, index: int, sources: list[dict[str, str]]) -> None:
    edit(data_dir / "units" / f"{unit}.yaml", lambda d: d["milestones"][index].update(sources=sources))


def _only(found: list[Problem]) -> Problem:
    """The one problem reported: a fault must be reported once, and must not disturb anything else."""
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_the_clean_copy_passes_every_rule(clean_data):
    """The control of every test below: without the fault, nothing is reported."""
    assert problems(clean_data) == []


def test_a_forum_url_is_rejected_with_its_reason(clean_data):
    _set_sources(
        clean_data, "MNE", 5, [source("https://www.nato.int/cps/en/natohq/news_144647.htm", "NATO"), source(FORUM, "MIA")]
    )
    problem = _only(problems(clean_data))
    assert problem.file.endswith("units/MNE.yaml") and problem.record == "MNE"
    assert problem.field == "milestones[5].sources[1].url"
    assert problem.rule == "weak_source"
    assert FORUM in problem.message and "(forum)" in problem.message and "discussion forum" in problem.message


def test_a_document_mirror_is_rejected_even_as_an_archived_copy(clean_data):
    archived = f"https://web.archive.org/web/20200101000000/{MIRROR}"
    _set_sources(clean_data, "MNE", 0, [source(archived, "NATO")])
    problem = _only(problems(clean_data))
    assert (problem.field, problem.rule) == ("milestones[0].sources[0].url", "weak_source")
    assert "docslib.org is a weak source (document_mirror)" in problem.message


def test_a_publisher_that_does_not_own_the_site_is_rejected(clean_data):
    # A NATO text on a relief portal is published by that portal, not by NATO.
    url = "https://reliefweb.int/report/serbia/nato-secretary-general-belgrade"
    _set_sources(clean_data, "MNE", 1, [source(url, "NATO")])
    problem = _only(problems(clean_data))
    assert (problem.record, problem.field, problem.rule) == ("MNE", "milestones[1].sources[0].url", "publisher_site")
    assert url in problem.message and "reliefweb.int" in problem.message
    assert "the publisher must be the owner of the site the URL is on" in problem.message


def test_a_publisher_missing_from_the_table_is_rejected(clean_data):
    _set_sources(clean_data, "MNE", 1, [source("https://www.nato.int/cps/en/natohq/news_125591.htm", "NATO (via its website)")])
    problem = _only(problems(clean_data))
    assert (problem.field, problem.rule) == ("milestones[1].sources[0].publisher", "unknown_publisher")
    assert "'NATO (via its website)' is not in publishers.yaml" in problem.message


@pytest.mark.parametrize(
    "url",
    [
        "https://web.archive.org/web/20121017143433/http://www.nato.int/cps/en/natolive/topics_49290.htm",
        "https://web.archive.org/web/20121017143433id_/https://shape.nato.int/page",
        "https://webarchive.library.unt.edu/web/20120928132152/http:/www.nato.int/cps/en/natolive/topics_49127.htm",
        "https://webarchive.library.unt.edu/eot2008/20080924053503/http://www.nato.int/docu/update/2008/index.html",
    ],
)
def test_an_archived_copy_of_the_publishers_own_page_is_accepted(clean_data, url):
    _set_sources(clean_data, "MNE", 1, [source(url, "NATO")])
    assert problems(clean_data) == []


def test_an_archived_copy_of_another_owners_page_is_rejected(clean_data):
    url = "https://web.archive.org/web/20080101000000/http://www.b92.net/eng/news/politics.php?nav_id=1"
    _set_sources(clean_data, "MNE", 1, [source(url, "NATO")])
    problem = _only(problems(clean_data))
    assert (problem.field, problem.rule) == ("milestones[1].sources[0].url", "publisher_site")
    assert "the archived original is on www.b92.net" in problem.message and "'B92'" in problem.message


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://history.state.gov./countries/serbia", "ends with a dot"),
        ('https://www.nato.int/cps/en/natohq/"topics".htm', "contains '\"'"),
        ("https://www.nato.int:80a/cps/", "is not a number"),
        ("https://nato/cps/", "has no dot"),
        ("https://www.nato.int/a|b", "contains '|'"),
    ],
)
def test_a_malformed_url_is_rejected(clean_data, url, why):
    _set_sources(clean_data, "MNE", 0, [source(url, "NATO")])
    problem = _only(problems(clean_data))
    assert (problem.field, problem.rule) == ("milestones[0].sources[0].url", "malformed_url")
    assert url in problem.message and why in problem.message


def test_a_url_with_a_space_is_rejected_by_the_schema_alone(clean_data):
    """The schema's URL pattern refuses whitespace first; the record is then not checked further, and
    the text's fact links to its unit are not reported as unresolvable on top."""
    _set_sources(clean_data, "MNE", 0, [source("https://www.nato.int/cps/en/natohq/topics 49736.htm", "NATO")])
    problem = _only(problems(clean_data))
    assert (problem.record, problem.field) == ("MNE", "milestones[0].sources[0].url")
    assert "should match pattern" in problem.message


def test_a_record_resting_on_state_media_alone_is_rejected(clean_data):
    _set_sources(clean_data, "MNE", 1, [source("https://www.tanjug.rs/english/news/1", "Tanjug")])
    problem = _only(problems(clean_data))
    assert (problem.record, problem.field, problem.rule) == ("MNE", "milestones[1].sources", "state_media_only")
    assert "state media of a party may support but never be the only source" in problem.message


def test_state_media_may_support_a_primary_source(clean_data):
    nato = source("https://www.nato.int/cps/en/natohq/news_125591.htm", "NATO")
    _set_sources(clean_data, "MNE", 1, [nato, source("https://www.tanjug.rs/english/news/1", "Tanjug")])
    assert problems(clean_data) == []


def test_a_secondary_source_before_a_primary_one_is_rejected(clean_data):
    wiki = source("https://en.wikipedia.org/wiki/Montenegro", "Wikipedia")
    nato = source("https://www.nato.int/cps/en/natohq/news_144647.htm", "NATO")
    _set_sources(clean_data, "MNE", 5, [wiki, nato])
    problem = _only(problems(clean_data))
    assert (problem.field, problem.rule) == ("milestones[5].sources[0]", "primary_first")
    assert "https://en.wikipedia.org/wiki/Montenegro" in problem.message and "put the primary source first" in problem.message


def test_a_secondary_source_alone_is_allowed(clean_data):
    _set_sources(clean_data, "MNE", 2, [source("https://en.wikipedia.org/wiki/Montenegro", "Wikipedia")])
    assert problems(clean_data) == []


def test_too_few_primary_first_records_fail_with_the_share(clean_data):
    # Three of the eight milestones, sites and events rest on Wikipedia alone: 62.5 % primary first.
    wiki = [source("https://en.wikipedia.org/wiki/Montenegro", "Wikipedia")]
    for index in (0, 1, 2):
        _set_sources(clean_data, "MNE", index, wiki)
    problem = _only(problems(clean_data))
    assert problem.rule == "primary_share"
    assert "only 62.5% of milestones, sites and events (5 of 8) cite a primary source first; at least 85% must" in problem.message


def test_a_pipe_in_a_publisher_or_title_is_rejected(clean_data):
    _set_sources(clean_data, "MNE", 0, [source("http://www.nato.int/docu/update/2006/e1214a.htm", "NATO", "Update | 2006")])
    problem = _only(problems(clean_data))
    assert (problem.field, problem.rule) == ("milestones[0].sources[0].title", "pipe")


def test_site_event_unit_and_text_sources_are_checked_too(clean_data):
    edit(clean_data / "sites.yaml", lambda d: d[0]["sources"].append(source(FORUM, "MIA")))
    edit(clean_data / "events.yaml", lambda d: d[0]["sources"].append(source(MIRROR, "NATO")))
    edit(clean_data / "units" / "SCG.yaml", lambda d: d["sources"].append(source("https://www.nato.int/x", "Wikipedia")))
    found = {(Path(p.file).name, p.record, p.field, p.rule) for p in problems(clean_data)}
    assert found == {
        ("sites.yaml", "op-allied-force", "sources[2].url", "weak_source"),
        ("events.yaml", "summit-wales-2014", "sources[1].url", "weak_source"),
        ("SCG.yaml", "SCG", "sources[1].url", "publisher_site"),
    }


def test_a_problem_reads_file_record_field_url_and_reason(clean_data):
    _set_sources(
        clean_data, "MNE", 5, [source("https://www.nato.int/cps/en/natohq/news_144647.htm", "NATO"), source(FORUM, "MIA")]
    )
    line = str(_only(problems(clean_data)))
    assert line.startswith(str(clean_data / "units" / "MNE.yaml") + ": MNE: milestones[5].sources[1].url: " + FORUM + ": ")
