"""What a load test reads from this machine: server CPU and memory from /proc, and which hosts it may target.

CPU is ``utime + stime`` of ``/proc/<pid>/stat`` (all threads of the process), memory the
``VmRSS`` of ``/proc/<pid>/status``. A container's processes are visible here too, by the host
pid that ``podman inspect --format '{{.State.Pid}}'`` prints.

A load test sends traffic only to this machine: loopback, or a private address that belongs to
one of this machine's own interfaces (a socket can be bound to it). Anything else is refused
before a single packet is sent.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # fields 14 and 15 of stat(5), counted after the name


def rss_bytes(pid: int) -> int:
    """Resident memory of the process now."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def cpu_by_pid(pids) -> dict[int, float]:
    """CPU seconds of each process still alive (a replica may be stopped on purpose during a run)."""
    seconds = {}
    for pid in pids:
        try:
            seconds[pid] = cpu_seconds(pid)
        except OSError:
            continue
    return seconds


def total_rss(pids) -> int | None:
    """Resident memory of the processes still alive, added up; None without pids."""
    if not pids:
        return None
    total = 0
    for pid in pids:
        try:
            total += rss_bytes(pid)
        except OSError:
            continue
    return total


def listening_pid(port: int) -> int | None:
    """The pid of the local process listening on TCP ``port`` (None for a container's published port)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(parts[9])
    if not inodes:
        return None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return int(proc.name)
        except OSError:
            continue
    return None


def _own_address(address: str) -> bool:
    """Whether ``address`` belongs to an interface of this machine: only then can a socket bind to it."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((address, 0))
        except OSError:
            return False
    return True


def check_local(url: str) -> str:
    """Refuse any URL whose host is not this machine; return the host. Raises ValueError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise ValueError(f"cannot resolve {parts.hostname!r}: {error}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if address.is_loopback:
            continue
        if address.is_private and _own_address(str(address)):
            continue
        raise ValueError(f"{parts.hostname} ({address}) is not this machine: load tests target only local addresses")
    return parts.hostname
