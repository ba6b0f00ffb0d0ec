"""The year-change benchmark's printed report: one table, the verdicts, and where the time and bytes go.

Kept apart from ``bench_year_change.py`` (which drives the servers and the browser) because the
table is what the project's notes quote: its rows, units and verdicts are easier to review here.
Every figure is a median with its p90 and n; ratios are naive over atlas.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.bench_year_change import Step

VARIANTS = ("atlas", "naive")
# Issue 11's targets, judged on the atlas's medians (metric -> unit, limit), and for the repaint
# the naive page's median over the atlas's, at least RATIO_TARGET.
TARGETS = {"repaint": ("ms", 100.0), "bytes_ws": ("KB", 30.0), "server": ("ms", 10.0), "warm": ("s", 1.5)}
RATIO_TARGET = 5.0

# key, label, unit
ROWS = [
    ("repaint", "(a) key press -> new fills painted, colours change", "ms"),
    ("repaint_all", "    the same, every step", "ms"),
    ("send", "    key press -> rerun request sent", "ms"),
    ("first_recv", "    key press -> first message received", "ms"),
    ("map_recv", "    key press -> map element received", "ms"),
    ("layer", "    key press -> server-confirmed view painted", "ms"),
    ("finished", "    key press -> script_finished received", "ms"),
    ("long_tasks", "    main thread in long tasks until repaint", "ms"),
    ("bytes_ws", "(b) websocket bytes received per year change", "KB"),
    ("bytes_http", "    HTTP bytes in the same window", "KB"),
    ("cache_refs", "    elements sent as cache references", ""),
    ("server", "(c) server rerun (ScriptRunner._run_script)", "ms"),
    ("server_cpu", "    CPU time of the script thread", "ms"),
    ("server_gc", "    of which garbage collection", "ms"),
    ("runs", "    script runs per year change", ""),
    ("warm", "(d) navigation -> map painted, warm HTTP cache", "s"),
    ("cold", "    navigation -> map painted, cold (first visit)", "s"),
]
MILESTONES = [
    "page HTML received",
    "Streamlit's scripts received",
    "websocket open",
    "map frame requested",
    "leaflet.js received",
    "atlas.js received",
    "shapes file received",
    "year table received",
    "first script run finished",
    "map painted",
    "long tasks before (sum)",
    "files loaded",
    "(cache)",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt(value: float, unit: str) -> str:
    if value != value:  # nan
        return "-"
    if unit == "s":
        return f"{value:.2f}"
    if unit == "":
        return f"{value:.0f}"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def collect(steps: list[Step], visits: dict[str, dict[str, list]]) -> dict[str, dict[str, list[float]]]:
    """Variant -> metric -> values, from the steps and the page loads."""
    out: dict[str, dict[str, list[float]]] = {variant: defaultdict(list) for variant in VARIANTS}
    for step in steps:
        values = out[step.variant]
        repaint = step.times["repaint"]
        if repaint is not None:
            values["repaint_all"].append(repaint)
            if step.colours_change:
                values["repaint"].append(repaint)
                values["long_tasks"].append(step.times["long_tasks"])
        for name in ("send", "first_recv", "map_recv", "layer", "finished"):
            if step.times[name] is not None:
                values[name].append(step.times[name])
        values["bytes_ws"].append(step.bytes_ws / 1000)
        values["bytes_http"].append(step.bytes_http / 1000)
        values["cache_refs"].append(step.cache_refs)
        values["runs"].append(len(step.runs))
        for run in step.runs:
            values["server"].append(run["ms"])
            values["server_cpu"].append(run["cpu_ms"])
            values["server_gc"].append(run["gc_ms"])
    for variant, kinds in visits.items():
        for kind, seconds in kinds.items():
            out[variant][kind] = [value for value in seconds if value is not None]
    return out


def table(results: dict[str, dict[str, list[float]]]) -> list[tuple[str, bool, str]]:
    head = f"{'metric':<50}{'unit':>5} | {'atlas med':>9}{'p90':>7}{'n':>4} | {'naive med':>9}{'p90':>7}{'n':>4} | {'naive/atlas':>11}"
    print("\n" + head)
    print("-" * len(head))
    verdicts = []
    for key, label, unit in ROWS:
        cells, medians = [], {}
        for variant in VARIANTS:
            values = results[variant].get(key, [])
            medians[variant] = median(values)
            cells.append(f"{fmt(medians[variant], unit):>9}{fmt(pct(values, 0.9), unit):>7}{len(values):>4}")
        ratio = medians["naive"] / medians["atlas"] if medians["atlas"] else float("nan")
        ratio_text = f"{ratio:.1f}x" if ratio == ratio and unit else "-"
        print(f"{label:<50}{unit:>5} | {cells[0]} | {cells[1]} | {ratio_text:>11}")
        if key in TARGETS:
            limit = TARGETS[key][1]
            text = f"{label[4:]}: atlas median {fmt(medians['atlas'], unit)} {unit} (target <= {limit:g} {unit})"
            verdicts.append((key, medians["atlas"] <= limit, text))
        if key == "repaint":
            text = f"repaint, naive / atlas: {ratio:.1f}x (target >= {RATIO_TARGET:g}x)"
            verdicts.append(("ratio", ratio == ratio and ratio >= RATIO_TARGET, text))
    return verdicts


def server_sections(steps: list[Step]) -> None:
    runs = [run for step in steps if step.variant == "atlas" for run in step.runs if run.get("fragment")]
    if not runs:
        return
    names = {name for run in runs for name in run.get("sections", {})}
    rows = [(name, [run["sections"].get(name, 0.0) for run in runs]) for name in names]
    rows.sort(key=lambda row: -median(row[1]))
    print(f"\nWhere the atlas's rerun goes (server, median ms per year change, inclusive; {len(runs)} fragment runs):")
    print(f"  {median([run['ms'] for run in runs]):7.1f}  whole rerun (wall)")
    print(f"  {median([run['cpu_ms'] for run in runs]):7.1f}  CPU of the script thread")
    print(f"  {median([run['gc_ms'] for run in runs]):7.1f}  garbage collection")
    for name, values in rows:
        if median(values) >= 0.05:
            print(f"  {median(values):7.1f}  {name}  (p90 {pct(values, 0.9):.1f})")


def bytes_breakdown(steps: list[Step]) -> None:
    for variant in VARIANTS:
        chosen = [step for step in steps if step.variant == variant]
        if not chosen:
            continue
        labels = {label for step in chosen for label in step.by_label}
        totals = {label: [step.by_label.get(label, 0) for step in chosen] for label in labels}
        print(f"\nWhere the bytes of a year change go, {variant} (median per step over {len(chosen)} steps; >= 0.05 KB):")
        for label, values in sorted(totals.items(), key=lambda item: -median(item[1]))[:14]:
            if median(values) >= 50:
                print(f"  {median(values) / 1000:7.2f} KB  {label}")


def load_milestones(waterfalls: dict[str, dict[str, list[dict]]]) -> None:
    print("\nPage loads, median ms since navigation start (files: resources loaded, of which from cache without a request):")
    kinds = [(variant, kind) for variant in VARIANTS for kind in ("warm", "cold")]
    print(f"  {'':<30}" + "".join(f"{variant + ' ' + kind:>13}" for variant, kind in kinds))
    for milestone in MILESTONES:
        cells = []
        for variant, kind in kinds:
            values = [w[milestone] for w in waterfalls[variant][kind] if milestone in w]
            cells.append(f"{median(values):13.0f}" if values else f"{'-':>13}")
        if any(cell.strip() != "-" for cell in cells):
            print(f"  {milestone:<30}" + "".join(cells))


def _some(steps: list[str], shown: int = 12) -> str:
    return ", ".join(steps[:shown]) + (", ..." if len(steps) > shown else "")


def anomalies(steps: list[Step]) -> None:
    lines = []
    for variant in VARIANTS:
        chosen = [step for step in steps if step.variant == variant]
        missing = [f"{s.year_from}->{s.year_to}" for s in chosen if s.times["repaint"] is None]
        remounted = [f"{s.year_from}->{s.year_to}" for s in chosen if variant == "atlas" and s.remounted]
        if missing:
            lines.append(f"  {variant}: no repaint seen in {len(missing)} steps ({_some(missing)})")
        if remounted:
            lines.append(f"  {variant}: the map frame was remounted in {len(remounted)} steps ({_some(remounted)})")
    if lines:
        print("\nNotes (a naive map identical to the year before's keeps its frame, so it has no repaint):")
        print("\n".join(lines))


def report(
    steps: list[Step], visits: dict[str, dict[str, list]], waterfalls: dict[str, dict[str, list[dict]]], loads: list[str]
) -> None:
    """Print the table, the verdicts and the breakdowns."""
    print(f"  load average: start {loads[0]}; after the year changes {loads[1] if len(loads) > 2 else '-'}; end {loads[-1]}")
    results = collect(steps, visits)
    verdicts = table(results)
    print("\nTargets of issue 11 (atlas medians; the naive page is the baseline, never judged):")
    for _, ok, text in verdicts:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    server_sections(steps)
    bytes_breakdown(steps)
    load_milestones(waterfalls)
    anomalies(steps)
