"""A Streamlit server that logs how long each script run took, and where the atlas's fragment spent it.

``bench_year_change.py --serve`` runs a page through this module rather than ``streamlit run``:
the benchmark needs the server's own view of a year change, which no browser can see. It wraps
``ScriptRunner._run_script`` (the whole rerun: the script or fragment, Streamlit's queueing and
cleanup) and appends one JSON line per run to a file:

- ``ms`` and ``cpu_ms``: wall time and the script thread's CPU time of the run;
- ``gc_ms``: time spent in Python's garbage collector on that thread during the run;
- ``fragment``: whether only a fragment reran (a year change in the atlas) or the whole page;
- ``sections`` (with ``sections=True``): inclusive milliseconds of every function the atlas's
  fragment calls by a global name in ``dashboard/year_view.py`` and of the public functions of
  the dashboard modules it uses (``controls.controls``, ``panels.legend``, ...). They are found
  by looking, not listed by hand, so they follow the page as it is rebuilt; each wrapper costs
  about a microsecond per call. Streamlit's element commands (``st.slider``...) are timed too, so
  a section's time can be told apart into the widgets it draws.
"""

from __future__ import annotations

import functools
import gc
import importlib
import inspect
import json
import sys
import threading
import time
import types
from pathlib import Path

_local = threading.local()


def _record(name: str, started: float) -> None:
    run = getattr(_local, "sections", None)
    if run is not None:
        run[name] = run.get(name, 0.0) + (time.perf_counter() - started) * 1000


def _timed(name: str, call):
    @functools.wraps(call)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            _record(name, started)

    return timed


def _short(module: str) -> str:
    return module.removeprefix("dashboard.")


def instrument_year_view(module_name: str = "dashboard.year_view") -> list[str]:
    """Wrap the functions the fragment calls with timers; return their names.

    Functions named in the module's globals are replaced there (so the fragment's own calls go
    through the timer); for the dashboard modules it imports whole (``controls``, ``panels``...),
    their public functions are replaced on those modules.
    """
    module = importlib.import_module(module_name)
    wrapped = []
    for name, value in list(vars(module).items()):
        if name.startswith("__"):
            continue
        if isinstance(value, types.ModuleType):
            if value.__name__.startswith("dashboard."):
                for attr, member in list(vars(value).items()):
                    if (
                        isinstance(member, types.FunctionType)
                        and not attr.startswith("_")
                        and member.__module__ == value.__name__
                    ):
                        label = f"{_short(value.__name__)}.{attr}"
                        setattr(value, attr, _timed(label, member))
                        wrapped.append(label)
            continue
        if inspect.isclass(value) or not callable(value):
            continue
        label = f"{_short(getattr(value, '__module__', None) or '?')}.{name}"
        setattr(module, name, _timed(label, value))
        wrapped.append(label)
    return wrapped


def instrument_streamlit() -> list[str]:
    """Wrap Streamlit's element commands (``st.slider``, ``st.markdown``...) with timers; return their names.

    The page calls them as ``st.<name>``, attributes of the streamlit module bound to the main
    DeltaGenerator, so replacing those attributes times every element the fragment draws.
    """
    import streamlit
    from streamlit.delta_generator import DeltaGenerator

    wrapped = []
    for name in dir(streamlit):
        value = getattr(streamlit, name)
        if not name.startswith("_") and inspect.ismethod(value) and isinstance(value.__self__, DeltaGenerator):
            setattr(streamlit, name, _timed(f"st.{name}", value))
            wrapped.append(f"st.{name}")
    return wrapped


def _gc_callback(phase: str, info: dict) -> None:
    if getattr(_local, "gc_ms", None) is None:
        return
    if phase == "start":
        _local.gc_started = time.perf_counter()
    elif getattr(_local, "gc_started", None) is not None:
        _local.gc_ms += (time.perf_counter() - _local.gc_started) * 1000
        _local.gc_started = None


def serve(page: str, port: int, timings: str, options: list[str], sections: bool = False) -> None:
    """Run ``page`` with Streamlit on 127.0.0.1:``port``, appending one line per script run to ``timings``.

    ``options`` are Streamlit config settings as ``NAME=VALUE`` (``runner.postScriptGC=false``).
    """
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    package = Path(page).resolve().parent
    if (package / "__init__.py").exists():
        # A page inside a package (an edited copy, /tmp/try/dashboard/app.py): its package, not
        # the checkout's, is the one imported.
        sys.path.insert(0, str(package.parent))
    gc.callbacks.append(_gc_callback)
    original = script_runner.ScriptRunner._run_script
    out = Path(timings)

    instrumented = threading.Lock()
    pending = [sections]

    def timed(self, rerun_data):
        if getattr(_local, "sections", None) is not None:  # a rerun inside a run: part of the outer one
            return original(self, rerun_data)
        # Instrument in the first run, not before the server starts: importing streamlit_folium
        # without a runtime registers its component where the server never looks (its frame 404s).
        with instrumented:
            if pending[0]:
                pending[0] = False
                instrument_year_view()
                instrument_streamlit()
        _local.sections, _local.gc_ms = {}, 0.0
        started, clock, cpu = time.time(), time.perf_counter(), time.thread_time()
        try:
            return original(self, rerun_data)
        finally:
            line = {
                "start": started,
                "ms": (time.perf_counter() - clock) * 1000,
                "cpu_ms": (time.thread_time() - cpu) * 1000,
                "gc_ms": _local.gc_ms,
                "fragment": bool(rerun_data.fragment_id_queue),
                "sections": _local.sections,
            }
            _local.sections, _local.gc_ms = None, None
            with out.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(line) + "\n")

    script_runner.ScriptRunner._run_script = timed
    sys.argv = ["streamlit", "run", page, "--server.port", str(port), "--server.address", "127.0.0.1"]
    sys.argv += ["--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    for option in options:
        name, _, value = option.partition("=")
        sys.argv += [f"--{name}", value]
    cli.main()


def read_timings(path: Path) -> list[dict]:
    """Every run logged so far in ``path`` (none if the file does not exist yet)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
