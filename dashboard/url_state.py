"""The view as URL query parameters, ``?year=2008&country=MNE&compare=1999``, checked before use.

Pure functions: the page hands in the parameters (and, for ``embed``, the raw query string) and
gets back a view and a notice for every value it refused, which it shows. A bad link never
breaks the page: it falls back to the default of that parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from facts import FIRST_YEAR, Facts, today


@dataclass(frozen=True)
class ViewState:
    """A year, a selected unit and a year to compare with, and a notice for each refused value."""

    year: int
    country: str | None
    compare: int | None = None
    notices: list[str] = field(default_factory=list)


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def parse_year(raw: object, name: str) -> tuple[int | None, str | None]:
    """A year of the atlas from a URL value, or None and a notice (quoted as plain text; the page escapes it)."""
    text = str(raw).strip()
    last = today().year
    if text.isdigit() and FIRST_YEAR <= int(text) <= last:
        return int(text), None
    return None, f"The {name} “{_shorten(text)}” in the link is not a year from {FIRST_YEAR} to {last}"


def parse_view(params: Mapping[str, str], facts: Facts) -> ViewState:
    """Read year, country and compare from query parameters; bad values fall back with a notice.

    Notices quote the refused value as plain text, so a hostile URL such as
    ``?country=<script>`` is shown, never run.
    """
    notices = []
    year = today().year
    if params.get("year") is not None:
        parsed, notice = parse_year(params["year"], "year")
        if notice:
            notices.append(f"{notice}; showing {year} instead.")
        year = parsed or year
    country = None
    raw_country = params.get("country")
    if raw_country is not None:
        code = str(raw_country).strip().upper()
        if code in facts.units:
            country = code
        elif code:
            notices.append(
                f"The country “{_shorten(str(raw_country))}” in the link is not one the atlas knows; no country is selected."
            )
    compare = None
    if params.get("compare"):
        compare, notice = parse_year(params["compare"], "year to compare with")
        if notice:
            notices.append(f"{notice}; no comparison is shown.")
    return ViewState(year, country, compare, notices)


def view_params(year: int, country: str | None, compare: int | None) -> dict[str, str]:
    """The query parameters that restore a view (only those that differ from nothing)."""
    params = {"year": str(year)}
    if country:
        params["country"] = country
    if compare is not None:
        params["compare"] = str(compare)
    return params


def wants_embed(query_string: str) -> bool:
    """Whether the raw query string asks for the chrome-less map (``embed=1``).

    Streamlit keeps ``embed`` for itself and leaves it out of ``st.query_params``, so the page
    reads the query string the browser sent. ``embed=true`` also trims Streamlit's own frame.
    """
    values = parse_qs(query_string.lstrip("?")).get("embed", [])
    return any(value.strip().lower() in {"1", "true", "yes"} for value in values)
