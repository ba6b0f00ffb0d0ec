"""Load test of real sessions: N concurrent readers changing the year, each answer checked.

    python benchmarks/load_sessions.py --url http://127.0.0.1:8501 --sessions 50 --changes 10
    python benchmarks/load_sessions.py --url http://127.0.0.1:8080 --server-pid 1234 --server-pid 1240
    python benchmarks/load_sessions.py --start-local 2 --sessions 20 --changes 5

Each session speaks Streamlit's websocket protocol as a browser does (``st_session.py``): it
loads the page through the given URL, keeping the cookies (a load balancer's affinity cookie
included), waits until every session has its page, then changes the year ``--changes`` times to
random years (never the same twice in a row) with ``--think`` seconds between an answer and the
next change, and checks that each answer shows that year (``--expect``, a regular expression in
which ``{year}`` stands for the year). Latency is from sending the rerun to its
``script_finished``. With the server's pids (``--server-pid``, repeatable; found by itself for the
apps ``--start-local`` starts) it also reports server CPU seconds per change and memory: before
the sessions open, with them open, and for ``--release-wait`` seconds after they close. Streamlit
keeps a closed session for two minutes in case its browser reconnects, and drops it when another
session is stored after that: with ``--release-wait 125`` or more, one more reader comes and goes
at the end, and the last sample shows what was given back.

It targets only this machine's addresses, is bounded (``MAX_SESSIONS``, ``MAX_CHANGES``,
``--timeout`` for the whole run, ``--change-timeout`` per change) and stops by itself. Exit
status 1 when any session failed (refused, dropped, timed out or a wrong answer: each is
counted, never dropped) or the p95 target is missed; 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import proc_stats  # noqa: E402
from benchmarks.load_report import LoadReport, SessionResult, format_report  # noqa: E402
from benchmarks.st_session import DEFAULT_EXPECT, Session, SessionError  # noqa: E402

MAX_SESSIONS = 200
MAX_CHANGES = 100
MAX_TIMEOUT = 1800.0
RECONNECT_WINDOW = 120.0  # Streamlit keeps a closed session this long for its browser to reconnect


async def _reader(index: int, session: Session, result: SessionResult, changes: int, think: float, years: range, seed: int):
    """One reader's year changes, after its page is loaded; stops at its first error."""
    rng = random.Random(seed * 1_000_003 + index)  # noqa: S311 - reproducible years, not secrets
    await asyncio.sleep(rng.uniform(0, think))  # readers do not move in lockstep
    year = None
    try:
        for _ in range(changes):
            year = rng.choice([y for y in years if y != year])
            seconds, run = await session.change_year(year)
            result.latencies.append(seconds)
            result.received.append(run.received)
            await asyncio.sleep(think)
    except SessionError as error:
        result.error = (error.kind, f"changing to {year}: {error.detail}")
    except Exception as error:  # a fault of this client is a failed session too, never a silent one
        result.error = ("client", f"changing to {year}: {error!r}")


