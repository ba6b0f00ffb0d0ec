"""compose.yaml, HAProxy's configuration and its Dockerfile, read as files: the settings the scale-out depends on.

These run everywhere in a second; ``tests/container/test_compose.py`` then shows the same
deployment working under podman. Each assertion names what breaks without the setting.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HAPROXY = ROOT / "deploy" / "haproxy"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def haproxy_cfg() -> str:
    text = (HAPROXY / "haproxy.cfg").read_text(encoding="utf-8")
    return "\n".join(line.split("#", 1)[0].rstrip() for line in text.splitlines())  # directives, not comments


def _section(cfg: str, header: str) -> str:
    match = re.search(rf"^{re.escape(header)}\n((?:[ \t]+.*\n?|\n)*)", cfg, flags=re.MULTILINE)
    assert match, f"no section {header!r}"
    return match.group(1)


def test_app_service_is_replicated_read_only_and_unprivileged(compose: dict):
    app = compose["services"]["app"]
    assert app["deploy"]["mode"] == "replicated", "podman-compose ignores replicas without it"
    assert app["deploy"]["replicas"] in (2, "${ATLAS_REPLICAS:-2}")
    assert app["read_only"] is True and app["cap_drop"] == ["ALL"] and app["user"] == "10001:10001"
    assert "ports" not in app, "replicas are reached through HAProxy only"
    assert "/_stcore/health" in " ".join(app["healthcheck"]["test"])


def test_images_are_built_here_and_never_pulled(compose: dict):
    for name, context in (("app", "."), ("haproxy", "deploy/haproxy")):
        service = compose["services"][name]
        build = service["build"] if isinstance(service["build"], dict) else {"context": service["build"]}
        assert build["context"] == context
        assert service["pull_policy"] == "build", f"{name}: a local image must not be pulled from a registry"
        assert re.fullmatch(r"\$\{ATLAS_\w+:-localhost/[\w./-]+:latest\}", service["image"]), service["image"]


def test_haproxy_is_published_on_loopback_and_waits_for_the_app(compose: dict):
    haproxy = compose["services"]["haproxy"]
    assert haproxy["depends_on"]["app"]["condition"] == "service_healthy"
    for port in haproxy["ports"]:
        assert port.startswith(("${ATLAS_BIND:-127.0.0.1}:", "127.0.0.1:")), f"{port}: published beyond this machine"
    assert haproxy["read_only"] is True and haproxy["cap_drop"] == ["ALL"]


def test_haproxy_sticks_readers_to_a_replica_and_checks_its_health(haproxy_cfg: str):
    backend = _section(haproxy_cfg, "backend replicas")
    assert re.search(r"^\s+cookie SERVERID insert indirect nocache\b", backend, re.MULTILINE), "sticky sessions"
    assert re.search(r"^\s+option httpchk\s*$", backend, re.MULTILINE)
    assert re.search(r"^\s+http-check send meth GET uri /_stcore/health\s*$", backend, re.MULTILINE)
    server = re.search(r"^\s+default-server (.*)$", backend, re.MULTILINE).group(1).split()
    values = dict(zip(server, server[1:], strict=False))
    assert "check" in server
    # An overloaded replica marked down must keep its readers: cutting them moved the whole load to
    # the other replica at once in a measured burst of 50 new readers.
    assert "on-marked-down" not in values
    inter, fastinter, fall = (float(values[key].rstrip("s")) for key in ("inter", "fastinter", "fall"))
    check_timeout = float(re.search(r"timeout check (\d+)s", haproxy_cfg).group(1))
    assert check_timeout >= 3, "a busy replica answers its health check late (2.6 s measured), not never"
    # Worst case for a hung replica: wait for the next check, then `fall` checks that time out.
    assert inter + check_timeout + (fall - 1) * (fastinter + check_timeout) <= 10, "out of the rotation within 10 s"
    assert re.search(r"^\s+server-template app \d+-\d+ ", backend, re.MULTILINE)


def test_haproxy_keeps_websockets_open_and_fails_fast(haproxy_cfg: str):
    defaults = _section(haproxy_cfg, "defaults")
    timeouts = {m.group(1): m.group(2) for m in re.finditer(r"^\s+timeout ([\w-]+) (\S+)", defaults, re.MULTILINE)}
    assert timeouts["tunnel"] == "1h", "an idle reader's websocket must survive"
    assert int(timeouts["connect"].rstrip("s")) <= 5 and int(timeouts["queue"].rstrip("s")) <= 5, "no hang without replicas"
    assert re.search(r"^\s+option redispatch\s*$", defaults, re.MULTILINE), "a lost replica's readers must go elsewhere"
    assert "errorfile 503 /etc/haproxy/atlas-errors/503.http" in haproxy_cfg


def test_503_page_is_a_complete_http_response():
    raw = (HAPROXY / "errors" / "503.http").read_bytes()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    assert lines[0] == b"HTTP/1.0 503 Service Unavailable"
    headers = dict(line.split(b": ", 1) for line in lines[1:])
    assert headers[b"Content-Type"].startswith(b"text/html") and headers[b"Connection"] == b"close"
    assert b"temporarily unavailable" in body and b"\r\n\r\n" not in body
    assert len(raw) < 16_000, "HAProxy serves error files from one buffer"


def test_haproxy_dockerfile_passes_hadolint_and_installs_only_when_missing():
    dockerfile = (HAPROXY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ARG BASE_IMAGE=debian:\S+$", dockerfile, re.MULTILINE)
    assert "if ! command -v haproxy" in dockerfile, "a base that has haproxy must build offline"
    assert re.search(r"^USER \d+:\d+$", dockerfile, re.MULTILINE) and re.search(r'^CMD \["haproxy"', dockerfile, re.MULTILINE)
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run([hadolint, str(HAPROXY / "Dockerfile")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
