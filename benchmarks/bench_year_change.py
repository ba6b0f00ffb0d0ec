"""Benchmark a year change: the atlas (map restyled in place) against a naive page (map rebuilt), in one run.

    python benchmarks/bench_year_change.py            # full run: 1990 -> today -> 1990, 8 loads (~8 min)
    python benchmarks/bench_year_change.py --quick    # 2002 -> 2010 -> 2002, 3 loads (~3 min)
    python benchmarks/bench_year_change.py --quick --atlas-option runner.postScriptGC=true
    python benchmarks/bench_year_change.py --quick --atlas-page /tmp/try/dashboard/app.py   # an edited copy

Why: issue 11 sets targets for a year change (repaint <= 100 ms and >= 5x faster than a naive
rebuild, <= 30 KB over the websocket, server rerun <= 10 ms, warm first visit <= 1.5 s). Timings
on a shared 2-core machine swing with its load, so both pages are measured alternately in the
same run, and the table gives medians, p90, n and the naive/atlas ratio. The targets are
reported (PASS/FAIL), never asserted: the script always exits 0. The load average is printed at
the start, after the year changes and at the end: compare runs only at a similar load.

It starts ``dashboard/app.py`` (the atlas) and ``benchmarks/naive_app.py`` (the naive page) on
free ports of 127.0.0.1 through ``--serve`` (``timed_server.py``: the server logs every script
run), drives Debian's Chromium with Playwright (``tests.support``: CHROMIUM, CHROMIUM_ARGS,
free_port) and instruments the page with ``probe.js``. ``--atlas-option`` and ``--atlas-page``
try a Streamlit setting or an edited copy of the page on the atlas side only.

How each metric is taken
------------------------
(a) repaint
    Key press (ArrowRight/ArrowLeft on the focused ``.st-key-year input[type=range]``) -> the first
    animation frame in which the map frame shows the new year: status-coloured paths
    (``path.leaflet-interactive``) whose fills are exactly the new year's status colours. For the
    atlas the SAME frame document must also carry ``data-atlas-year`` of the new year (its map
    follows the page's slider at once, then the view the server confirms reaches ``atlas.setYear``:
    the first is measured, the second has its own row); for the naive page a new frame document must
    hold the new fills (the map is remounted). The primary row counts the steps whose colours
    change; a step whose naive map is identical to the year before keeps its frame and has no
    repaint. The rows below split the time (rerun request sent, first message, map element
    received, script_finished) and give the main thread's long tasks (over 50 ms).
(b) bytes
    Payload bytes of the websocket frames the page received from the key press until it was quiet
    (nothing for 0.35 s) after the rerun's script_finished; HTTP responses in that window apart.
    Streamlit's websocket compression is off by default, so that is what travels. The decoded
    ForwardMsgs give the breakdown per element printed below the table.
(c) server rerun
    Wall and script-thread CPU time of ``ScriptRunner._run_script`` in the live servers (the
    whole rerun: script or fragment, queueing, Streamlit's cleanup), the garbage collector's share,
    and for the atlas the inclusive time of each function its fragment calls.
(d) first visit
    Navigation start -> the first animation frame with a status-coloured shape in the map frame:
    in a fresh browser context (cold cache) and by navigating again in one context (warm HTTP
    cache, a returning reader). The median milestones of both kinds of load follow the table.

Streamlit serves ``static/`` next to the main script, so the naive page needs ``benchmarks/static``:
the benchmark links it to ``dashboard/static`` (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: tests.support and benchmarks.* live in the checkout
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_report import report  # noqa: E402
from benchmarks.forward_msgs import describe  # noqa: E402
from benchmarks.timed_server import read_timings, serve  # noqa: E402
from tests.support import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

PAGES = {"atlas": ROOT / "dashboard" / "app.py", "naive": HERE / "naive_app.py"}
PROBE = HERE / "probe.js"
SLIDER = ".st-key-year input[type=range]"
# Marks probe.js sets on the page: the map first painted; the armed year change over.
PAINTED = "html[data-bench-painted]"
STEP_DONE = "html[data-bench-step-done]"
VIEWPORT = {"width": 1366, "height": 900}
QUIET_S = 0.35


# --------------------------------------------------------------------------------------------
# Servers and pages
# --------------------------------------------------------------------------------------------


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
            if reply.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not answer within {timeout} s")


def new_context(browser, palette: list[str]):
    """A browser context with the probe installed in every page (and told the status colours)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(script=f"window.__benchConfig = {json.dumps({'palette': palette})};")
    context.add_init_script(path=str(PROBE))
    return context


