"""The source policy: who may be cited for what, checked source by source and record by record."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from facts.loading import Problem, RawData
from facts.policy_tables import SourceTables
from facts.schema import Source, Sourced
from facts.urls import MalformedUrl, on_domain, parse_url

PRIMARY_SHARE = 0.85  # of milestones, sites and events whose first source must be primary
SHARE_GROUPS = ("milestone", "site", "event")
STATE_MEDIA_RULE = "state media of a party may support but never be the only source"
PRIMARY_FIRST_RULE = "put the primary source first"


@dataclass(frozen=True)
class SourcedRecord:
    """A record that carries sources, located for messages: file, record label, field path, group."""

    file: str
    label: str
    path: str  # "" for the top-level record, else e.g. "milestones[3]"
    group: str  # unit, initial_status, milestone, site, event or text
    record: Sourced

    def field(self, rest: str) -> str:
        """The field path of ``rest`` inside this record (``milestones[3].sources[1].url``)."""
        return f"{self.path}.{rest}" if self.path else rest


def sourced_records(data: RawData) -> Iterator[SourcedRecord]:
    """Every record of the data that must name sources, the nested ones (milestones) included."""
    for file, unit in data.units:
        yield SourcedRecord(file, unit.id, "", "unit", unit)
        if unit.initial_status is not None:
            yield SourcedRecord(file, unit.id, "initial_status", "initial_status", unit.initial_status)
        for index, milestone in enumerate(unit.milestones):
            yield SourcedRecord(file, unit.id, f"milestones[{index}]", "milestone", milestone)
    for site in data.sites:
        yield SourcedRecord(data.files["sites"], site.id, "", "site", site)
    for event in data.events:
        yield SourcedRecord(data.files["events"], event.id, "", "event", event)
    for text in data.texts:
        yield SourcedRecord(data.files[f"text:{text.id}"], text.id, "", "text", text)


def url_problems(url: str, tables: SourceTables) -> list[tuple[str, str]]:
    """(rule, message) for a URL that is malformed or on a denied site; empty when it may be cited."""
    try:
        cited = parse_url(url)
    except MalformedUrl as exc:
        return [("malformed_url", f"{url}: malformed URL: {exc}")]
    for host in cited.hosts:
        entry = tables.denied(host)
        if entry is not None:
            return [("weak_source", f"{url}: {entry.domain} is a weak source ({entry.kind}): {entry.reason}")]
    return []


def source_problems(source: Source, tables: SourceTables) -> list[tuple[str, str, str]]:
    """(field, rule, message) for everything wrong with one source; field is relative to the source."""
    found = [
        (field, "pipe", f"a '|' in the {field} would make the ' | ' joins of the CSV exports ambiguous; use another character")
        for field in ("publisher", "title")
        if "|" in getattr(source, field)
    ]
    weak = url_problems(source.url, tables)
    found += [("url", rule, message) for rule, message in weak]
    if weak or tables.publishers is None:
        return found
    publisher = tables.publisher(source.publisher)
    if publisher is None:
        message = (
            f"{source.url}: publisher {source.publisher!r} is not in publishers.yaml; "
            "use a name from it exactly, or append the publisher with its kind and domains"
        )
        return [*found, ("publisher", "unknown_publisher", message)]
    cited = parse_url(source.url)
    if not any(on_domain(cited.host, domain) for domain in publisher.domains):
        where = f"the archived original is on {cited.host}" if cited.archive else f"the URL is on {cited.host}"
        owner = tables.owner(cited.host)
        hint = f" (that site is {owner.name!r}'s)" if owner else ""
        message = (
            f"{source.url}: {where}{hint}, not on a site of {publisher.name!r} ({', '.join(publisher.domains)}): "
            "the publisher must be the owner of the site the URL is on"
        )
        found.append(("url", "publisher_site", message))
    return found


def _host(url: str) -> str:
    try:
        return parse_url(url).host
    except MalformedUrl:
        return ""


def is_primary(source: Source, tables: SourceTables) -> bool:
    """Whether a source is primary: a primary publisher on its own site (or an archive copy of it)."""
    return tables.is_primary(source.publisher, _host(source.url))


def source_kind(source: Source, tables: SourceTables) -> str:
    """The kind of a source for the report: its site owner's kind, its publisher's, or 'unknown'."""
    return tables.kind_of(source.publisher, _host(source.url)) or "unknown"


def _record_problems(item: SourcedRecord, tables: SourceTables) -> Iterator[Problem]:
    sources = item.record.sources
    for index, source in enumerate(sources):
        for field, rule, message in source_problems(source, tables):
            yield Problem(item.file, item.label, item.field(f"sources[{index}].{field}"), message, rule)
    if tables.publishers is None or not sources:
        return
    if all(source_kind(source, tables) == "state_media" for source in sources):
        names = ", ".join(sorted({source.publisher for source in sources}))
        yield Problem(
            item.file,
            item.label,
            item.field("sources"),
            f"every source is state media ({names}): {STATE_MEDIA_RULE}",
            "state_media_only",
        )
    if not is_primary(sources[0], tables):
        later = next((index for index, source in enumerate(sources) if is_primary(source, tables)), None)
        if later is not None:
            message = (
                f"{sources[0].url}: the first source ({sources[0].publisher}) is not primary, "
                f"but sources[{later}] ({sources[later].publisher}) is: {PRIMARY_FIRST_RULE}"
            )
            yield Problem(item.file, item.label, item.field("sources[0]"), message, "primary_first")


def primary_share(data: RawData, tables: SourceTables) -> tuple[int, int]:
    """(records whose first source is primary, records) over the milestones, sites and events."""
    items = [item for item in sourced_records(data) if item.group in SHARE_GROUPS]
    primary = sum(1 for item in items if item.record.sources and is_primary(item.record.sources[0], tables))
    return primary, len(items)


def check_tables(data: RawData) -> list[Problem]:
    """The tables themselves: names and domains unique, and no site both a publisher's and denied."""
    problems = []
    publishers, weak = data.publishers or [], data.weak_sources or []
    file = data.files.get("publishers", "publishers.yaml")
    for name, count in Counter(publisher.name for publisher in publishers).items():
        if count > 1:
            problems.append(Problem(file, name, "name", "publisher listed more than once", "table"))
    owners: dict[str, str] = {}
    for publisher in publishers:
        for domain in publisher.domains:
            if domain in owners:
                problems.append(Problem(file, publisher.name, "domains", f"{domain} is already {owners[domain]!r}'s", "table"))
            owners.setdefault(domain, publisher.name)
            denied = SourceTables(None, weak).denied(domain)
            if denied is not None:
                message = f"{domain} falls under the deny table's {denied.domain} ({denied.kind}): a site is either a publisher's or denied"
                problems.append(Problem(file, publisher.name, "domains", message, "table"))
    weak_file = data.files.get("weak_sources", "weak_sources.yaml")
    for domain, count in Counter(entry.domain for entry in weak).items():
        if count > 1:
            problems.append(Problem(weak_file, domain, "domain", "domain listed more than once", "table"))
    return problems


def check_source_policy(data: RawData) -> list[Problem]:
    """Every source against the policy, every record's sources as a whole, and the primary-first share."""
    tables = SourceTables(data.publishers, data.weak_sources)
    problems = check_tables(data)
    for item in sourced_records(data):
        problems.extend(_record_problems(item, tables))
    primary, total = primary_share(data, tables)
    if data.publishers is not None and total and primary / total < PRIMARY_SHARE:
        message = (
            f"only {primary / total:.1%} of milestones, sites and events ({primary} of {total}) cite a primary source first; "
            f"at least {PRIMARY_SHARE:.0%} must (python -m facts check --sources lists them)"
        )
        problems.append(Problem("", "primary-first share", "", message, "primary_share"))
    return problems
