"""What tests and benchmarks share: a free port, the app on it, and how Debian's Chromium is launched.

Playwright cannot download its own browsers here, so it drives ``/usr/bin/chromium``. The flags
keep Chromium from calling home (the machine has no network beyond package registries; without
them it fails to reach Google's hosts at every start) and let it run as root without a GPU.

``running_app`` starts the app as a user does, ``streamlit run dashboard/app.py`` from the
repository root, on a free port; the caller gets its URL once ``/_stcore/health`` answers (as
datasette's ``tests/test_playwright.py`` polls its server), and the process is stopped by its own
id when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(log_path: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Start ``streamlit run dashboard/app.py`` on a free port; yield its URL; stop it.

    Raises RuntimeError with the end of the server's log if it does not answer within a minute.
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard/app.py",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]
    # Tiles would come from the internet: the tests check the atlas as it ships, without them.
    env = {key: value for key, value in os.environ.items() if key != "NATO_ATLAS_TILES"} | (extra_env or {})
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with {process.returncode}:\n{_tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not answer within {START_TIMEOUT:.0f} s:\n{_tail(log_path)}")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
