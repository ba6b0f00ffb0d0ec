"""The container image: built offline with podman, run read-only as a non-root user, and used in a browser.

The image and podman come from ``conftest.py`` (built once per run, shared with the compose test).
Skipped only where podman cannot run at all; everything else missing (debootstrap, Chromium) fails.
The build log and a screenshot go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from podman_image import ARTIFACTS, Podman

from tests.support import free_port

pytestmark = pytest.mark.container

MAP_FRAME = 'iframe[title^="Map"]'
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _wait_until_healthy(podman: Podman, name: str, url: str, timeout: float = 120) -> float:
    """Poll the health endpoint until it answers; fail early, with the logs, if the container dies."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if _get(url) == (200, b"ok"):
                return time.monotonic() - start
        except OSError:
            pass
        if podman("inspect", "--format", "{{.State.Running}}", name).strip() != "true":
            pytest.fail(f"the container stopped before answering:\n{podman.result('logs', name).stderr}")
        time.sleep(0.5)
    pytest.fail(f"no answer from {url} after {timeout} s:\n{podman.result('logs', name).stderr}")


@pytest.fixture(scope="module")
def container(podman: Podman, image: str) -> Iterator[dict[str, str]]:
    """The image running with a read-only root filesystem, no tmpfs, no capabilities, on a free port."""
    name = f"nato-atlas-test-{free_port()}"
    port = free_port()
    podman(
        "run",
        "--detach",
        f"--name={name}",
        "--read-only",
        "--read-only-tmpfs=false",  # not even /tmp is writable: the app must not need it
        "--cap-drop=all",
        "--security-opt=no-new-privileges",
        f"--publish=127.0.0.1:{port}:8501",
        image,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(podman, name, f"{url}/_stcore/health")
        yield {"name": name, "url": url}
    finally:
        (ARTIFACTS / "container-run.log").write_text(podman.result("logs", name).stderr, encoding="utf-8")
        podman.result("rm", "--force", "--time=5", name)


def test_image_declares_port_user_health_check_and_command(podman: Podman, image: str):
    inspected = json.loads(podman("image", "inspect", image))[0]
    config = inspected["Config"]
    assert "8501/tcp" in config["ExposedPorts"]
    assert config["User"] == "10001:10001"
    assert config["WorkingDir"] == "/app"
    health = inspected["Healthcheck"]  # podman lists it beside Config, and only for --format=docker builds
    assert health["Test"][0] == "CMD", "the health check must be exec form"
    assert "/_stcore/health" in " ".join(health["Test"])
    entrypoint = config["Entrypoint"]
    for flag in ("--server.address=0.0.0.0", "--server.headless=true", "--browser.gatherUsageStats=false"):
        assert flag in entrypoint
    assert "--server.fileWatcherType=none" in entrypoint


def test_image_holds_no_tests_or_repository_files(podman: Podman, image: str):
    """Guards the .dockerignore: the image gets the app and its data, not the checkout."""
    listing = podman("run", "--rm", "--network=none", "--entrypoint=/bin/ls", image, "-A", "/app").split()
    assert sorted(listing) == [".streamlit", "dashboard", "facts", "geodata", "requirements.txt"]


def test_health_endpoint_answers(container: dict[str, str]):
    assert _get(f"{container['url']}/_stcore/health") == (200, b"ok")


def test_container_health_check_passes(podman: Podman, container: dict[str, str]):
    podman("healthcheck", "run", container["name"])  # exits non-zero when unhealthy
    status = podman("inspect", "--format", "{{.State.Health.Status}}", container["name"]).strip()
    assert status == "healthy"


def test_runs_as_non_root_on_a_read_only_filesystem(podman: Podman, container: dict[str, str]):
    assert podman("exec", container["name"], "id", "-u").strip() == "10001"
    state = json.loads(podman("container", "inspect", container["name"]))[0]
    assert state["HostConfig"]["ReadonlyRootfs"] is True
    attempt = podman.result("exec", container["name"], "touch", "/app/probe")
    assert attempt.returncode != 0 and "Read-only file system" in attempt.stderr


def test_static_files_were_prepared_at_build_time(container: dict[str, str]):
    for path in ("generated/leaflet/leaflet.js", "generated/leaflet/leaflet.css", "generated/jquery/jquery.min.js"):
        status, body = _get(f"{container['url']}/app/static/{path}")
        assert status == 200 and body, path


def test_map_renders_in_a_browser(container: dict[str, str], chromium):
    """The page loads from the container, draws the map's shapes, and asks no other host for anything."""
    requested: list[str] = []
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.on("request", lambda request: requested.append(request.url))
        page.goto(container["url"], wait_until="domcontentloaded", timeout=60_000)
        page.frame_locator(MAP_FRAME).locator(".leaflet-interactive").first.wait_for(timeout=90_000)
        shapes = page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").count()
        page.screenshot(path=str(ARTIFACTS / "container-map.png"))
    finally:
        page.close()
    assert shapes > 5
    remote = {url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
    assert {urlsplit(url).hostname for url in remote} <= LOCAL_HOSTS, sorted(remote)


def test_no_errors_in_the_logs(podman: Podman, container: dict[str, str]):
    """After a real page view, nothing tried to write to the read-only filesystem or failed."""
    logs = podman.result("logs", container["name"])
    output = logs.stdout + logs.stderr
    for sign in ("Traceback", "Read-only file system", "Permission denied", "Error"):
        assert sign not in output, output
