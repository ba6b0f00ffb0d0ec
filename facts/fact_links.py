"""Links from the panel texts to the records they cite (``[5 June 2017](fact:MNE/membership)``), resolved and checked."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facts.dates import FuzzyDate
from facts.schema import Event, Milestone, Site, Unit

if TYPE_CHECKING:
    from facts.queries import Facts

FACT_SCHEME = "fact:"
# [text](target) or [text](target "title"); a target may hold balanced parentheses (Wikipedia).
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\(\s*<?(?P<target>(?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_DATE = re.compile(
    rf"\b(?:(?P<iso>{_YEAR}-\d{{2}}(?:-\d{{2}})?)\b"
    rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>{_YEAR})\b"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>{_YEAR})\b"
    rf"|(?P<m3>{_MONTH})\.?,?\s+(?P<y3>{_YEAR})\b"
    rf"|(?P<y4>{_YEAR})\b)",
    re.IGNORECASE,
)


class FactRefError(LookupError):
    """A ``fact:`` reference that names no record, or more than one; the message says which and why."""


@dataclass(frozen=True)
class Fact:
    """The record a ``fact:`` reference names, with the dates a text may give for it."""

    ref: str
    kind: str  # milestone, site or event
    label: str  # how messages name it: "MNE's membership milestone", "event summit-bucharest-2008"
    record: Milestone | Site | Event
    dates: tuple[FuzzyDate, ...]  # a milestone's date; a site's or event's start and end


def find_fact(ref: str, units: Mapping[str, Unit], sites: Sequence[Site], events: Sequence[Event]) -> Fact:
    """The record ``ref`` names: a site or event id, ``UNIT/kind`` or ``UNIT/kind/YYYY-MM-DD``.

    Raises
    ------
    FactRefError
        If no record, or more than one, answers to ``ref``.
    """
    parts = ref.split("/")
    if len(parts) == 1:
        found = [Fact(ref, "site", f"site {ref}", s, (s.start, *([s.end] if s.end else []))) for s in sites if s.id == ref]
        found += [
            Fact(ref, "event", f"event {ref}", e, (e.date, *([e.end_date] if e.end_date else []))) for e in events if e.id == ref
        ]
        if len(found) == 1:
            return found[0]
        raise FactRefError(f"{ref!r} is both a site and an event id" if found else f"no site or event has the id {ref!r}")
    if len(parts) not in (2, 3):
        raise FactRefError(f"{ref!r} is not a site or event id, UNIT/kind or UNIT/kind/YYYY-MM-DD")
    unit_id, kind = parts[0], parts[1]
    if unit_id not in units:
        raise FactRefError(f"no unit has the id {unit_id!r}")
    candidates = [m for m in units[unit_id].milestones if m.kind == kind]
    if len(parts) == 3:
        candidates = [m for m in candidates if str(m.date) == parts[2]]
    if not candidates:
        raise FactRefError(f"{unit_id} has no {kind!r} milestone" + (f" dated {parts[2]}" if len(parts) == 3 else ""))
    if len(candidates) > 1:
        dates = ", ".join(str(m.date) for m in candidates)
        raise FactRefError(
            f"{ref!r} is ambiguous: {unit_id} has {len(candidates)} {kind!r} milestones ({dates}); write {unit_id}/{kind}/YYYY-MM-DD"
        )
    milestone = candidates[0]
    return Fact(ref, "milestone", f"{unit_id}'s {kind!r} milestone", milestone, (milestone.date,))


def fact_of(facts: Facts, ref: str) -> Fact:
    """The record a ``fact:`` reference names in validated facts (see :func:`find_fact`)."""
    return find_fact(ref, facts.units, facts.sites, facts.events)


def resolve_fact_ref(facts: Facts, ref: str) -> str | None:
    """The URL of the first source of the record ``ref`` names, or None if it names none.

    The dashboard turns a text's ``fact:`` links into links to these sources, so a reader lands
    on the primary source the record itself cites first.
    """
    try:
        return fact_of(facts, ref.removeprefix(FACT_SCHEME)).record.sources[0].url
    except (FactRefError, IndexError):
        return None


def link_facts(facts: Facts, markdown: str) -> str:
    """``markdown`` with every ``(fact:REF)`` link target replaced by the record's first source URL."""

    def replace(match: re.Match[str]) -> str:
        target = match["target"]
        if not target.startswith(FACT_SCHEME):
            return match[0]
        url = resolve_fact_ref(facts, target)
        return f"[{match['text']}]({url})" if url else match["text"]

    return LINK.sub(replace, markdown)


def written_dates(text: str) -> Iterator[tuple[str, FuzzyDate | None]]:
    """The dates a link text gives, as written and parsed (None for an impossible day such as 31 June)."""
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        if groups["iso"]:
            value = groups["iso"]
        elif groups["y4"]:
            value = groups["y4"]
        else:
            month = _MONTHS[(groups["m1"] or groups["m2"] or groups["m3"]).lower()]
            year, day = groups["y1"] or groups["y2"] or groups["y3"], groups["d1"] or groups["d2"]
            value = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        try:
            yield match[0], FuzzyDate.parse(value)
        except ValueError:
            yield match[0], None


def agrees(written: FuzzyDate, recorded: FuzzyDate) -> bool:
    """Whether a date in a text agrees with a record's date.

    A day must be the record's day; a month or a year must contain the record's date. A text
    never gives a date more precisely than its record (a day for a record known to the month).
    """
    if written.day is not None:
        return written == recorded
    if written.month is not None:
        return (recorded.year, recorded.month) == (written.year, written.month)
    return recorded.year == written.year
