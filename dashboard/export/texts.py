"""The words on the picture: title, source line, Kosovo note, file name and the URL of the view.

Plain strings from plain inputs, so the page, the command line and the tests agree on them
without drawing anything.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from dashboard import share
from dashboard.wording import human, with_article
from facts import FIRST_YEAR, Facts, today, year_day

ATLAS_NAME = "NATO–Balkans Atlas"
DEFAULT_BASE_URL = "http://localhost:8501/"
FORMATS = ("png", "svg")
KOSOVO = "XKX"
# The note is shown from the year of UN Security Council Resolution 1244.
KOSOVO_NOTE_FROM = 1999


def check_year(year: int) -> int:
    """The year if the atlas covers it; a ValueError a reader can act on otherwise."""
    last = today().year
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= last:
        raise ValueError(f"the year must be from {FIRST_YEAR} to {last}, not {year!r}")
    return year


def check_format(fmt: str) -> str:
    """``png`` or ``svg``; a ValueError otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"the format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def picture_filename(year: int, fmt: str) -> str:
    """``nato-balkans-atlas-2008.png``: the year in the name, nothing a file system could misread."""
    name = f"nato-balkans-atlas-{check_year(year)}.{check_format(fmt)}"
    assert re.fullmatch(r"[a-z0-9.-]+", name), name  # only safe characters, by construction
    return name


def title(year: int) -> str:
    """``NATO status on 31 December 2008``, or ``NATO status today, 3 December 2026`` this year."""
    day = year_day(year)
    if year == today().year:
        return f"NATO status today, {human(day)}"
    return f"NATO status on {human(day)}"


def view_url(base: str, year: int, country: str | None = None) -> str:
    """The atlas's URL for this view: ``base`` with ``?year=2008`` and ``&country=MNE`` when given.

    Any query already on ``base`` is replaced, so the picture always names exactly its own view.
    """
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the URL must be an http(s) address such as {DEFAULT_BASE_URL}, not {base!r}")
    return share.view_url(urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", "")), year, country)


def source_line(url: str) -> str:
    """Who made the picture, how fresh its data is, and where to see the same view live."""
    return f"{ATLAS_NAME} · data as of {human(today())} · boundaries: Natural Earth · {url}"


def kosovo_note(facts: Facts, year: int) -> str | None:
    """The note on Kosovo's status for years from 1999, worded for before and after its declaration.

    Before the declaration the map draws Kosovo's land within the state that held it that year
    (from the facts' succession), and the note says so; the declaration's date comes from the
    facts (Kosovo's first day on the map), so the note and the map cannot disagree.
    """
    if year < KOSOVO_NOTE_FROM or KOSOVO not in facts.units:
        return None
    resolution = "Kosovo: under UN Security Council Resolution 1244 (1999)"
    kosovo = facts.units[KOSOVO]
    declared = kosovo.start.earliest if kosovo.start else None
    day = year_day(year)
    if declared is None or kosovo.alive_on(day):
        when = f" on {human(declared)}" if declared else ""
        return f"{resolution}; declared independence{when}; NATO Allies differ on its recognition."
    holders = facts.neighbours_in_time(KOSOVO, day)
    within = f"; drawn as part of {with_article(holders[0].name_on(day))}" if holders else ""
    return f"{resolution}{within} until its declaration of independence on {human(declared)}."
