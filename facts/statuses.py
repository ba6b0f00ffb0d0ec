"""A unit's NATO integration status on a day, derived from its milestones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from facts.dates import FuzzyDate
from facts.schema import STATUS_ORDER, Milestone, Unit


@dataclass(frozen=True)
class StatusAt:
    """The status a unit holds on a day, and when and by which milestone it reached it.

    ``since`` and ``milestone`` are None for a status held since before 1990 (the unit's
    ``initial_status``) and for ``none`` when the unit never held anything.
    """

    status: str
    since: FuzzyDate | None
    milestone: Milestone | None


def _rank(status: str) -> int:
    return STATUS_ORDER.index(status)


def status_on(unit: Unit, day: dt.date) -> StatusAt:
    """The highest stage ``unit`` holds on ``day``.

    Every stage-setting milestone adds its stage from its date on (a date known only to the
    month or year counts from its last possible day, so we never claim a stage too early);
    ``warsaw_pact_end`` removes the Warsaw Pact stage. The status is the highest stage held.
    """
    held: dict[str, tuple[FuzzyDate | None, Milestone | None]] = {}
    initial = unit.initial_status
    if initial is not None and initial.status != "none":
        held[initial.status] = (None, None)
    ended: Milestone | None = None
    for milestone in unit.milestones:
        if milestone.date.latest > day:
            continue
        if milestone.kind == "warsaw_pact_end":
            held.pop("warsaw_pact", None)
            ended = milestone
        elif milestone.stage is not None and held.get(milestone.stage, (None, None))[0] is None:
            # A dated milestone replaces an undated initial status of the same stage (Greece and
            # Turkey: members since 18 February 1952, not "since before 1990").
            held[milestone.stage] = (milestone.date, milestone)
    if not held:
        return StatusAt("none", ended.date if ended else None, ended)
    best = min(held, key=_rank)
    since, milestone = held[best]
    return StatusAt(best, since, milestone)
