"""How the browser tests, the container test and the benchmark start Debian's Chromium.

Playwright cannot download its own browsers here, so it drives ``/usr/bin/chromium``. The flags
keep Chromium from calling home (the machine has no network beyond package registries; without
them it fails to reach Google's hosts at every start) and let it run as root without a GPU.
"""

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
