"""Link, citation, BibTeX, embed snippet and picture file name of a view."""

from __future__ import annotations

import datetime as dt

from dashboard import share

DAY = dt.date(2026, 12, 3)


def test_the_link_reopens_the_view():
    assert share.view_url("http://localhost:8501/", 2008, "MNE") == "http://localhost:8501/?year=2008&country=MNE"
    assert (
        share.view_url("http://a.test/atlas?x=1", 2009, None, 1999, embed="1")
        == "http://a.test/atlas?year=2009&compare=1999&embed=1"
    )


def test_the_citation_names_the_atlas_the_view_the_url_and_the_access_date():
    title = share.view_title(2008, "Montenegro", 2026)
    assert title == "Montenegro and NATO, 31 December 2008"
    url = share.view_url("http://localhost:8501/", 2008, "MNE")
    text = share.citation(title, url, DAY)
    assert text == f"NATO–Balkans Atlas. “Montenegro and NATO, 31 December 2008”. {url} (accessed 3 December 2026)."
    assert share.view_title(2026, None, 2026) == "NATO status of the Balkan countries, today"


def test_bibtex_is_plain_text_with_latex_specials_escaped():
    url = share.view_url("http://localhost:8501/", 2008, "MNE")
    entry = share.bibtex("A & B {50%}", url, DAY, 2008)
    assert entry.startswith("@misc{natobalkansatlas2008,")
    assert "title        = {A \\& B \\{50\\%\\}}" in entry
    assert f"\\url{{{url}}}" in entry and "&amp;" not in entry
    assert "Accessed 2026-12-03" in entry


def test_the_embed_snippet_is_escaped_html():
    snippet = share.embed_snippet('http://x.test/?year=2008&embed=1"><script>', "<b>")
    assert snippet.startswith("<iframe ") and "&lt;b&gt;" in snippet
    assert "<script>" not in snippet and "&amp;embed=1&#34;&gt;" in snippet
