"""The side panels as HTML from autoescaped templates: a country, the year, the legend, what changed.

Pure functions of the facts, so tests read what a user reads without Streamlit. A country panel
comes in parts (status, timeline so far, later steps, presence, sources), each its own page
element: between neighbouring years most parts are unchanged, and Streamlit then sends a short
reference to the copy the browser already has instead of the part itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.colours import text_colour_on
from dashboard.pin_symbols import SYMBOLS
from dashboard.templating import render
from dashboard.wording import human, with_article
from facts import DatedMilestone, Facts, Milestone, Site, Source, StatusAt, Unit, today, year_day

KIND_NAMES = {
    "warsaw_pact_end": "Warsaw Pact ends",
    "nacc": "North Atlantic Cooperation Council",
    "pfp": "Partnership for Peace",
    "eapc": "Euro-Atlantic Partnership Council",
    "ipap": "Individual Partnership Action Plan",
    "intensified_dialogue": "Intensified Dialogue",
    "map_invitation": "Invited to the MAP",
    "map": "Membership Action Plan",
    "invitation": "Invitation to join",
    "accession_protocol": "Accession protocol",
    "membership": "Membership",
    "independence": "Independence",
    "name_change": "Name change",
    "military_neutrality": "Military neutrality",
    "agreement": "Agreement",
    "offer": "Offer",
    "other": "Event",
}


@dataclass(frozen=True)
class TimelineItem:
    """A milestone as listed: its label, whether it lies after the chosen day, and whose it is."""

    milestone: Milestone
    kind: str
    later: bool = False
    who: str | None = None


def status_view(facts: Facts, status: str) -> dict[str, str]:
    """A status's label and colour, with the text colour that contrasts best on it."""
    entry = facts.status_entries[status]
    return {"label": entry.label, "colour": entry.colour, "text": text_colour_on(entry.colour)}


def when(year: int) -> str:
    """How the panels name the day that stands for a year."""
    return "today" if year >= today().year else f"on 31 December {year}"


def _item(milestone: Milestone, later: bool = False, who: str | None = None) -> TimelineItem:
    return TimelineItem(milestone, KIND_NAMES[milestone.kind], later, who)


def land_history(facts: Facts, unit: Unit) -> set[str]:
    """The unit, the units its land belonged to before, and, for a historical unit, its successors'."""
    found = {unit.id}
    owners = facts.land_owners()
    current = unit.id
    while current in owners:
        current = owners[current]
        found.add(current)
    if not unit.focus:
        for successor in unit.successors:
            found |= land_history(facts, facts.units[successor])
    return found


def absence(facts: Facts, unit: Unit, year: int) -> str:
    """Why a unit is not on the map in a year: ``In 1995, Montenegro did not yet exist ...: part of ...``."""
    day = year_day(year)
    name = unit.name_on(day)
    before = unit.start is not None and day < unit.start.earliest
    others = " and ".join(with_article(other.name_on(day)) for other in facts.neighbours_in_time(unit.id, day))
    state = "did not yet exist as a separate state on the map" if before else "no longer existed on the map"
    return f"In {year}, {name} {state}: {'part of' if before else 'succeeded by'} {others or 'another state'}."


def status_since(status: StatusAt) -> str:
    """Since when a status is held, as the panels write it: a date, "before 1990", or nothing for none."""
    return human(status.since) if status.since else ("before 1990" if status.status != "none" else "")


def _status_part(facts: Facts, unit: Unit, year: int) -> str:
    day = year_day(year)
    name = unit.name_on(day)
    if not unit.alive_on(day):
        return render("country_status.html", unit=unit, name=name, status=None, absence=absence(facts, unit, year))
    status = facts.status(unit.id, day)
    since = status_since(status)
    sources: list[Source] = list(status.milestone.sources) if status.milestone else []
    if not sources and unit.initial_status and unit.initial_status.status == status.status:
        sources = list(unit.initial_status.sources)
    return render(
        "country_status.html",
        unit=unit,
        name=name,
        year=year,
        status=status_view(facts, status.status),
        when=when(year),
        since=since,
        status_sources=sources,
    )


