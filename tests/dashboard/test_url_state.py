"""The view in the URL: good values open exactly that view; bad ones fall back with a notice."""

from __future__ import annotations

import pytest

from dashboard.url_state import parse_view, view_params, wants_embed
from facts import today


def test_a_full_view_is_read(facts):
    view = parse_view({"year": "2008", "country": "mne", "compare": "1999"}, facts)
    assert (view.year, view.country, view.compare, view.notices) == (2008, "MNE", 1999, [])


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"year": "abc"}, "The year “abc”"),
        ({"year": "1800"}, "The year “1800”"),
        ({"year": "99999999999999999999"}, "is not a year from 1990"),
        ({"country": "<script>alert(1)</script>"}, "is not one the atlas knows"),
        ({"compare": "3000"}, "The year to compare with “3000”"),
    ],
)
def test_bad_values_fall_back_with_a_notice(facts, params, fragment):
    view = parse_view(params, facts)
    assert any(fragment in notice for notice in view.notices), view.notices
    assert view.year == today().year and view.country is None and view.compare is None


def test_view_params_write_only_what_is_set():
    assert view_params(2008, None, None) == {"year": "2008"}
    assert view_params(2008, "MNE", 1999) == {"year": "2008", "country": "MNE", "compare": "1999"}


@pytest.mark.parametrize(
    ("query", "embed"),
    [
        ("embed=1", True),
        ("?year=2008&embed=1", True),
        ("embed=true", True),
        ("embed=0", False),
        ("year=2008", False),
        ("", False),
    ],
)
def test_embed_is_read_from_the_raw_query_string(query, embed):
    """Streamlit hides ``embed`` from st.query_params, so the page reads the query string itself."""
    assert wants_embed(query) is embed
