"""Helpers of the facts tests: edit a YAML file of a data copy, and list what the check reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from facts.checks import check_all
from facts.loading import Problem, read_data

TODAY = dt.date(2026, 12, 3)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit(path: Path, change: Callable[[Any], None]) -> None:
    """Load a YAML file, let ``change`` modify it in place, and write it back."""
    data = load(path)
    change(data)
    dump(path, data)


def problems(data_dir: Path) -> list[Problem]:
    """Every problem ``python -m facts check`` would report for ``data_dir``, in order."""
    return check_all(read_data(data_dir), TODAY)


def source(url: str, publisher: str, title: str = "A page") -> dict[str, str]:
    return {"url": url, "publisher": publisher, "title": title, "accessed": "2026-12-03"}
