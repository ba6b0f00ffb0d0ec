"""Fixtures of the container suite: one podman, the app's image and HAProxy's image, built once per run.

``test_container.py`` (the image on its own) and ``test_compose.py`` (replicas behind HAProxy)
share them, so a run builds each image once (about 2½ minutes warm on two cores, most of it the
app image). The suite is skipped only where podman cannot run at all; anything else missing
(debootstrap, Chromium, podman-compose) fails. Build logs and timings go to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from podman_image import ARTIFACTS, Podman, PodmanUnavailable, build_haproxy_image, build_image, start_podman


def _record(timings: dict[str, float]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{step}: {seconds:.0f} s" for step, seconds in timings.items()]
    with (ARTIFACTS / "container-timings.txt").open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


@pytest.fixture(scope="session")
def podman() -> Iterator[Podman]:
    try:
        podman = start_podman()
    except PodmanUnavailable as reason:
        pytest.skip(str(reason))
    (ARTIFACTS / "container-timings.txt").unlink(missing_ok=True)
    yield podman
    podman.reset()


@pytest.fixture(scope="session")
def image(podman: Podman) -> str:
    """The app's image, built offline from this checkout's Dockerfile."""
    ARTIFACTS.mkdir(exist_ok=True)
    build = build_image(podman, ARTIFACTS)
    _record(build.seconds)
    return build.image


@pytest.fixture(scope="session")
def haproxy_image(podman: Podman) -> str:
    """HAProxy's image, built offline from ``deploy/haproxy`` on a base that already has haproxy."""
    ARTIFACTS.mkdir(exist_ok=True)
    build = build_haproxy_image(podman, ARTIFACTS)
    _record(build.seconds)
    return build.image
