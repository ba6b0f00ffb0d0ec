"""The view as URL query parameters: ``?year=2008&country=MNE``, checked before use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from facts import FIRST_YEAR, Facts, today


@dataclass(frozen=True)
class ViewState:
    """A year and a selected unit, with a notice for each value of the URL that was refused."""

    year: int
    country: str | None
    notices: list[str] = field(default_factory=list)


def default_year() -> int:
    """The year the atlas opens on: the current one."""
    return today().year


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def parse_view(params: Mapping[str, str], facts: Facts) -> ViewState:
    """Read the year and country from query parameters; bad values fall back with a notice.

    Notices quote the refused value as plain text (the page escapes it), so a hostile URL such
    as ``?country=<script>`` is shown, never run.
    """
    notices = []
    last = today().year
    year = default_year()
    raw_year = params.get("year")
    if raw_year is not None:
        text = str(raw_year).strip()
        if text.isdigit() and FIRST_YEAR <= int(text) <= last:
            year = int(text)
        else:
            notices.append(
                f"The year “{_shorten(text)}” in the link is not a year from {FIRST_YEAR} to {last}; showing {year} instead."
            )
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
    return ViewState(year, country, notices)