def _presence_item(site: Site, year: int) -> dict[str, object]:
    day = year_day(year)
    future = site.start.earliest > day
    gone = site.end is not None and site.end.earliest <= day
    symbol = SYMBOLS[site.kind]
    return {
        "site": site,
        "symbol": symbol,
        "name": site.name_on(day),
        "state": "later" if future else ("closed" if gone else ""),
        "dates": f"{human(site.start)} – {human(site.end, 'today')}",
        "kind": symbol.label,
    }


def country_panel(facts: Facts, unit_id: str, year: int) -> list[str]:
    """The selected unit in a year, in parts: status and summary, timeline so far, later steps, presence, sources."""
    unit = facts.units[unit_id]
    day = year_day(year)
    parts = [_status_part(facts, unit, year)]
    past = [_item(m) for m in facts.timeline(unit.id) if m.date.earliest <= day]
    later = [_item(m, later=True) for m in facts.timeline(unit.id) if m.date.earliest > day]
    if past:
        parts.append(render("country_timeline.html", heading=f"Timeline to {year}", items=past))
    if later:
        parts.append(render("country_timeline.html", heading=f"After {year}", items=later))
    land = land_history(facts, unit)
    sites = sorted((site for site in facts.sites if site.unit in land), key=lambda site: site.start.earliest)
    if sites:
        parts.append(render("country_presence.html", items=[_presence_item(site, year) for site in sites]))
    seen: dict[str, Source] = {}
    for source in [*unit.sources, *(s for m in unit.milestones for s in m.sources)]:
        seen.setdefault(source.url, source)
    sources = render("country_sources.html", sources=list(seen.values()), heading="Sources")
    if sites:
        parts[-1] += sources  # presence and sources change together, rarely: one element
    else:
        parts.append(sources)
    return parts


def _dated(item: DatedMilestone, day) -> TimelineItem:
    return _item(item.milestone, item.milestone.date.earliest > day, item.unit.name_on(item.milestone.date.earliest))


def year_panel_context(facts: Facts, year: int) -> dict[str, object]:
    """What the year's panel shows: the events and every unit's milestones of the year."""
    day = year_day(year)
    milestones = [_dated(item, day) for item in facts.milestones_in(year)]
    return {"year": year, "events": facts.events_in(year), "milestones": milestones}


def year_panel(facts: Facts, year: int) -> str:
    """The year's events and every unit's milestones of the year, with their sources."""
    return render("year_panel.html", **year_panel_context(facts, year))


def legend(facts: Facts) -> str:
    """The short legend beside the map: status colours, the hatched neighbours, pin symbols."""
    return render("legend.html", statuses=facts.legend, symbols=list(SYMBOLS.values()))


def legend_explained(facts: Facts) -> str:
    """Every status with its colour, label and explanation, and every pin symbol."""
    return render("legend_explained.html", statuses=facts.legend, symbols=list(SYMBOLS.values()))


def year_summary(facts: Facts, year: int) -> str:
    """The panel when no country is selected: how many countries hold each status, and the pins."""
    statuses = facts.statuses_in(year)
    counts = {entry.id: 0 for entry in facts.legend}
    for status in statuses.values():
        counts[status.status] += 1
    rows = [{"label": e.label, "colour": e.colour, "count": counts[e.id]} for e in facts.legend if counts[e.id]]
    return render(
        "year_summary.html", total=len(statuses), when=when(year), rows=rows, sites=len(facts.sites_active(year)), year=year
    )


def changes_panel(facts: Facts, first: int, second: int) -> str:
    """What changed between two years: each country's status before and after, and the dated steps."""
    early, late = sorted((first, second))
    changes = [
        {
            "name": change.unit.name_on(year_day(late)),
            "before": status_view(facts, change.before),
            "after": status_view(facts, change.after),
            "steps": [item.milestone for item in change.steps],
        }
        for change in facts.status_changes(early, late)
    ]
    return render("changes.html", first=early, second=late, changes=changes)


def sources_list_html(sources: list[Source]) -> str:
    """A list of sources (title as a link, publisher, date read), each once."""
    unique = list({source.url: source for source in sources}.values())
    return render("country_sources.html", sources=unique, heading=None)
