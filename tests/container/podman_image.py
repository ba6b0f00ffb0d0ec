"""Build the app's container image with podman, offline, without any image registry.

Used by ``conftest.py``, once per test session. The chain, measured on 2 cores: a Debian bookworm
root filesystem from ``debootstrap`` (about 75 s, cached as a tarball), the pinned wheels from
``pip download`` (about 15 s, cached), ``podman import`` of the tarball as the base image, then
``podman build --network none`` with the wheels mounted at ``/wheels`` (about 70 s).

HAProxy's image (``deploy/haproxy``) gets a base of its own, a second minimal bookworm that
includes Debian's ``haproxy`` package (about 45 s once, cached): its Dockerfile installs nothing
then, so it builds with no network either, and the app's image carries no load balancer.

Podman keeps its images in a temporary directory, configured through ``CONTAINERS_CONF`` and
``CONTAINERS_STORAGE_CONF``, so a run leaves nothing behind but the cache. The cache lives in
``$NATO_ATLAS_CACHE``, else ``$XDG_CACHE_HOME/nato-atlas-ci``, else ``~/.cache/nato-atlas-ci``.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"  # build logs, timings, container logs and screenshots
IMAGE = "localhost/nato-balkans-atlas:test"
BASE_IMAGE = "localhost/nato-balkans-atlas-base:bookworm"
HAPROXY_IMAGE = "localhost/nato-balkans-atlas-haproxy:test"
HAPROXY_BASE_IMAGE = "localhost/nato-balkans-atlas-haproxy-base:bookworm"
SUITE = "bookworm"
BASE_PACKAGES = ("python3", "python3-venv", "ca-certificates")
HAPROXY_BASE_PACKAGES = ("haproxy",)

# Without these limits and runc, runs fail here with setrlimit and cgroup errors.
CONTAINERS_CONF = """\
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
"""


class PodmanUnavailable(Exception):
    """Podman cannot run on this machine at all (not installed, or refuses to start)."""


def cache_dir() -> Path:
    """Where the root filesystem tarball and the wheels are kept between runs."""
    if os.environ.get("NATO_ATLAS_CACHE"):
        return Path(os.environ["NATO_ATLAS_CACHE"])
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg) / "nato-atlas-ci"


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def run(command: list[str], *, env: dict[str, str] | None = None, timeout: float = 600, log: Path | None = None) -> str:
    """Run a command; on failure raise with the end of its output, which says what went wrong."""
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    output = result.stdout + result.stderr
    if log is not None:
        log.write_text(output, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} ... exited with {result.returncode}:\n{_tail(output)}")
    return result.stdout


@dataclass
class Podman:
    """podman with its own configuration and storage in ``workdir``."""

    workdir: Path
    driver: str = "overlay"
    env: dict[str, str] = field(init=False, repr=False)  # the whole environment: kept out of failure reports

    def __post_init__(self) -> None:
        conf = self.workdir / "containers.conf"
        conf.write_text(CONTAINERS_CONF, encoding="utf-8")
        storage = self.workdir / "storage.conf"
        storage.write_text(
            f'[storage]\ndriver = "{self.driver}"\ngraphroot = "{self.workdir / "graph"}"\nrunroot = "{self.workdir / "run"}"\n',
            encoding="utf-8",
        )
        self.env = os.environ | {"CONTAINERS_CONF": str(conf), "CONTAINERS_STORAGE_CONF": str(storage)}

    def __call__(self, *args: str, timeout: float = 600, log: Path | None = None) -> str:
        return run(["podman", *args], env=self.env, timeout=timeout, log=log)

    def result(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run podman and return the result whatever the exit status."""
        return subprocess.run(["podman", *args], env=self.env, capture_output=True, text=True, timeout=timeout, check=False)

    def reset(self) -> None:
        """Remove every container and image of this storage, then the storage itself."""
        self.result("system", "reset", "--force", timeout=300)
        shutil.rmtree(self.workdir, ignore_errors=True)


