"""The load test's results and the table it prints: latency percentiles, errors by kind, bytes, CPU, memory.

Kept apart from the runner so tests can build a report by hand and check the verdict: a report
passes only with no failed session and the p95 latency within the target.
"""

from __future__ import annotations

import json
import math
import os
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field

ERROR_KINDS = ("refused", "dropped", "timeout", "wrong", "client")


@dataclass
class SessionResult:
    """One reader: where it went (URL, affinity cookie), its page load, its changes, its error if any."""

    index: int
    url: str
    server: str = ""
    load_seconds: float | None = None
    latencies: list[float] = field(default_factory=list)
    received: list[int] = field(default_factory=list)
    error: tuple[str, str] | None = None


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


@dataclass
class LoadReport:
    urls: list[str]
    sessions: int
    changes: int
    think: float
    expect: str
    pids: list[int]
    results: list[SessionResult] = field(default_factory=list)
    change_seconds: float = 0.0
    cpu_seconds: float | None = None
    rss: dict[str, int | None] = field(default_factory=dict)
    release: list[tuple[float, int | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    machine: str = field(default_factory=lambda: f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start")

    @property
    def latencies(self) -> list[float]:
        return [seconds for result in self.results for seconds in result.latencies]

    @property
    def errors(self) -> Counter:
        return Counter(result.error[0] for result in self.results if result.error)

    def p(self, percent: float) -> float | None:
        return percentile(self.latencies, percent) if self.latencies else None

    def passed(self, target_p95: float) -> bool:
        p95 = self.p(95)
        return not self.errors and p95 is not None and p95 <= target_p95

    def to_json(self, target_p95: float) -> str:
        summary = {f"p{n}": self.p(n) for n in (50, 95, 99)} | {"errors": dict(self.errors), "passed": self.passed(target_p95)}
        return json.dumps(asdict(self) | {"summary": summary}, indent=1)


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def _mb(value: int | float | None) -> str:
    return "-" if value is None else f"{round(value / 2**20, 1) + 0.0:.1f} MB"  # + 0.0: no "-0.0"


def _latency_line(latencies: list[float]) -> str:
    if not latencies:
        return "no answer"
    return "  ".join(f"p{n} {_ms(percentile(latencies, n))}" for n in (50, 95, 99)) + f"  max {_ms(max(latencies))}"


def format_report(report: LoadReport, target_p95: float) -> str:
    """The table printed at the end of a run."""
    opened = [r for r in report.results if r.load_seconds is not None]
    done = report.latencies
    received = [b for r in report.results for b in r.received]
    lines = [
        f"load: {report.sessions} sessions x {report.changes} changes, think {report.think * 1000:.0f} ms, "
        f"against {', '.join(report.urls)}" + (f" (server pids {', '.join(map(str, report.pids))})" if report.pids else ""),
        f"{'machine':<24}{report.machine} (other work on it slows the answers: compare runs at a similar load)",
        f"{'pages loaded':<24}{len(opened)}/{report.sessions}"
        + (f"   load p50 {_ms(statistics.median([r.load_seconds for r in opened]))}" if opened else ""),
        f"{'year changes answered':<24}{len(done)}/{report.sessions * report.changes} in {report.change_seconds:.1f} s",
        f"{'latency per change':<24}{_latency_line(done)}",
        f"{'errors':<24}{sum(report.errors.values())} ("
        + ", ".join(f"{kind} {report.errors.get(kind, 0)}" for kind in ERROR_KINDS)
        + ")",
        f"{'bytes per change':<24}"
        + (
            f"{statistics.median(received) / 1024:.1f} KB median, {statistics.mean(received) / 1024:.1f} KB mean"
            if received
            else "-"
        ),
    ]
    if report.cpu_seconds is not None and done:
        lines.append(
            f"{'server CPU per change':<24}{report.cpu_seconds / len(done) * 1000:.1f} ms ({report.cpu_seconds:.1f} s in all)"
        )
    base, open_, after = (report.rss.get(k) for k in ("before opening", "with sessions open", "after the changes"))
    if base is not None and open_ is not None and opened:
        lines.append(
            f"{'server memory':<24}{_mb(base)} before, {_mb(open_)} with {len(opened)} sessions open "
            f"({_mb((open_ - base) / len(opened))} per session), {_mb(after)} after the changes"
            + (f" ({_mb((after - base) / len(opened))} per session)" if after is not None else "")
        )
    if report.release and after is not None and base is not None:
        steps = ", ".join(f"{_mb(rss)} at +{t:.0f} s" for t, rss in report.release[:: max(len(report.release) // 4, 1)])
        final_t, final = report.release[-1]
        lines.append(
            f"{'after closing':<24}{steps}; {_mb(after - (final or 0))} of the sessions' {_mb(after - base)} "
            f"given back at +{final_t:.0f} s"
        )
    # Per replica: by the load balancer's affinity cookie, or by URL when sessions went to several apps.
    groups = {r.server for r in report.results if r.server} or (
        {r.url for r in report.results} if len(report.urls) > 1 else set()
    )
    for group in sorted(groups):
        mine = [r for r in report.results if group in (r.server, r.url)]
        errors = Counter(r.error[0] for r in mine if r.error)
        label = "by affinity" if any(r.server for r in mine) else "by server"
        lines.append(
            f"  {label} {group[-22:]:<22} {len(mine)} sessions, {_latency_line([s for r in mine for s in r.latencies])}, "
            f"errors {sum(errors.values())}" + (f" {dict(errors)}" if errors else "")
        )
    for result in [r for r in report.results if r.error][:10]:
        lines.append(f"  session {result.index} ({result.server or result.url}): {result.error[0]}: {result.error[1]}")
    lines += [f"  note: {note}" for note in report.notes]
    p95 = report.p(95)
    verdict = "PASS" if p95 is not None and p95 <= target_p95 else "FAIL"
    lines.append(
        f"{'targets':<24}p95 <= {_ms(target_p95)}: {verdict} ({_ms(p95)}); "
        f"errors == 0: {'PASS' if not report.errors else 'FAIL'} ({sum(report.errors.values())})"
    )
    return "\n".join(lines)
