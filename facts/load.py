"""Load a data directory: read it, run every check, and build the Facts only when all pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from facts.checks import check_all
from facts.dates import today
from facts.loading import Problem, data_dir, read_data
from facts.queries import Facts


class FactsError(Exception):
    """The data is invalid; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the facts data:\n{lines}")


def validate(directory: Path | str | None = None, on: dt.date | None = None) -> tuple[Facts | None, list[Problem]]:
    """Read and check a data directory (see :func:`facts.loading.data_dir`); the Facts only when valid."""
    data = read_data(directory)
    problems = check_all(data, on or today())
    if problems:
        return None, problems
    facts = Facts([unit for _, unit in data.units], data.legend, data.sites, data.events, data.texts)
    return facts, []


def load_facts(directory: Path | str | None = None) -> Facts:
    """The validated facts of a data directory (by default :func:`facts.loading.data_dir`).

    Not cached here: the entry point loads once and passes the facts down.

    Raises
    ------
    FactsError
        If any check fails; its message lists every problem with file, record and field.
    """
    facts, problems = validate(Path(directory) if directory else data_dir())
    if facts is None:
        raise FactsError(problems)
    return facts
