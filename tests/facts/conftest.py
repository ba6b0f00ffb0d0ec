"""Fixtures of the facts tests: a small data set that passes every check, to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from facts.loading import DEFAULT_DATA_DIR

CLEAN_DATA = Path(__file__).parent / "clean_data"
TABLES = ("statuses.yaml", "publishers.yaml", "weak_sources.yaml")


@pytest.fixture
def clean_data(tmp_path: Path) -> Path:
    """A writable copy of tests/facts/clean_data with the real legend and source-policy tables."""
    target = tmp_path / "clean"
    shutil.copytree(CLEAN_DATA, target, ignore=shutil.ignore_patterns("README.md"))
    for name in TABLES:
        shutil.copy(DEFAULT_DATA_DIR / name, target / name)
    return target
