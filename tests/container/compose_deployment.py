"""``compose.yaml`` brought up with podman-compose on the suite's podman, and what a test asks of it.

The images come prebuilt from the session's fixtures, named through ``ATLAS_IMAGE`` and
``ATLAS_HAPROXY_IMAGE``; the compose file's ``pull_policy: build`` makes podman-compose build
only a missing image and never pull, so bringing it up needs no network. HAProxy's statistics
(``/stats;csv``) say which replica is up and which cookie and address each one has; the address
leads to the container, so a test knows which replica a reader is pinned to.
"""

from __future__ import annotations

import csv
import io
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from podman_image import ROOT, Podman

COMPOSE_FILE = ROOT / "compose.yaml"


def http_get(url: str, cookie: str = "", timeout: float = 5.0) -> tuple[int, dict[str, str], bytes, float]:
    """(status, headers with lower-case names, body, seconds) of a GET, HTTP errors included."""
    start = time.monotonic()
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _headers(response.headers), response.read(), time.monotonic() - start
    except urllib.error.HTTPError as error:
        return error.code, _headers(error.headers), error.read(), time.monotonic() - start


def _headers(message) -> dict[str, str]:
    headers = {name.lower(): value for name, value in message.items()}
    headers["set-cookie"] = "\n".join(message.get_all("Set-Cookie") or [])  # one line per cookie
    return headers


def affinity(headers: dict[str, str]) -> str | None:
    """The SERVERID value a response sets, if it sets one."""
    for line in headers.get("set-cookie", "").splitlines():
        if line.startswith("SERVERID="):
            return line.split(";", 1)[0].split("=", 1)[1]
    return None


@dataclass
class Deployment:
    podman: Podman
    project: str
    env: dict[str, str]
    url: str
    stats_url: str
    log_dir: Path
    stopped: list[str] = field(default_factory=list)

    def compose(self, *args: str, timeout: float = 300) -> str:
        command = [sys.executable, "-m", "podman_compose", "-f", str(COMPOSE_FILE), "-p", self.project, *args]
        from podman_image import run

        return run(command, env=self.env, timeout=timeout)

    def containers(self, service: str) -> list[str]:
        """Names of the service's containers, running or not, in replica order."""
        names = self.podman(
            "ps", "-a", "--format", "{{.Names}}", f"--filter=label=com.docker.compose.project={self.project}",
            f"--filter=label=com.docker.compose.service={service}",
        ).split()  # fmt: skip
        return sorted(names)

    def address(self, container: str) -> str:
        return self.podman("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container).strip()

    def host_pid(self, container: str) -> int:
        return int(self.podman("inspect", "--format", "{{.State.Pid}}", container).strip())

    def replicas(self) -> list[dict[str, str]]:
        """HAProxy's view of the app slots that have an address: name, status, addr, cookie."""
        status, _, body, _ = http_get(f"{self.stats_url};csv")
        assert status == 200, f"HAProxy statistics answered {status}"
        rows = list(csv.DictReader(io.StringIO(body.decode().lstrip("# "))))
        return [row for row in rows if row["pxname"] == "replicas" and row["svname"].startswith("app") and row.get("addr")]

    def up(self) -> list[dict[str, str]]:
        """Replicas fully in the rotation: UP after a passed health check (a just-resolved one is UP
        before its first check), and past their slow start (``throttle`` is set during the 10 s
        in which a returning replica gets a growing share of new readers)."""
        return [
            row
            for row in self.replicas()
            if row["status"].startswith("UP") and row["check_status"] == "L7OK" and not row["throttle"]
        ]

    def wait_for(self, condition, timeout: float, what: str) -> float:
        """Poll ``condition()`` until true; the seconds it took. Fails with HAProxy's view if it never is."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if condition():
                return time.monotonic() - start
            time.sleep(0.25)
        raise AssertionError(f"{what}: not within {timeout:.0f} s; HAProxy sees {self.replicas()}")

    def container_of(self, cookie: str) -> str:
        """The app container that HAProxy pins ``cookie`` to."""
        address = next(row["addr"].rsplit(":", 1)[0] for row in self.replicas() if row["cookie"] == cookie)
        return next(name for name in self.containers("app") if self.address(name) == address)

    def cookie_of(self, container: str) -> str:
        address = self.address(container)
        return next(row["cookie"] for row in self.replicas() if row["addr"].rsplit(":", 1)[0] == address)

    def runtime_api(self, command: str) -> str:
        """Send one command to HAProxy's runtime API, which listens on its container's own loopback."""
        (haproxy,) = self.containers("haproxy")
        script = 'exec 3<>/dev/tcp/127.0.0.1/9999 && printf "%s\\n" "$1" >&3 && timeout 5 cat <&3'
        return self.podman("exec", haproxy, "bash", "-c", script, "runtime-api", command)

    def slot_of(self, cookie: str) -> str:
        """HAProxy's name for the replica with ``cookie`` (app1, app2, ...)."""
        return next(row["svname"] for row in self.replicas() if row["cookie"] == cookie)

    def save_logs(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for name in self.containers("app") + self.containers("haproxy"):
            logs = self.podman.result("logs", name)
            (self.log_dir / f"{name}.log").write_text(logs.stdout + logs.stderr, encoding="utf-8")
