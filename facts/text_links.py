"""Checks of the links in the panel texts: fact links resolve and agree with their records, web links obey the policy."""

from __future__ import annotations

from collections.abc import Iterator

from facts.fact_links import FACT_SCHEME, LINK, Fact, FactRefError, agrees, find_fact, written_dates
from facts.loading import Problem, RawData
from facts.policy_tables import SourceTables
from facts.schema import Text
from facts.source_policy import url_problems


def _describe(fact: Fact) -> str:
    if fact.kind == "milestone":
        return f"dated {fact.dates[0].human()}"
    ends = f" and ends {fact.dates[1].human()}" if len(fact.dates) > 1 else ""
    return f"starts {fact.dates[0].human()}{ends}"


def _date_problems(text: str, fact: Fact) -> Iterator[tuple[str, str]]:
    """(rule, message) for each date in a link's text that its record contradicts."""
    for written, date in written_dates(text):
        if date is None:
            yield "fact_link_date", f"{written!r} is not a real date"
        elif not any(agrees(date, recorded) for recorded in fact.dates):
            message = f"the text says {date.human()}, but {fact.label} is {_describe(fact)}; texts and records must agree"
            yield "fact_link_date", message


def _names_invalid_record(ref: str, data: RawData) -> bool:
    """Whether ``ref`` names a unit, site or event that exists in the files but failed validation."""
    first = ref.split("/")[0]
    loaded = {unit.id for _, unit in data.units} | {site.id for site in data.sites} | {event.id for event in data.events}
    return first not in loaded and first in data.declared_unit_ids | data.declared_record_ids


def _text_problems(file: str, text: Text, data: RawData, tables: SourceTables) -> Iterator[Problem]:
    units = {unit.id: unit for _, unit in data.units}
    for number, match in enumerate(LINK.finditer(text.body), start=1):
        link, target = match[0], match["target"]
        field = f"body (link {number})"
        if target.startswith(FACT_SCHEME):
            try:
                fact = find_fact(target.removeprefix(FACT_SCHEME), units, data.sites, data.events)
            except FactRefError as exc:
                if _names_invalid_record(target.removeprefix(FACT_SCHEME), data):
                    continue  # the record itself is reported as invalid; do not report every link to it
                yield Problem(file, text.id, field, f"{link}: the fact link does not resolve: {exc}", "fact_link")
                continue
            for rule, message in _date_problems(match["text"], fact):
                yield Problem(file, text.id, field, f"{link}: {message}", rule)
        elif target.lower().startswith(("http://", "https://")):
            for rule, message in url_problems(target, tables):
                yield Problem(file, text.id, field, message, rule)
        elif not target.startswith("#"):
            message = f"{link}: a link must point to fact:REF, an http(s) URL or a #heading"
            yield Problem(file, text.id, field, message, "link_target")


def check_text_links(data: RawData) -> list[Problem]:
    """Every link of every panel text, so that texts and records cannot drift apart.

    ``fact:`` links must name one record and agree with its dates; web links must be well-formed
    and not on a denied site (a link names no publisher, so the publisher rule cannot apply).
    """
    tables = SourceTables(data.publishers, data.weak_sources)
    problems = []
    for text in data.texts:
        problems.extend(_text_problems(data.files[f"text:{text.id}"], text, data, tables))
    return problems