@dataclass
class Page:
    """One variant's browser page, with the frames and responses it received since the last reset."""

    variant: str
    port: int
    page: object
    frames: list = field(default_factory=list)  # (payload, Described) of every frame received
    responses: list = field(default_factory=list)
    last_event: float = 0.0
    known: dict = field(default_factory=dict)  # messages by hash, to name the references to them

    def reset(self) -> None:
        self.frames.clear()
        self.responses.clear()
        self.last_event = time.monotonic()


def open_page(browser, variant: str, port: int, year: int, palette: list[str]) -> tuple[object, Page]:
    context = new_context(browser, palette)
    page = context.new_page()
    state = Page(variant, port, page)

    def on_frame(payload):
        payload = payload if isinstance(payload, bytes) else payload.encode()
        state.frames.append((payload, describe(payload, state.known)))
        state.last_event = time.monotonic()

    def on_request_finished(request):
        with contextlib.suppress(Exception):
            sizes = request.sizes()
            state.responses.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        state.last_event = time.monotonic()

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    page.on("requestfinished", on_request_finished)
    page.goto(f"http://127.0.0.1:{port}/?year={year}")
    page.locator(PAINTED).wait_for(state="attached", timeout=60000)
    wait_quiet(state, need_finished=False)
    return context, state


def wait_quiet(state: Page, need_finished: bool, timeout: float = 20) -> bool:
    """Wait until the page received nothing for QUIET_S (and, if asked, a script_finished)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state.page.wait_for_timeout(50)  # lets Playwright deliver events
        finished = not need_finished or any(described.finished for _, described in state.frames)
        if finished and time.monotonic() - state.last_event >= QUIET_S:
            return True
    return False


# --------------------------------------------------------------------------------------------
# One year change
# --------------------------------------------------------------------------------------------


@dataclass
class Step:
    """What one key press cost one variant (times in ms since the key press, None if never seen)."""

    variant: str
    year_from: int
    year_to: int
    colours_change: bool
    times: dict[str, float | None]
    remounted: bool
    bytes_ws: int
    bytes_http: int
    cache_refs: int
    runs: list[dict]
    by_label: dict[str, int]


def year_change(state: Page, year_from: int, year_to: int, fills: dict[int, str], timings: Path) -> Step:
    page = state.page
    slider = page.locator(SLIDER).first
    slider.focus()
    shown = slider.get_attribute("aria-valuetext")
    if shown and int(float(shown)) != year_from:
        raise RuntimeError(f"{state.variant}: the slider shows {shown}, expected {year_from}")
    page.evaluate("(spec) => window.__bench.arm(spec)", {"variant": state.variant, "year": year_to, "fills": fills[year_to]})
    state.reset()
    runs_before = len(read_timings(timings))
    page.keyboard.press("ArrowRight" if year_to > year_from else "ArrowLeft")
    with contextlib.suppress(Exception):  # a step that never repaints is reported, not fatal
        page.locator(STEP_DONE).wait_for(state="attached", timeout=30000)
    wait_quiet(state, need_finished=True)
    result = page.evaluate("() => window.__bench.result()")
    key = result["keydown"]

    def since(name: str) -> float | None:
        value = result.get(name)
        return None if value is None or key is None else value - key

    by_label: dict[str, int] = defaultdict(int)
    refs, map_ms = 0, None
    received = result["received"]
    aligned = len(received) == len(state.frames)
    for index, (payload, described) in enumerate(state.frames):
        by_label[described.label] += len(payload)
        refs += described.label.startswith("ref_hash")
        # The page's own receive times line up with Playwright's frames when none was missed.
        if map_ms is None and described.is_map and aligned and key is not None:
            map_ms = received[index][0] - key
    http = sum(size for _, size in state.responses if size > 0)
    if http:
        by_label["HTTP responses"] += http
    times = {
        "repaint": since("frame"),
        "dom": since("dom"),
        "send": since("sent"),
        "first_recv": since("firstRecv"),
        "map_recv": map_ms,
        "layer": since("layerFrame"),
        "finished": since("finished"),
        "long_tasks": result.get("longTasks"),
    }
    return Step(
        variant=state.variant,
        year_from=year_from,
        year_to=year_to,
        colours_change=fills[year_from] != fills[year_to],
        times=times,
        remounted=result["remounted"],
        bytes_ws=sum(len(payload) for payload, _ in state.frames),
        bytes_http=http,
        cache_refs=refs,
        runs=read_timings(timings)[runs_before:],
        by_label=dict(by_label),
    )


# --------------------------------------------------------------------------------------------
# Page loads
# --------------------------------------------------------------------------------------------


def time_to_map(page, url: str, variant: str, waterfalls: list[dict]) -> float | None:
    """Seconds from navigation start to the first frame with a status-coloured shape in the map."""
    try:
        page.goto(url)
        page.locator(PAINTED).wait_for(state="attached", timeout=60000)
        waterfalls.append(page.evaluate("() => window.__bench.waterfall()"))
        return page.evaluate("() => window.__bench.firstPaint") / 1000
    except Exception as error:  # a load that never shows the map is reported, not fatal
        print(f"  ! {variant}: map not painted: {error}".splitlines()[0])
        return None


def cold_visit(browser, palette: list[str], url: str, variant: str, waterfalls: list[dict]) -> float | None:
    context = new_context(browser, palette)
    try:
        return time_to_map(context.new_page(), url, variant, waterfalls)
    finally:
        context.close()


def warm_visit(page, url: str, variant: str, waterfalls: list[dict]) -> float | None:
    page.goto("about:blank")
    return time_to_map(page, url, variant, waterfalls)


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


def environment(load: str) -> list[str]:
    from importlib.metadata import version

    packages = ", ".join(f"{name} {version(name)}" for name in ("streamlit", "streamlit-folium", "folium", "playwright"))
    return [
        f"cpus: {os.cpu_count()} (usable {len(os.sched_getaffinity(0))}); load average at start {load}",
        f"python {platform.python_version()} on {platform.platform()}",
        packages,
        f"checkout: {checkout()}",
    ]


def checkout() -> str:
    """The commit measured, and whether dashboard/ differs from it (the app changes under a shared checkout)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%h %cI"], capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "dashboard"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown (no git)"
    changed = len(dirty.stdout.splitlines())
    return head.stdout.strip() + (
        f", with {changed} uncommitted changes in dashboard/" if changed else ", dashboard/ as committed"
    )


