"""The curator's work list of ``python -m facts check --sources``: primary-first shares, kinds of source, records to fix."""

from __future__ import annotations

from collections import Counter, defaultdict

from facts.loading import Problem, RawData
from facts.policy_tables import PRIMARY_KINDS, SourceTables
from facts.source_policy import PRIMARY_SHARE, SHARE_GROUPS, is_primary, source_kind, sourced_records, url_problems


def _share(primary: int, total: int) -> str:
    return f"{primary}/{total} ({primary / total:.1%})" if total else "0/0"


def sources_report(data: RawData, problems: list[Problem]) -> str:
    """The report as text: what a curator needs to raise the share of primary sources, worst first.

    Counts come from the data as read, so the report is useful even while the check fails.
    """
    tables = SourceTables(data.publishers, data.weak_sources)
    items = list(sourced_records(data))
    per_file: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: Counter[str] = Counter()
    not_primary = []
    for item in items:
        sources = item.record.sources
        primary = bool(sources) and is_primary(sources[0], tables)
        if item.group in SHARE_GROUPS:
            per_file[item.file][0] += primary
            per_file[item.file][1] += 1
        for source in sources:
            kinds["denied" if url_problems(source.url, tables) else source_kind(source, tables)] += 1
        if not primary:
            not_primary.append(item)

    lines = []
    primary_total, total = (sum(counts[i] for counts in per_file.values()) for i in (0, 1))
    lines.append(
        f"Primary source first: {_share(primary_total, total)} of milestones, sites and events (target {PRIMARY_SHARE:.0%})"
    )
    for file, (primary, count) in sorted(per_file.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])):
        lines.append(f"  {file}: {_share(primary, count)}")
    lines.append(f"Sources by publisher kind ({sum(kinds.values())} sources; primary kinds: {', '.join(PRIMARY_KINDS)}):")
    for kind, count in kinds.most_common():
        lines.append(f"  {kind}: {count}")
    lines.append(f"Records whose first source is not primary ({len(not_primary)}):")
    for item in not_primary:
        where = ": ".join(part for part in (item.file, item.label, item.path) if part)
        if item.record.sources:
            first = item.record.sources[0]
            lines.append(f"  {where}: {first.publisher} ({source_kind(first, tables)}) {first.url}")
        else:
            lines.append(f"  {where}: no source")
    rules = Counter(problem.rule for problem in problems if problem.rule)
    lines.append(f"Source-policy problems by rule ({sum(rules.values())}):")
    for rule, count in rules.most_common():
        lines.append(f"  {rule}: {count}")
    return "\n".join(lines) + "\n"
