"""Curated, sourced facts on NATO and the Balkans since 1990, and the questions asked of them."""

from facts.dates import FIRST_YEAR, FuzzyDate, today, year_day
from facts.load import FactsError, load_facts, validate
from facts.queries import DatedMilestone, Facts, StatusChange
from facts.schema import STATUS_ORDER, Event, Milestone, Site, Source, StatusEntry, Text, Unit
from facts.statuses import StatusAt

__all__ = [
    "FIRST_YEAR",
    "STATUS_ORDER",
    "DatedMilestone",
    "Event",
    "Facts",
    "FactsError",
    "FuzzyDate",
    "Milestone",
    "Site",
    "Source",
    "StatusAt",
    "StatusChange",
    "StatusEntry",
    "Text",
    "Unit",
    "load_facts",
    "today",
    "validate",
    "year_day",
]