def prepare_static() -> None:
    link = HERE / "static"
    if not link.exists():
        link.symlink_to(Path("..") / "dashboard" / "static", target_is_directory=True)


def expected_fills(last_year: int) -> tuple[dict[int, str], list[str]]:
    """Year -> the sorted status colours of every unit on the map that year; and the palette."""
    from facts import FIRST_YEAR, load_facts

    facts = load_facts()
    colours = {entry.id: entry.colour.lower() for entry in facts.legend}
    fills = {
        year: ",".join(sorted(colours[status.status] for status in facts.statuses_in(year).values()))
        for year in range(FIRST_YEAR, last_year + 1)
    }
    return fills, sorted(set(colours.values()))


def tour(first: int, last: int) -> list[tuple[int, int]]:
    """Every one-year step from first to last and back: both directions, each year once per way."""
    forward = [(year, year + 1) for year in range(first, last)]
    return forward + [(b, a) for a, b in reversed(forward)]


def start_servers(args: argparse.Namespace, workdir: Path) -> dict[str, tuple[subprocess.Popen, int, Path]]:
    servers = {}
    for variant in PAGES:
        port, timings = free_port(), workdir / f"{variant}.jsonl"
        log = open(workdir / f"{variant}.log", "w", encoding="utf-8")  # noqa: SIM115 (closed with the process)
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--serve",
            variant,
            "--port",
            str(port),
            "--timings",
            str(timings),
        ]
        if variant == "atlas":
            command += ["--sections"] + [f"--option={option}" for option in args.atlas_option]
            if args.atlas_page:
                command += ["--page", str(Path(args.atlas_page).resolve())]
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        servers[variant] = (process, port, timings)
    for variant, (process, port, _) in servers.items():
        wait_healthy(port, process)
        print(f"  {variant}: http://127.0.0.1:{port}/ (pid {process.pid})")
    return servers


def stop_servers(servers: dict[str, tuple[subprocess.Popen, int, Path]]) -> None:
    for process, _, _ in servers.values():
        process.terminate()
    for process, _, _ in servers.values():
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def alternate(index: int) -> list[str]:
    """Both variants, the first one changing every time (neither always runs on a warmer machine)."""
    return list(PAGES) if index % 2 == 0 else list(reversed(PAGES))