def start_podman() -> Podman:
    """A working podman in a fresh temporary directory; falls back to vfs where overlay is refused."""
    if shutil.which("podman") is None:
        raise PodmanUnavailable("podman is not installed (apt-get install podman buildah debootstrap runc)")
    drivers = [os.environ["NATO_ATLAS_STORAGE_DRIVER"]] if os.environ.get("NATO_ATLAS_STORAGE_DRIVER") else ["overlay", "vfs"]
    errors = []
    for driver in drivers:
        podman = Podman(Path(tempfile.mkdtemp(prefix="nato-atlas-podman-")), driver)
        probe = podman.result("info", "--format", "{{.Store.GraphDriverName}}", timeout=120)
        if probe.returncode == 0:
            return podman
        errors.append(f"{driver}: {_tail(probe.stderr, 5)}")
        podman.reset()
    raise PodmanUnavailable("podman cannot run here: " + "; ".join(errors))


def apt_mirror() -> str | None:
    """The Debian mirror this host's apt uses for the suite, so debootstrap needs no other host.

    ``$NATO_ATLAS_DEBIAN_MIRROR`` wins; None lets debootstrap use its own default.
    """
    if os.environ.get("NATO_ATLAS_DEBIAN_MIRROR"):
        return os.environ["NATO_ATLAS_DEBIAN_MIRROR"]
    apt = Path("/etc/apt")
    for path in sorted(apt.glob("sources.list.d/*.sources")):  # deb822: stanzas of "Key: value" lines
        for stanza in path.read_text(encoding="utf-8").split("\n\n"):
            fields = dict(line.split(":", 1) for line in stanza.splitlines() if ":" in line and not line.startswith("#"))
            fields = {key.strip(): value.split() for key, value in fields.items()}
            if "deb" in fields.get("Types", []) and SUITE in fields.get("Suites", []) and fields.get("URIs"):
                return fields["URIs"][0]
    for path in [apt / "sources.list", *sorted(apt.glob("sources.list.d/*.list"))]:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            words = [word for word in line.split("#", 1)[0].split() if not word.startswith("[")]
            if len(words) >= 3 and words[0] == "deb" and words[2] == SUITE:
                return words[1]
    return None


def _unmount_below(path: Path) -> None:
    """Unmount whatever is mounted under ``path``, deepest first, so it can be deleted safely."""
    mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    points = [line.split()[1] for line in mounts if line.split()[1].startswith(f"{path}/")]
    for point in sorted(points, key=len, reverse=True):
        subprocess.run(["umount", "--lazy", point], capture_output=True, check=False)


def base_tarball(cache: Path, packages: tuple[str, ...] = BASE_PACKAGES) -> Path:
    """A minimal Debian root filesystem with ``packages`` (python3 and venv), as a tarball; built once."""
    tarball = cache / f"rootfs-{SUITE}-minbase-{'-'.join(packages)}.tar"
    if tarball.exists():
        return tarball
    if shutil.which("debootstrap") is None:
        raise RuntimeError("debootstrap is not installed (apt-get install debootstrap)")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rootfs-", dir=cache) as scratch:
        rootfs = Path(scratch) / "rootfs"
        mirror = apt_mirror()
        command = ["debootstrap", "--variant=minbase", f"--include={','.join(packages)}", SUITE, str(rootfs)]
        try:
            run(command + ([mirror] if mirror else []), timeout=1800)
        finally:
            _unmount_below(rootfs)  # a debootstrap cut short leaves /proc and /sys mounted inside
        # apt's downloads and lists are a third of the size and useless in the image.
        for leftovers in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for path in (rootfs / leftovers).glob("*"):
                if path.is_file():
                    path.unlink()
        partial = Path(scratch) / "rootfs.tar"
        run(["tar", "--numeric-owner", "-C", str(rootfs), "-cf", str(partial), "."], timeout=600)
        partial.replace(tarball)
    return tarball


def python_version(podman: Podman, image: str) -> str:
    """The ``major.minor`` of the image's python3, which the downloaded wheels must match."""
    script = "import sys; print('%d.%d' % sys.version_info[:2])"
    return podman("run", "--rm", "--network=none", "--entrypoint", "python3", image, "-c", script, timeout=120).strip()


