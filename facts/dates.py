"""Dates as precise as their source: a day, a month or only a year."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A date known to the day, the month or the year (``2009-04-01``, ``1999-04``, ``1952``).

    Sources often give only a month ("in April 1999") and we never invent the missing day, so
    the precision is part of the value. ``earliest`` and ``latest`` bound the day it stands for.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (YAML may hand us a date or an int)."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        match = _PATTERN.match(value.strip())
        if not match:
            raise ValueError(f"malformed date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"malformed date {value!r}: month {month} does not exist")
        if day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"malformed date {value!r}: day {day} does not exist") from None
        return cls(year, month, day)

    @property
    def earliest(self) -> dt.date:
        """The first day this date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date may stand for."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def human(self) -> str:
        """A reader's form: ``1 April 2009``, ``April 1999`` or ``1952``."""
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


def today() -> dt.date:
    """Today, or the day named by ``NATO_ATLAS_TODAY`` (YYYY-MM-DD) for reproducible runs."""
    override = os.environ.get("NATO_ATLAS_TODAY")
    return dt.date.fromisoformat(override) if override else dt.date.today()


def year_day(year: int, on: dt.date | None = None) -> dt.date:
    """The day that stands for a year on the map: 31 December, or today for the current year."""
    now = on or today()
    return now if year >= now.year else dt.date(year, 12, 31)


FIRST_YEAR = 1990
