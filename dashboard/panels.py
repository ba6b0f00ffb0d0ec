"""The side panels as escaped HTML: country details, the year's events, the legend, sources.

Pure functions of the facts, so tests can read what a user reads without Streamlit. Every
value from the data goes through ``esc``; links only ever carry http(s) URLs (the schema
refuses anything else).
"""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.map_builder import KIND_LABELS, PIN_SYMBOLS, esc
from facts import Facts, Milestone, Site, Source, Unit, today, year_day

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


def source_link(source: Source, label: str | None = None) -> str:
    """One source as a link that opens in a new tab, titled with its publisher and title."""
    text = label or source.title
    title = f"{source.publisher}: {source.title}"
    return f'<a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer" title="{esc(title)}">{esc(text)}</a>'


def sources_list(sources: Iterable[Source]) -> str:
    """A deduplicated list of sources: title (link), publisher."""
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.url, source)
    items = "".join(f"<li>{source_link(s)} — {esc(s.publisher)}</li>" for s in seen.values())
    return f'<ul class="atlas-sources">{items}</ul>'


def _badge(facts: Facts, status: str) -> str:
    entry = facts.status_entries[status]
    dark = status in ("member", "accession", "warsaw_pact", "intensified_dialogue")
    colour = "#ffffff" if dark else "#1a1a1a"
    return f'<span class="atlas-badge" style="background:{esc(entry.colour)};color:{colour}">{esc(entry.label)}</span>'


def _milestone_item(milestone: Milestone, future: bool, unit: Unit | None = None) -> str:
    refs = " ".join(source_link(source, f"[{index}]") for index, source in enumerate(milestone.sources, 1))
    detail = f'<div class="atlas-detail">{esc(milestone.detail)}</div>' if milestone.detail else ""
    note = f'<div class="atlas-note">Note: {esc(milestone.note)}</div>' if milestone.note else ""
    later = ' <span class="atlas-later">later</span>' if future else ""
    who = f"{esc(unit.name_on(milestone.date.earliest))}: " if unit else ""
    css = "atlas-future" if future else "atlas-past"
    kind = esc(KIND_NAMES[milestone.kind])
    return (
        f'<li class="{css}" data-kind="{esc(milestone.kind)}"><span class="atlas-date">{esc(milestone.date.human())}</span>'
        f'{later} <b>{who}{esc(milestone.title)}</b> <span class="atlas-kindname">({kind})</span> {refs}{detail}{note}</li>'
    )


def _with_article(name: str) -> str:
    """ "the Federal Republic of Yugoslavia", but "Serbia": names of a form take the article."""
    return f"the {name}" if name.split(" ")[0] in {"Federal", "Socialist", "Republic", "State"} else name


def _territory(facts: Facts, unit_id: str) -> set[str]:
    """The unit and, for a historical unit, every unit that later took over part of it."""
    found = {unit_id}
    if not facts.units[unit_id].focus:
        for successor in facts.units[unit_id].successors:
            found |= _territory(facts, successor)
    return found


def _site_item(site: Site, year: int) -> str:
    day = year_day(year)
    future = site.start.earliest > day
    gone = site.end is not None and site.end.earliest <= day
    end = site.end.human() if site.end else "ongoing"
    state = ' <span class="atlas-later">later</span>' if future else (" (closed)" if gone else "")
    symbol = PIN_SYMBOLS[site.kind][1]
    return (
        f'<li>{symbol} <b>{esc(site.name_on(day))}</b>{state}<br><span class="atlas-date">'
        f"{esc(site.start.human())} – {esc(end)}</span> · {esc(KIND_LABELS[site.kind])}. {esc(site.role)} "
        + " ".join(source_link(source, f"[{index}]") for index, source in enumerate(site.sources, 1))
        + "</li>"
    )


