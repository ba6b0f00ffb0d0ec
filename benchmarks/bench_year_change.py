"""Benchmark a year change: the atlas (map updated in place) against a naive page (map rebuilt).

    python benchmarks/bench_year_change.py            # full run, about 8 minutes on 2 cores
    python benchmarks/bench_year_change.py --quick    # a shorter tour, about 3 minutes
    python benchmarks/bench_year_change.py --quick --atlas-option runner.postScriptGC=false
    python benchmarks/bench_year_change.py --quick --atlas-page /tmp/try/app.py

Run it from anywhere; it needs Debian's Chromium at /usr/bin/chromium and Playwright. It starts
both pages (``dashboard/app.py`` and ``benchmarks/naive_app.py``) on free ports of 127.0.0.1,
warms them up, measures them alternately and prints one table with the median, p90 and n of each
metric per variant, the naive/atlas ratio and PASS/FAIL of the atlas against the targets in
``TARGETS``. The targets are reported, never asserted: the script always exits 0. The first
lines give the machine (CPUs, load average) and versions: on a shared machine, compare runs
only at a similar load. ``--atlas-option`` and ``--atlas-page`` try a Streamlit setting or an
edited copy of the page on the atlas side without touching the app.

How each metric is taken
------------------------
repaint
    Key press on the focused slider -> the first animation frame in which the map iframe shows
    the new year's fill colours, over the steps whose colours change. One clock for everything:
    ``performance.timeOrigin + performance.now()`` (the page and its same-origin frames share
    it); the key press is the keydown event's timestamp. The page puts a MutationObserver on
    every map iframe document as soon as it sees it. For the atlas the same iframe must carry
    ``data-atlas-year`` of the new year; for the naive page a new iframe document (the map is
    remounted) must hold the new fills. When a year draws exactly the map of the year before,
    st_folium keeps the naive iframe; such steps have no repaint and are listed. The rows below
    split the time: rerun request sent, map element received by the page (the page's receive
    times matched to the decoded ForwardMsgs), new fills in the DOM, script_finished received,
    and how long the main thread was busy with tasks over 50 ms (Long Tasks API).
visible
    Navigation start -> the first frame with a ``path.leaflet-interactive`` in the map iframe,
    in a fresh browser context (empty cache: a first visit) and on reloads of one page. A
    waterfall of the first visits (Resource Timing of the page and the map iframe) follows.
server rerun
    Measured in the live servers: the benchmark starts them through ``--serve``, which times
    ``ScriptRunner._run_script`` (wall and script-thread CPU): the whole rerun, from the start of
    the script to the end of Streamlit's cleanup, which by default includes a full
    ``gc.collect()``. Also with ``streamlit.testing.v1.AppTest`` (``at.slider[0].set_value(y)
    .run()``, servers idle): AppTest builds a new ScriptCache, so it would recompile the script
    on every run, which a live server does not; the benchmark gives it one shared cache. The live
    figure is the one checked against the target.
bytes
    WebSocket frames received by the page (payload bytes; Streamlit's websocket compression is
    off by default, so that is what travels) plus HTTP responses (headers and body as
    transferred) between the key press and the moment the page is quiet after the rerun. The
    decoded ForwardMsgs give the breakdown per element printed at the end.

Streamlit serves ``static/`` next to the main script, so the naive page needs
``benchmarks/static``: the benchmark links it to ``dashboard/static`` (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import socket
import statistics
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
PAGES = {"atlas": ROOT / "dashboard" / "app.py", "naive": HERE / "naive_app.py"}
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Streamlit 1.67's slider is a react-aria slider: a hidden <input type="range"> (implicit role "slider").
SLIDER = '[data-testid="stSlider"]'

# The targets of the issue, checked against the atlas's medians.
TARGETS = {
    "repaint": ("ms", 200.0),
    "visible_cold": ("s", 3.0),
    "server_live": ("ms", 50.0),
    "bytes": ("KB", 60.0),
}

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# --------------------------------------------------------------------------------------------
# Server mode: `bench_year_change.py --serve atlas --port N --timings FILE`
# --------------------------------------------------------------------------------------------


def serve(variant: str, port: int, timings: str, options: list[str], page: str | None = None) -> None:
    """Run one page with Streamlit, appending the duration of every script run to ``timings``.

    Started as ``python bench_year_change.py --serve ...`` so that the command line names
    neither Streamlit nor the page (a broad ``pkill -f streamlit`` elsewhere leaves it alone).
    """
    import threading

    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    original = script_runner.ScriptRunner._run_script
    depth = threading.local()

    def timed(self, rerun_data):
        level = getattr(depth, "level", 0)
        depth.level = level + 1
        started, clock, cpu = time.time(), time.perf_counter(), time.thread_time()
        try:
            return original(self, rerun_data)
        finally:
            depth.level = level
            if level == 0:
                wall, used = (time.perf_counter() - clock) * 1000, (time.thread_time() - cpu) * 1000
                line = json.dumps({"start": started, "ms": wall, "cpu_ms": used})
                with open(timings, "a", encoding="utf-8") as out:
                    out.write(line + "\n")

    script_runner.ScriptRunner._run_script = timed
    sys.argv = ["streamlit", "run", page or str(PAGES[variant]), "--server.port", str(port), "--server.address", "127.0.0.1"]
    sys.argv += ["--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    for option in options:  # NAME=VALUE, as on `streamlit run --NAME VALUE`
        name, _, value = option.partition("=")
        sys.argv += [f"--{name}", value]
    cli.main()


# --------------------------------------------------------------------------------------------
# Browser instrumentation, installed in every frame at document start
# --------------------------------------------------------------------------------------------

INIT_SCRIPT = r"""
(() => {
  const now = () => performance.timeOrigin + performance.now();
  if (window.top !== window) return;  // the page watches its frames itself (see hookFrames)
  // Top-level fields of a protobuf message (enough to spot ForwardMsg.script_finished = 6).
  function fields(u8) {
    const out = []; let i = 0;
    const varint = () => { let r = 0, s = 1, b; do { b = u8[i++]; r += (b & 0x7f) * s; s *= 128; } while (b & 0x80 && i < u8.length); return r; };
    while (i < u8.length) {
      const key = varint(), wire = key % 8; out.push(Math.floor(key / 8));
      if (wire === 0) varint(); else if (wire === 2) { const length = varint(); i += length; } else if (wire === 1) i += 8; else if (wire === 5) i += 4; else break;
    }
    return out;
  }
  const bench = window.__bench = { spec: null, longTasks: [] };
  // Main-thread tasks over 50 ms in the page and its same-origin frames (they share the thread).
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { /* no Long Tasks API */ }
  const Native = window.WebSocket;
  function Instrumented(...args) {
    const ws = new Native(...args);
    ws.addEventListener("message", (ev) => {
      const t = now(), s = bench.spec;
      if (!s) return;
      s.recvTimes.push(t);
      if (s.firstRecv === undefined) s.firstRecv = t;
      if (ev.data instanceof ArrayBuffer && fields(new Uint8Array(ev.data)).includes(6) && s.finished === undefined) s.finished = t;
    });
    const send = ws.send.bind(ws);
    ws.send = (data) => { const s = bench.spec; if (s && s.sent === undefined) s.sent = now(); return send(data); };
    return ws;
  }
  Instrumented.prototype = Native.prototype;
  Object.assign(Instrumented, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Instrumented;
  window.addEventListener("keydown", (e) => {
    const s = bench.spec;
    if (s && s.keydown === undefined) s.keydown = performance.timeOrigin + e.timeStamp;
  }, true);
  // Every map iframe document gets a MutationObserver as soon as the page sees it. The page does
  // it, not an init script in the frame: the component's document replaces the frame's initial
  // about:blank one in the same window, and init scripts do not run again for it.
  const IFRAME = 'iframe[title="streamlit_folium.st_folium"]';
  const hooked = new WeakSet();
  bench.firstPath = null;
  const hookFrames = () => {
    for (const f of document.querySelectorAll(IFRAME)) {
      let doc = null;
      try { doc = f.contentDocument; } catch (e) { continue; }
      if (!doc || hooked.has(doc)) continue;
      hooked.add(doc);
      const win = f.contentWindow;
      const seen = () => {
        bench.check();
        if (bench.firstPath === null && doc.querySelector("path.leaflet-interactive")) {
          bench.firstPath = -1;
          win.requestAnimationFrame(() => { bench.firstPath = now() - performance.timeOrigin; });
        }
      };
      new win.MutationObserver(seen).observe(doc, {
        subtree: true, childList: true, attributes: true, attributeFilter: ["fill", "data-atlas-year"]
      });
      seen();
    }
  };
  const loop = () => { hookFrames(); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  document.addEventListener("load", hookFrames, true);
  bench.arm = (spec) => {
    // Documents of the map iframes now on the page: the naive map must come in a new one.
    spec.old = new Set(Array.from(document.querySelectorAll(IFRAME))
      .map((f) => { try { return f.contentDocument; } catch (e) { return null; } }));
    spec.recvTimes = [];
    bench.spec = spec;
  };
  bench.check = () => {
    const s = bench.spec;
    if (!s || s.dom !== undefined || s.keydown === undefined) return;
    for (const f of document.querySelectorAll(IFRAME)) {
      let doc = null;
      try { doc = f.contentDocument; } catch (e) { continue; }
      if (!doc || (s.variant === "naive" && s.old.has(doc))) continue;
      const box = doc.querySelector(".leaflet-container");
      if (!box || (s.variant === "atlas" && box.getAttribute("data-atlas-year") !== String(s.year))) continue;
      const fills = Array.from(doc.querySelectorAll("path.leaflet-interactive"))
        .map((p) => (p.getAttribute("fill") || "").toLowerCase()).sort().join(",");
      if (fills !== s.fills) continue;
      s.dom = now();
      requestAnimationFrame(() => { s.frame = now(); });
      return;
    }
  };
  // Milestones of a page load, in ms since navigation start, from Resource Timing in the page and the map iframe.
  bench.waterfall = () => {
    const out = {};
    const nav = performance.getEntriesByType("navigation")[0];
    if (nav) out["page HTML received"] = nav.responseEnd;
    const top = performance.getEntriesByType("resource");
    const js = top.filter((e) => /\/static\/js\/.*\.js/.test(e.name)).map((e) => e.responseEnd);
    if (js.length) out["Streamlit's scripts received"] = Math.max(...js);
    const frameEntry = top.find((e) => e.name.includes("/component/streamlit_folium"));
    if (frameEntry) out["map iframe requested"] = frameEntry.startTime;
    const f = document.querySelector(IFRAME);
    if (f) {
      try {
        const shift = f.contentWindow.performance.timeOrigin - performance.timeOrigin;
        for (const e of f.contentWindow.performance.getEntriesByType("resource")) {
          if (e.name.includes("leaflet.js")) out["leaflet.js received"] = e.responseEnd + shift;
          if (e.name.includes("/geo/shapes")) out["shapes file received"] = e.responseEnd + shift;
        }
      } catch (e) { /* not ready */ }
    }
    if (bench.firstPath > 0) out["first shape painted"] = bench.firstPath;
    return out;
  };
  bench.result = () => {
    const s = bench.spec; if (!s) return null;
    const out = {}; for (const k of ["keydown", "sent", "firstRecv", "finished", "dom", "frame", "recvTimes"]) out[k] = s[k] ?? null;
    const end = s.frame ?? s.finished ?? now();
    out.longTasks = bench.longTasks.filter(([t, d]) => t + d > s.keydown && t < end)
      .reduce((sum, [t, d]) => sum + Math.min(t + d, end) - Math.max(t, s.keydown), 0);
    return out;
  };
})();
"""


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def expected_fills(last_year: int) -> dict[int, str]:
    """Year -> the sorted fill colours of every shape the map shows that year (units and neighbours)."""
    import geodata
    from dashboard.map_builder import CONTEXT_FILL, year_state
    from facts import load_facts

    facts = load_facts()
    context = [CONTEXT_FILL.lower()] * len(geodata.context_countries())
    fills = {}
    for year in range(1990, last_year + 1):
        colours = [shape["colour"].lower() for shape in year_state(facts, year)["shapes"].values()]
        fills[year] = ",".join(sorted(colours + context))
    return fills


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def describe_frame(payload: bytes) -> tuple[str, bool]:
    """A label for a ForwardMsg (element type and a hint of its content), and whether it ends a run."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:
        return "undecodable", False
    kind = msg.WhichOneof("type")
    if kind == "script_finished":
        return "script_finished", True
    if kind == "ref_hash":
        return "ref_hash (cached element, not re-sent)", False
    if kind != "delta":
        return str(kind), False
    delta_kind = msg.delta.WhichOneof("type")
    if delta_kind != "new_element":
        return f"delta {delta_kind}", False
    element = msg.delta.new_element
    element_kind = element.WhichOneof("type")
    if element_kind == "markdown":
        hint = " ".join(element.markdown.body.split())[:38]
        return f"markdown “{hint}…”", False
    if element_kind == "component_instance":
        return "component_instance (st_folium)", False
    return element_kind, False


@dataclass
class Page:
    """One variant's browser page, with what it received since the last reset."""

    variant: str
    port: int
    page: object
    frames: list = field(default_factory=list)
    responses: list = field(default_factory=list)
    last_event: float = 0.0

    def reset(self) -> None:
        self.frames.clear()
        self.responses.clear()
        self.last_event = time.monotonic()


def attach(variant: str, port: int, page) -> Page:
    state = Page(variant, port, page)

    def on_frame(payload):
        state.frames.append(payload if isinstance(payload, bytes) else payload.encode())
        state.last_event = time.monotonic()

    def on_request_finished(request):
        with contextlib.suppress(Exception):
            sizes = request.sizes()
            state.responses.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        state.last_event = time.monotonic()

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    page.on("requestfinished", on_request_finished)
    return state


def open_page(browser, variant: str, port: int, year: int):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    state = attach(variant, port, page)
    page.goto(f"http://127.0.0.1:{port}/?year={year}")
    page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=60000)
    wait_quiet(state, need_finished=False)
    return context, state


def wait_quiet(state: Page, need_finished: bool, quiet: float = 0.35, timeout: float = 20) -> bool:
    """Wait until the page received nothing for ``quiet`` s (and, if asked, a script_finished)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state.page.wait_for_timeout(50)  # lets Playwright deliver events
        finished = not need_finished or any(describe_frame(f)[1] for f in state.frames)
        if finished and time.monotonic() - state.last_event >= quiet:
            return True
    return False


@dataclass
class Step:
    variant: str
    year_from: int
    year_to: int
    colours_change: bool
    repaint_ms: float | None
    dom_ms: float | None
    send_ms: float | None
    map_ms: float | None
    long_tasks_ms: float | None
    finished_ms: float | None
    bytes_ws: int
    bytes_http: int
    cache_refs: int
    server_ms: list[float]
    server_cpu_ms: list[float]
    by_label: dict[str, int]


def year_change(state: Page, year_from: int, year_to: int, fills: dict[int, str], timings: Path) -> Step:
    page = state.page
    slider = page.locator(SLIDER).first.get_by_role("slider")
    slider.focus()
    now_value = slider.get_attribute("aria-valuetext") or slider.get_attribute("value")
    if now_value and int(float(now_value)) != year_from:
        raise RuntimeError(f"{state.variant}: slider shows {now_value}, expected {year_from}")
    page.evaluate("(spec) => window.__bench.arm(spec)", {"variant": state.variant, "year": year_to, "fills": fills[year_to]})
    state.reset()
    runs_before = len(read_timings(timings))
    page.keyboard.press("ArrowRight" if year_to > year_from else "ArrowLeft")
    with contextlib.suppress(Exception):
        # Done when the new fills are painted, or 3 s after the rerun ended without them (the naive
        # page keeps its iframe when the year's map is identical to the last one's).
        page.wait_for_function(
            """() => { const s = window.__bench.spec;
                       return s && (s.frame !== undefined
                                    || (s.finished !== undefined && performance.timeOrigin + performance.now() - s.finished > 3000)); }""",
            timeout=30000,
            polling=50,
        )
    wait_quiet(state, need_finished=True)
    result = page.evaluate("() => window.__bench.result()")

    def since_key(name):
        value = result.get(name)
        return None if value is None or result["keydown"] is None else value - result["keydown"]

    by_label: dict[str, int] = defaultdict(int)
    refs = 0
    map_ms = None
    received = result.get("recvTimes") or []
    for index, payload in enumerate(state.frames):
        label, _ = describe_frame(payload)
        by_label[label] += len(payload)
        refs += label.startswith("ref_hash")
        # The page's own receive times line up with Playwright's frames when none was missed.
        if map_ms is None and label.startswith("component_instance") and len(received) == len(state.frames):
            map_ms = received[index] - result["keydown"]
    http = sum(size for _, size in state.responses if size > 0)
    if http:
        by_label["HTTP responses"] += http
    runs = read_timings(timings)[runs_before:]
    return Step(
        variant=state.variant,
        year_from=year_from,
        year_to=year_to,
        colours_change=fills[year_from] != fills[year_to],
        repaint_ms=since_key("frame"),
        dom_ms=since_key("dom"),
        send_ms=since_key("sent"),
        map_ms=map_ms,
        long_tasks_ms=result.get("longTasks"),
        finished_ms=since_key("finished"),
        bytes_ws=sum(len(p) for p in state.frames),
        bytes_http=http,
        cache_refs=refs,
        server_ms=[run["ms"] for run in runs],
        server_cpu_ms=[run["cpu_ms"] for run in runs],
        by_label=dict(by_label),
    )


def read_timings(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def time_to_visible(browser, variant: str, port: int, year: int, reuse=None, waterfalls: list | None = None) -> float | None:
    """Seconds from navigation start to the first painted shape; a fresh context unless ``reuse``.

    With ``waterfalls``, the load's milestones (see ``bench.waterfall`` in INIT_SCRIPT) are appended.
    """
    if reuse is None:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.add_init_script(INIT_SCRIPT)
        page = context.new_page()
    else:
        context, page = None, reuse
    try:
        page.goto(f"http://127.0.0.1:{port}/?year={year}")
        page.wait_for_function("() => window.__bench.firstPath > 0", timeout=60000, polling=50)
        if waterfalls is not None:
            waterfalls.append(page.evaluate("() => window.__bench.waterfall()"))
        return page.evaluate("() => window.__bench.firstPath") / 1000
    except Exception as error:  # a load that never shows the map is reported, not fatal
        print(f"  ! {variant}: map not visible: {error}".splitlines()[0])
        return None
    finally:
        if context is not None:
            context.close()


def apptest_reruns(variant: str, years: list[int]) -> list[float]:
    """Milliseconds of ``at.slider[0].set_value(y).run()`` for each year, after a first run."""
    from streamlit import logger
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    from streamlit.testing.v1.app_test import AppTest

    logger.set_log_level("error")  # loggers made since the first call start at the default level

    # AppTest builds a new ScriptCache for every run, so it would recompile (and re-"magic")
    # the script each time; a live server compiles it once. Share one, as the server does.
    shared = ScriptCache()
    patched = [(module, module.ScriptCache) for module in (app_test, local_script_runner)]
    for module, _ in patched:
        module.ScriptCache = lambda: shared
    try:
        at = AppTest.from_file(str(PAGES[variant]), default_timeout=60)
        at.run()
        if at.exception:
            raise RuntimeError(f"{variant} failed under AppTest: {at.exception[0].message}")
        for year in years[:3]:  # warm-up
            at.slider[0].set_value(year).run()
        durations = []
        for year in years:
            clock = time.perf_counter()
            at.slider[0].set_value(year).run()
            durations.append((time.perf_counter() - clock) * 1000)
        return durations
    finally:
        for module, original in patched:
            module.ScriptCache = original


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def environment() -> list[str]:
    from importlib.metadata import version

    packages = ", ".join(f"{name} {version(name)}" for name in ("streamlit", "streamlit-folium", "folium", "playwright"))
    return [
        f"cpus: {os.cpu_count()} (usable {len(os.sched_getaffinity(0))}), load average {load_average()}",
        f"python {platform.python_version()} on {platform.platform()}",
        packages,
    ]


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


def prepare_static() -> None:
    from dashboard import static_assets

    if static_assets.missing():
        static_assets.prepare()
    link = HERE / "static"
    if not link.exists():
        link.symlink_to(Path("..") / "dashboard" / "static", target_is_directory=True)


def tour(first: int, last: int) -> list[tuple[int, int]]:
    """Every one-year step from first to last and back: both directions, each year once per way."""
    forward = [(y, y + 1) for y in range(first, last)]
    return forward + [(b, a) for a, b in reversed(forward)]


def run(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright
    from streamlit import logger

    from facts import today

    logger.set_log_level("error")  # AppTest and the cached loaders warn of a missing ScriptRunContext

    print("NATO–Balkans Atlas: year-change benchmark (atlas vs naive page)")
    for line in environment():
        print("  " + line)
    prepare_static()
    last_year = today().year
    fills = expected_fills(last_year)
    steps_plan = tour(args.first, args.last)

    workdir = Path(tempfile.mkdtemp(prefix="bench-year-"))
    servers: dict[str, tuple[subprocess.Popen, int, Path]] = {}
    results: dict[str, dict[str, list]] = {v: defaultdict(list) for v in PAGES}
    steps: list[Step] = []
    waterfalls: dict[str, list[dict]] = {v: [] for v in PAGES}
    try:
        for variant in PAGES:
            port, timings = free_port(), workdir / f"{variant}.jsonl"
            log = open(workdir / f"{variant}.log", "w", encoding="utf-8")  # noqa: SIM115 (closed with the process)
            command = [sys.executable, str(Path(__file__).resolve()), "--serve", variant, "--port", str(port)]
            command += ["--timings", str(timings)]
            if variant == "atlas":
                command += [f"--option={option}" for option in args.atlas_option]
                if args.atlas_page:
                    command += ["--page", str(Path(args.atlas_page).resolve())]
            process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            servers[variant] = (process, port, timings)
        for variant, (process, port, _) in servers.items():
            wait_healthy(port, process)
            print(f"  {variant}: http://127.0.0.1:{port}/ (pid {process.pid})")

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            print(
                f"  chromium {browser.version}; tour {args.first}->{args.last}->{args.first}, {len(steps_plan)} steps per variant"
            )
            if args.atlas_option:
                print(f"  atlas server options: {' '.join(args.atlas_option)}")
            if args.atlas_page:
                print(f"  atlas page: {args.atlas_page}")

            # Warm-up: loads and year changes on each server, not measured.
            print("warming up ...", flush=True)
            pages = {}
            for variant, (_, port, timings) in servers.items():
                for _ in range(2):
                    time_to_visible(browser, variant, port, args.first)
                context, state = open_page(browser, variant, port, args.first + 4)
                for a, b in [
                    (args.first + 4, args.first + 5),
                    (args.first + 5, args.first + 6),
                    (args.first + 6, args.first + 5),
                ]:
                    year_change(state, a, b, fills, timings)
                for b, a in [(args.first + 5, args.first + 4)]:
                    year_change(state, b, a, fills, timings)
                state.page.goto(f"http://127.0.0.1:{port}/?year={args.first}")
                state.page.frame_locator(MAP_IFRAME).locator("path.leaflet-interactive").first.wait_for(timeout=60000)
                wait_quiet(state, need_finished=False)
                pages[variant] = (context, state)

            # Year changes, alternating variants step by step (and which goes first).
            print(f"year changes ({len(steps_plan)} per variant) ...", flush=True)
            kept = []
            for index, (a, b) in enumerate(steps_plan):
                order = list(PAGES) if index % 2 == 0 else list(reversed(PAGES))
                for variant in order:
                    step = year_change(pages[variant][1], a, b, fills, servers[variant][2])
                    steps.append(step)
                    if step.repaint_ms is not None:
                        continue
                    if variant == "naive" and not step.colours_change:
                        kept.append(f"{a}->{b}")  # the same map as the year before: st_folium keeps it
                    else:
                        print(f"  ! {variant} {a}->{b}: no repaint seen")
            if kept:
                print(f"  naive: {len(kept)} steps drew the same map as the year before and kept it ({', '.join(kept)})")
            for context, _ in pages.values():
                context.close()

            # Time to visible map: fresh contexts (first visit), then reloads of one page.
            print(f"page loads ({args.loads} per variant and kind) ...", flush=True)
            for index in range(args.loads):
                for variant in list(PAGES) if index % 2 == 0 else list(reversed(PAGES)):
                    seconds = time_to_visible(browser, variant, servers[variant][1], 2008, waterfalls=waterfalls[variant])
                    results[variant]["visible_cold"].append(seconds)
            reload_pages = {}
            for variant in PAGES:
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                context.add_init_script(INIT_SCRIPT)
                reload_pages[variant] = (context, context.new_page())
                time_to_visible(browser, variant, servers[variant][1], 2008, reuse=reload_pages[variant][1])
            for index in range(args.loads):
                for variant in list(PAGES) if index % 2 == 0 else list(reversed(PAGES)):
                    page = reload_pages[variant][1]
                    results[variant]["visible_warm"].append(time_to_visible(browser, variant, servers[variant][1], 2008, page))
            for context, _ in reload_pages.values():
                context.close()
            browser.close()

        # Server rerun under AppTest, the servers idle.
        print("AppTest reruns ...", flush=True)
        years = [y for step in steps_plan[: args.apptest] for y in step[1:]]
        for variant in PAGES:
            results[variant]["server_apptest"] = apptest_reruns(variant, years)
    finally:
        for process, _, _ in servers.values():
            process.terminate()
        for process, _, _ in servers.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    for step in steps:
        r = results[step.variant]
        if step.colours_change and step.repaint_ms is not None:
            r["repaint"].append(step.repaint_ms)
            r["dom"].append(step.dom_ms)
        if step.repaint_ms is not None:
            r["repaint_all"].append(step.repaint_ms)
        if step.colours_change and step.repaint_ms is not None:
            r["long_tasks"].append(step.long_tasks_ms)
        for name, value in (("send", step.send_ms), ("map", step.map_ms), ("finished", step.finished_ms)):
            if value is not None:
                r[name].append(value)
        r["bytes"].append((step.bytes_ws + step.bytes_http) / 1000)
        r["bytes_ws"].append(step.bytes_ws / 1000)
        r["bytes_http"].append(step.bytes_http / 1000)
        r["cache_refs"].append(step.cache_refs)
        r["server_live"].extend(step.server_ms)
        r["server_cpu"].extend(step.server_cpu_ms)
    print(f"  load average at the end: {load_average()}")
    report(results, steps, waterfalls)
    print(f"\n(server logs and timings: {workdir})")


ROWS = [
    # key, label, unit, scale from stored value
    ("repaint", "1 key press -> new fills painted (colours change)", "ms", 1),
    ("repaint_all", "  the same, every step", "ms", 1),
    ("send", "  key press -> rerun request sent", "ms", 1),
    ("map", "  key press -> map element received", "ms", 1),
    ("dom", "  key press -> new fills in the DOM", "ms", 1),
    ("finished", "  key press -> script_finished received", "ms", 1),
    ("long_tasks", "  busy main thread (long tasks) until repaint", "ms", 1),
    ("visible_cold", "2 navigation -> map visible, first visit", "s", 1),
    ("visible_warm", "  navigation -> map visible, reload", "s", 1),
    ("server_live", "3 server rerun, live server", "ms", 1),
    ("server_cpu", "  CPU time of the script thread in that rerun", "ms", 1),
    ("server_apptest", "  server rerun, AppTest", "ms", 1),
    ("bytes", "4 bytes to the browser per year change", "KB", 1),
    ("bytes_ws", "  of which websocket", "KB", 1),
    ("bytes_http", "  of which HTTP", "KB", 1),
    ("cache_refs", "  elements sent as cache references", "", 1),
]


WATERFALL = [
    "page HTML received",
    "Streamlit's scripts received",
    "map iframe requested",
    "leaflet.js received",
    "shapes file received",
    "first shape painted",
]


def fmt(value: float, unit: str) -> str:
    if value != value:  # nan
        return "-"
    if unit == "s":
        return f"{value:.2f}"
    if unit == "":
        return f"{value:.0f}"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def report(results: dict[str, dict[str, list]], steps: list[Step], waterfalls: dict[str, list[dict]]) -> None:
    print()
    head = f"{'metric':<52}{'unit':>5} | {'atlas med':>9}{'p90':>8}{'n':>4} | {'naive med':>9}{'p90':>8}{'n':>4} | {'naive/atlas':>11} | target"
    print(head)
    print("-" * len(head))
    verdicts = []
    for key, label, unit, _ in ROWS:
        cells = []
        medians = {}
        for variant in PAGES:
            values = [v for v in results[variant].get(key, []) if v is not None]
            medians[variant] = statistics.median(values) if values else float("nan")
            cells.append(f"{fmt(medians[variant], unit):>9}{fmt(pct(values, 0.9), unit):>8}{len(values):>4}")
        ratio = medians["naive"] / medians["atlas"] if medians["atlas"] else float("nan")
        target = ""
        if key in TARGETS:
            limit = TARGETS[key][1]
            ok = medians["atlas"] <= limit
            target = f"atlas median <= {limit:g} {unit}: {'PASS' if ok else 'FAIL'}"
            verdicts.append((label.strip(), ok, medians["atlas"], limit, unit))
        ratio_text = f"{ratio:.1f}x" if ratio == ratio and key != "cache_refs" else "-"
        print(f"{label:<52}{unit:>5} | {cells[0]} | {cells[1]} | {ratio_text:>11} | {target}")

    print("\nTargets (atlas medians; the naive page is the baseline, never judged):")
    for label, ok, value, limit, unit in verdicts:
        print(f"  {'PASS' if ok else 'FAIL'}  {label[2:]}: {fmt(value, unit)} {unit} (target <= {limit:g} {unit})")

    print("\nFirst visit, median ms from navigation start:")
    milestones = [m for m in WATERFALL if any(m in w for ws in waterfalls.values() for w in ws)]
    for milestone in milestones:
        cells = []
        for variant in PAGES:
            values = [w[milestone] for w in waterfalls[variant] if milestone in w]
            cells.append(f"{statistics.median(values):9.0f}" if values else f"{'-':>9}")
        print(f"  {milestone:<32} atlas {cells[0]}   naive {cells[1]}")

    for variant in PAGES:
        chosen = [s for s in steps if s.variant == variant]
        if not chosen:
            continue
        totals: dict[str, list[int]] = defaultdict(list)
        for s in chosen:
            for label in {lab for st in chosen for lab in st.by_label}:
                totals[label].append(s.by_label.get(label, 0))
        print(f"\nWhere the bytes of a year change go, {variant} (median per step, {len(chosen)} steps):")
        ranked = sorted(totals.items(), key=lambda item: -statistics.median(item[1]))
        for label, values in ranked[:12]:
            med = statistics.median(values)
            if med >= 50:
                print(f"  {med / 1000:7.1f} KB  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", choices=sorted(PAGES), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--timings", help=argparse.SUPPRESS)
    parser.add_argument("--option", action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    parser.add_argument(
        "--atlas-page",
        metavar="PATH",
        help="measure this page instead of dashboard/app.py as the atlas (an experimental copy; it needs a static/ "
        "folder next to it, e.g. a link to dashboard/static)",
    )
    parser.add_argument(
        "--atlas-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit config option for the atlas server only, to try a setting before committing it "
        "(e.g. runner.postScriptGC=false); repeatable",
    )
    parser.add_argument("--first", type=int, default=1990, help="first year of the tour (default 1990)")
    parser.add_argument("--last", type=int, default=2020, help="turning year of the tour (default 2020)")
    parser.add_argument("--loads", type=int, default=5, help="page loads per variant and kind (default 5)")
    parser.add_argument("--apptest", type=int, default=30, help="AppTest year changes per variant (default 30)")
    parser.add_argument("--quick", action="store_true", help="a short tour (2002->2010->2002) and 3 loads")
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.timings, args.option, args.page)
        return
    if args.quick:
        args.first, args.last, args.loads = 2002, 2010, 3
    try:
        run(args)
    except Exception as error:  # the benchmark reports; it never fails the caller
        print(f"\nFAIL: the benchmark could not finish: {type(error).__name__}: {error}")
    sys.exit(0)


if __name__ == "__main__":
    main()