async def run_load(
    urls: list[str],
    sessions: int,
    changes: int,
    *,
    think: float = 0.2,
    change_timeout: float = 10.0,
    timeout: float = 300.0,
    expect: str = DEFAULT_EXPECT,
    pids: tuple[int, ...] = (),
    release_wait: float = 10.0,
    years: range = range(1990, 2027),
    affinity_cookie: str = "SERVERID",
    seed: int = 1,
    on_changes_started=None,
) -> LoadReport:
    """Run the load and return its report. ``on_changes_started`` (a coroutine function) runs alongside the changes."""
    if not 1 <= sessions <= MAX_SESSIONS or not 1 <= changes <= MAX_CHANGES or not 0 < timeout <= MAX_TIMEOUT:
        raise ValueError(f"sessions 1..{MAX_SESSIONS}, changes 1..{MAX_CHANGES}, timeout up to {MAX_TIMEOUT:.0f} s")
    for url in urls:
        proc_stats.check_local(url)
    deadline = time.monotonic() + timeout
    report = LoadReport(urls, sessions, changes, think, expect, list(pids))
    pids = tuple(pid for pid in pids if proc_stats.alive(pid))

    # Warm-up: a page from every server (behind a load balancer: until as many affinity cookies as
    # server pids were seen), so the baseline memory holds the app's caches, not a session's share.
    servers: set[tuple[str, str]] = set()
    for index in range(3 * max(len(urls), len(pids), 1)):
        warm = Session(urls[index % len(urls)], expect=expect, timeout=change_timeout)
        try:
            await asyncio.wait_for(warm.open(), max(deadline - time.monotonic(), 1))
        except (SessionError, TimeoutError) as error:
            report.notes.append(f"warm-up page failed: {error}")
            break
        finally:
            await warm.close()
        servers.add((warm.base_url, warm.cookies.get(affinity_cookie, "")))
        if len(servers) >= max(len(urls), len(pids), 1):
            break
    report.rss["before opening"] = proc_stats.total_rss(pids)

    readers = [Session(urls[i % len(urls)], expect=expect, timeout=change_timeout) for i in range(sessions)]
    results = [SessionResult(i, readers[i].base_url) for i in range(sessions)]
    report.results = results

    async def open_one(i: int) -> None:
        start = time.perf_counter()
        try:
            await asyncio.wait_for(readers[i].open(), max(deadline - time.monotonic(), 0.001))
            results[i].load_seconds = time.perf_counter() - start
        except SessionError as error:
            results[i].error = (error.kind, f"loading the page: {error.detail}")
        except TimeoutError:
            results[i].error = ("timeout", "loading the page: the run's time was up")
        except Exception as error:  # a fault of this client is a failed session too, never a silent one
            results[i].error = ("client", f"loading the page: {error!r}")
        results[i].server = readers[i].cookies.get(affinity_cookie, "")

    await asyncio.gather(*(open_one(i) for i in range(sessions)))
    report.rss["with sessions open"] = proc_stats.total_rss(pids)

    cpu_before, start = proc_stats.cpu_by_pid(pids), time.monotonic()
    tasks = [
        asyncio.create_task(_reader(i, readers[i], results[i], changes, think, years, seed))
        for i in range(sessions)
        if results[i].error is None
    ]
    side = asyncio.create_task(on_changes_started()) if on_changes_started else None
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=max(deadline - time.monotonic(), 0.001))
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    for result in results:
        if result.error is None and len(result.latencies) < changes:
            result.error = ("timeout", f"the run's --timeout of {timeout:.0f} s was up after {len(result.latencies)} changes")
    if side is not None:
        await side
    report.change_seconds = time.monotonic() - start
    cpu_after = proc_stats.cpu_by_pid(pids)
    if pids:
        report.cpu_seconds = sum(cpu_after[pid] - cpu_before[pid] for pid in cpu_after)
    if set(cpu_after) != set(cpu_before):
        gone = sorted(set(cpu_before) - set(cpu_after))
        report.notes.append(f"server pid(s) {gone} ended during the run: CPU counts the others only, memory is not reported")
        pids = ()
    report.rss["after the changes"] = proc_stats.total_rss(pids)
    if not pids:
        report.rss.clear()

    await asyncio.gather(*(reader.close() for reader in readers), return_exceptions=True)
    closed = time.monotonic()
    while pids and time.monotonic() - closed < min(release_wait, max(deadline - time.monotonic(), 0)):
        await asyncio.sleep(1.0)
        report.release.append((time.monotonic() - closed, proc_stats.total_rss(pids)))
    if pids and release_wait >= RECONNECT_WINDOW and time.monotonic() < deadline - 10:
        # Streamlit drops a stored session only when another one is stored after its window: a
        # reader coming and going, as on any live server.
        for url in urls:
            probe = Session(url, expect=expect, timeout=change_timeout)
            with contextlib.suppress(SessionError, TimeoutError):
                await asyncio.wait_for(probe.open(), 10)
            await probe.close()
        await asyncio.sleep(3.0)
        report.release.append((time.monotonic() - closed, proc_stats.total_rss(pids)))
        report.notes.append(
            f"one more reader came and went at +{report.release[-1][0] - 3:.0f} s (Streamlit expires stored sessions then)"
        )
    return report


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", action="append", help="base URL of the app or the load balancer (repeatable)")
    where.add_argument(
        "--start-local", type=int, metavar="N", help="start N local replicas of the app and spread the sessions over them"
    )
    parser.add_argument("--sessions", type=int, default=50, help=f"concurrent readers (at most {MAX_SESSIONS}; default 50)")
    parser.add_argument("--changes", type=int, default=10, help=f"year changes per reader (at most {MAX_CHANGES}; default 10)")
    parser.add_argument("--think", type=float, default=0.2, help="seconds between an answer and the next change (default 0.2)")
    parser.add_argument("--expect", default=DEFAULT_EXPECT, help="regular expression an answer must match; {year} is the year")
    parser.add_argument("--server-pid", type=int, action="append", default=[], help="pid of a server process (repeatable)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for the whole run (default 300)")
    parser.add_argument("--change-timeout", type=float, default=10.0, help="seconds to wait for one answer (default 10)")
    parser.add_argument("--release-wait", type=float, default=10.0, help="seconds to watch memory after the sessions close")
    parser.add_argument("--target-p95", type=float, default=0.5, help="p95 latency target in seconds (default 0.5)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random years")
    parser.add_argument("--json", type=Path, help="also write the report as JSON to this file")
    args = parser.parse_args(argv)
    if args.start_local is not None and not 1 <= args.start_local <= 4:
        parser.error("--start-local takes 1 to 4 replicas")
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.changes <= MAX_CHANGES:
        parser.error(f"--sessions 1..{MAX_SESSIONS}, --changes 1..{MAX_CHANGES}")
    if not 0 < args.timeout <= MAX_TIMEOUT or not 0 < args.change_timeout <= 120:
        parser.error(f"--timeout up to {MAX_TIMEOUT:.0f} s, --change-timeout up to 120 s")
    for url in args.url or []:
        try:
            proc_stats.check_local(url)
        except ValueError as error:
            parser.error(str(error))
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    with contextlib.ExitStack() as stack:
        urls, pids = args.url, list(args.server_pid)
        if args.start_local:
            from tests.support import running_app

            logs = Path(tempfile.mkdtemp(prefix="atlas-load-"))
            urls = [stack.enter_context(running_app(logs / f"app-{n}.log")) for n in range(args.start_local)]
            pids += [pid for url in urls if (pid := proc_stats.listening_pid(urlsplit(url).port)) is not None]
            print(f"started {len(urls)} local app(s): {', '.join(urls)} (logs in {logs})")
        report = asyncio.run(
            run_load(
                urls,
                args.sessions,
                args.changes,
                think=args.think,
                change_timeout=args.change_timeout,
                timeout=args.timeout,
                expect=args.expect,
                pids=tuple(pids),
                release_wait=args.release_wait,
                seed=args.seed,
            )
        )
    print(format_report(report, args.target_p95))
    if args.json:
        args.json.write_text(report.to_json(args.target_p95), encoding="utf-8")
    return 0 if report.passed(args.target_p95) else 1


if __name__ == "__main__":
    sys.exit(main())
