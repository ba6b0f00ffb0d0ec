"""``python -m geodata check``: is the committed file intact, small and a clean coverage?"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from geodata.quality import measure
from geodata.region import DATA_FILE, README, read_features

# The committed file must stay small: it is sent to every browser once.
MAX_BYTES = 200_000
_CHECKSUM = re.compile(r"SHA-256.*?\b([0-9a-f]{64})\b")


def sha256(path: Path | str) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def recorded_checksum(readme: Path | str = README) -> str | None:
    """The SHA-256 that the data README records for the file (the first on a line naming SHA-256)."""
    for line in Path(readme).read_text(encoding="utf-8").splitlines():
        match = _CHECKSUM.search(line)
        if match:
            return match.group(1)
    return None


def run(path: Path | str = DATA_FILE, readme: Path | str = README) -> int:
    """Print the file's figures; 0 if all is well, 1 on any invalid geometry, gap, overlap,
    checksum mismatch or excess size."""
    path = Path(path)
    features = read_features(path)
    size = path.stat().st_size
    actual, recorded = sha256(path), recorded_checksum(readme)
    report = measure(list(features["id"]), list(features.geometry))
    units = int((features["role"] == "unit").sum())
    print(path)
    print(f"  {report.lines()[0]} ({units} units, {len(features) - units} context)")
    print(f"  bytes: {size:,} (budget {MAX_BYTES:,})")
    print(f"  sha256: {actual} ({'matches README' if actual == recorded else f'README says {recorded}'})")
    for line in report.lines()[1:]:
        print(f"  {line}")
    ok = report.ok and actual == recorded and size < MAX_BYTES
    print("OK" if ok else "FAILED")
    return 0 if ok else 1
