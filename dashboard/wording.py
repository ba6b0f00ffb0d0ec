"""How the atlas writes dates and names in English, the same on the page, in pictures and in citations."""

from __future__ import annotations

import calendar
import datetime as dt

from facts import FuzzyDate


def human(value: FuzzyDate | dt.date | None, empty: str = "") -> str:
    """A date as a reader writes it: ``5 June 2017``, ``June 2017`` or ``2017``, whatever the locale."""
    if value is None:
        return empty
    if isinstance(value, dt.date):
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    return value.human()


def with_article(name: str) -> str:
    """``the Federal Republic of Yugoslavia`` but ``Serbia``: names built on a common noun take "the"."""
    common = {"republic", "federation", "kingdom", "union", "state", "states"}
    return f"the {name}" if common & set(name.lower().split()) and not name.startswith("the ") else name