def country_panel(facts: Facts, unit_id: str, year: int) -> str:
    """The selected unit in a year: name, status and since when, timeline, NATO presence, sources."""
    unit = facts.units[unit_id]
    day = year_day(year)
    when = "today" if year >= today().year else f"on 31 December {year}"
    parts = [f'<div class="atlas-panel" data-unit="{esc(unit.id)}">']
    if unit.alive_on(day):
        status = facts.status(unit.id, day)
        since = (
            f" since {esc(status.since.human())}" if status.since else (" since before 1990" if status.status != "none" else "")
        )
        parts.append(f"<h3>{esc(unit.name_on(day))}</h3>")
        parts.append(f'<p class="atlas-status">Status {esc(when)}: {_badge(facts, status.status)}{since}</p>')
    else:
        others = facts.neighbours_in_time(unit.id, day)
        names = " and ".join(esc(_with_article(other.name_on(day))) for other in others) or "another state"
        before = unit.start is not None and day < unit.start.earliest
        relation = "part of" if before else "succeeded by"
        parts.append(f"<h3>{esc(unit.name_on(day))}</h3>")
        verb = "did not yet exist as a separate state" if before else "no longer existed"
        parts.append(f'<p class="atlas-absent">In {year}, {esc(unit.name_on(day))} {verb} on the map: {relation} {names}.</p>')
    parts.append(f'<p class="atlas-summary">{esc(unit.summary)}</p>')
    if unit.initial_status:
        parts.append(
            f'<p class="atlas-detail">Status on 1 January 1990: {_badge(facts, unit.initial_status.status)} '
            + " ".join(source_link(s, f"[{i}]") for i, s in enumerate(unit.initial_status.sources, 1))
            + "</p>"
        )
    if unit.milestones:
        items = "".join(_milestone_item(m, m.date.earliest > day) for m in facts.timeline(unit.id))
        parts.append(f'<h4>Timeline</h4><ol class="atlas-timeline">{items}</ol>')
    territory = _territory(facts, unit.id)
    sites = [site for site in facts.sites if site.unit in territory]
    if sites:
        items = "".join(_site_item(site, year) for site in sorted(sites, key=lambda s: s.start.earliest))
        parts.append(f'<h4>NATO presence on its territory</h4><ul class="atlas-sites">{items}</ul>')
    all_sources = [*unit.sources, *(s for m in unit.milestones for s in m.sources)]
    parts.append(f"<h4>Sources</h4>{sources_list(all_sources)}</div>")
    return "".join(parts)


def year_panel(facts: Facts, year: int) -> str:
    """ "This year": the events and every unit's milestones of the year, with their sources."""
    events = facts.events_in(year)
    milestones = facts.milestones_in(year)
    day = year_day(year)
    if not events and not milestones:
        return f'<div class="atlas-panel"><p>No event or milestone is recorded for {year}.</p></div>'
    parts = ['<div class="atlas-panel">']
    if events:
        items = []
        for event in events:
            dates = event.date.human() + (f" – {event.end_date.human()}" if event.end_date else "")
            place = f", {esc(event.place.rstrip('.'))}" if event.place else ""
            refs = " ".join(source_link(s, f"[{i}]") for i, s in enumerate(event.sources, 1))
            items.append(
                f'<li><span class="atlas-date">{esc(dates)}</span> <b>{esc(event.title)}</b>{place}. {esc(event.summary)} {refs}</li>'
            )
        parts.append(f'<h4>Events</h4><ul class="atlas-events">{"".join(items)}</ul>')
    if milestones:
        items = "".join(_milestone_item(m.milestone, m.milestone.date.earliest > day, m.unit) for m in milestones)
        parts.append(f'<h4>Milestones</h4><ol class="atlas-timeline">{items}</ol>')
    parts.append("</div>")
    return "".join(parts)


def legend_panel(facts: Facts) -> str:
    """Every status with its colour, label and explanation, and every pin symbol."""
    rows = "".join(
        f'<li><span class="atlas-swatch" style="background:{esc(e.colour)}"></span><b>{esc(e.label)}</b>: {esc(e.explanation)}</li>'
        for e in facts.legend
    )
    pins = "".join(f"<li>{svg} {esc(label)}</li>" for label, svg in PIN_SYMBOLS.values())
    return (
        f'<div class="atlas-panel"><ul class="atlas-legend-list">{rows}</ul>'
        f'<p>Pins show where NATO was present that year:</p><ul class="atlas-legend-list">{pins}</ul>'
        "<p>A country's colour is its status on 31 December of the chosen year (today, for the current year): "
        "the highest stage it held that day.</p></div>"
    )


def how_to_read(facts: Facts, year: int) -> str:
    """The empty country panel: what the map shows this year, in counts, and where to look next."""
    statuses = facts.statuses_in(year)
    counts = {entry.id: 0 for entry in facts.legend}
    for status in statuses.values():
        counts[status.status] += 1
    rows = "".join(
        f'<li><span class="atlas-swatch" style="background:{esc(entry.colour)}"></span>{esc(entry.label)}: '
        f"{counts[entry.id]}</li>"
        for entry in facts.legend
        if counts[entry.id]
    )
    when = "today" if year >= today().year else f"on 31 December {year}"
    sites = len(facts.sites_active(year))
    return (
        f'<div class="atlas-panel"><p>The {len(statuses)} countries on the map {esc(when)}:</p>'
        f'<ul class="atlas-legend-list">{rows}</ul>'
        f"<p>{sites} NATO site{'s' if sites != 1 else ''} and operation{'s' if sites != 1 else ''} "
        "were active this year (pins). The tabs below the map list the year's events, "
        "explain NATO's political and operational role in the region and Romania's, "
        "and define every status.</p></div>"
    )