def _platform_tags() -> list[str]:
    """Wheel platforms a glibc 2.36 system (bookworm) runs; pip does not infer the older ones itself."""
    machine = platform.machine()
    legacy = [f"manylinux{name}_{machine}" for name in ("2014", "2010", "1")]
    return [f"manylinux_2_{minor}_{machine}" for minor in range(36, 4, -1)] + legacy + [f"linux_{machine}", "any"]


def wheels(cache: Path, python: str) -> Path:
    """Every wheel ``requirements.txt`` needs, for that Python on Linux; downloaded once per pin set."""
    requirements = ROOT / "requirements.txt"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()[:12]
    target = cache / f"wheels-py{python}-{platform.machine()}-{digest}"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    abi = "cp" + python.replace(".", "")
    with tempfile.TemporaryDirectory(prefix="wheels-", dir=cache) as scratch:
        partial = Path(scratch) / "wheels"
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(partial), "-r", str(requirements)]
        command += ["--only-binary=:all:", "--python-version", python, "--implementation", "cp", "--abi", abi]
        for tag in _platform_tags():
            command += ["--platform", tag]
        run(command, timeout=1800)
        partial.replace(target)
    return target


@dataclass
class Build:
    image: str
    seconds: dict[str, float]


def build_image(podman: Podman, artifacts: Path, context: Path = ROOT) -> Build:
    """Build ``IMAGE`` from the Dockerfile of ``context`` with no network, as CI does; logs go to ``artifacts``."""
    seconds: dict[str, float] = {}
    cache = cache_dir()
    base = os.environ.get("NATO_ATLAS_BASE_IMAGE")  # an image podman can already reach, if any

    start = time.monotonic()
    if base is None:
        tarball = base_tarball(cache)
        seconds["base root filesystem"] = time.monotonic() - start
        start = time.monotonic()
        podman("import", "--change", 'CMD ["/bin/bash"]', str(tarball), BASE_IMAGE, timeout=600)
        base = BASE_IMAGE
        seconds["podman import"] = time.monotonic() - start

    start = time.monotonic()
    wheel_dir = wheels(cache, python_version(podman, base))
    seconds["wheels"] = time.monotonic() - start

    start = time.monotonic()
    podman(
        "build",
        "--format=docker",  # OCI images would drop the HEALTHCHECK
        "--network=none",
        f"--volume={wheel_dir}:/wheels:ro",
        f"--build-arg=BASE_IMAGE={base}",
        "--build-arg=PIP_NO_INDEX=1",
        "--build-arg=PIP_FIND_LINKS=/wheels",
        f"--tag={IMAGE}",
        f"--file={context / 'Dockerfile'}",
        str(context),
        timeout=1800,
        log=artifacts / "container-build.log",
    )
    seconds["podman build"] = time.monotonic() - start
    return Build(IMAGE, seconds)


def build_haproxy_image(podman: Podman, artifacts: Path) -> Build:
    """Build ``HAPROXY_IMAGE`` from ``deploy/haproxy`` on a base that has haproxy, with no network."""
    seconds: dict[str, float] = {}
    base = os.environ.get("NATO_ATLAS_HAPROXY_BASE_IMAGE")  # a Debian image with haproxy that podman can reach
    start = time.monotonic()
    if base is None:
        tarball = base_tarball(cache_dir(), HAPROXY_BASE_PACKAGES)
        seconds["haproxy base root filesystem"] = time.monotonic() - start
        start = time.monotonic()
        podman("import", "--change", 'CMD ["/bin/bash"]', str(tarball), HAPROXY_BASE_IMAGE, timeout=600)
        base = HAPROXY_BASE_IMAGE
        seconds["podman import (haproxy base)"] = time.monotonic() - start
    start = time.monotonic()
    podman(
        "build",
        "--format=docker",
        "--network=none",
        f"--build-arg=BASE_IMAGE={base}",
        f"--tag={HAPROXY_IMAGE}",
        str(ROOT / "deploy" / "haproxy"),
        timeout=600,
        log=artifacts / "haproxy-build.log",
    )
    seconds["podman build (haproxy)"] = time.monotonic() - start
    return Build(HAPROXY_IMAGE, seconds)