def run(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    from facts import today

    loads: list[str] = [load_average()]
    print("NATO–Balkans Atlas: a year change, atlas against a naive page (same run)")
    for line in environment(loads[0]):
        print("  " + line)
    prepare_static()
    fills, palette = expected_fills(today().year)
    plan = tour(args.first, args.last)
    workdir = Path(tempfile.mkdtemp(prefix="bench-year-"))
    steps: list[Step] = []
    visits: dict[str, dict[str, list]] = {v: {"cold": [], "warm": []} for v in PAGES}
    waterfalls: dict[str, dict[str, list[dict]]] = {v: {"cold": [], "warm": []} for v in PAGES}
    servers = start_servers(args, workdir)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            print(f"  chromium {browser.version}; tour {args.first}->{args.last}->{args.first}: {len(plan)} steps per variant")
            if args.atlas_option or args.atlas_page:
                print(f"  atlas variant: {' '.join(args.atlas_option)} {args.atlas_page or ''}".rstrip())

            print("warming up ...", flush=True)
            pages = {}
            for variant, (_, port, timings) in servers.items():
                url = f"http://127.0.0.1:{port}/?year=2008"
                for _ in range(2):
                    cold_visit(browser, palette, url, variant, [])
                context, state = open_page(browser, variant, port, args.first + 4, palette)
                warm_up = [args.first + 4, args.first + 5, args.first + 6, args.first + 5, args.first + 4]
                for a, b in zip(warm_up, warm_up[1:], strict=False):
                    year_change(state, a, b, fills, timings)
                context.close()
                pages[variant] = open_page(browser, variant, port, args.first, palette)

            print(f"year changes ({len(plan)} per variant) ...", flush=True)
            for index, (a, b) in enumerate(plan):
                for variant in alternate(index):
                    steps.append(year_change(pages[variant][1], a, b, fills, servers[variant][2]))
            for context, _ in pages.values():
                context.close()
            loads.append(load_average())

            print(f"page loads ({args.loads} per variant, cold and warm) ...", flush=True)
            warm_pages = {}
            for variant, (_, port, _) in servers.items():
                context = new_context(browser, palette)
                warm_pages[variant] = (context, context.new_page())
                time_to_map(warm_pages[variant][1], f"http://127.0.0.1:{port}/?year=2008", variant, [])  # fills the cache
            for index in range(args.loads):
                for variant in alternate(index):
                    url = f"http://127.0.0.1:{servers[variant][1]}/?year=2008"
                    visits[variant]["cold"].append(cold_visit(browser, palette, url, variant, waterfalls[variant]["cold"]))
                    visits[variant]["warm"].append(warm_visit(warm_pages[variant][1], url, variant, waterfalls[variant]["warm"]))
            for context, _ in warm_pages.values():
                context.close()
            browser.close()
    finally:
        stop_servers(servers)
    loads.append(load_average())
    report(steps, visits, waterfalls, loads)
    print(f"\n(server logs and per-run timings: {workdir})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", choices=sorted(PAGES), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--timings", help=argparse.SUPPRESS)
    parser.add_argument("--option", action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument("--sections", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--atlas-page",
        metavar="PATH",
        help="measure this page as the atlas instead of dashboard/app.py: an edited copy of the dashboard package "
        "(cp -r dashboard /tmp/try/; then /tmp/try/dashboard/app.py), whose modules are then imported instead",
    )
    parser.add_argument(
        "--atlas-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit config option for the atlas server only (e.g. runner.postScriptGC=true); repeatable",
    )
    parser.add_argument("--first", type=int, default=1990, help="first year of the tour (default 1990)")
    parser.add_argument("--last", type=int, default=None, help="turning year of the tour (default: the current year)")
    parser.add_argument("--loads", type=int, default=8, help="page loads per variant, cold and warm each (default 8)")
    parser.add_argument("--quick", action="store_true", help="a short tour (2002->2010->2002) and 3 loads")
    args = parser.parse_args()
    if args.serve:
        # Started by the benchmark itself: the command line names neither Streamlit nor the page,
        # so a broad `pkill -f streamlit` elsewhere leaves it alone.
        serve(args.page or str(PAGES[args.serve]), args.port, args.timings, args.option, sections=args.sections)
        return
    if args.quick:
        args.first, args.last, args.loads = 2002, 2010, 3
    if args.last is None:
        from facts import today

        args.last = today().year
    try:
        run(args)
    except Exception as error:  # the benchmark reports; it never fails the caller
        print(f"\nFAIL: the benchmark could not finish: {type(error).__name__}: {error}")
    sys.exit(0)


if __name__ == "__main__":
    main()
