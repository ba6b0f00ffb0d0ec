"""Reading the data files into models, collecting every problem instead of stopping at the first."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from facts.policy_tables import Publisher, WeakSource
from facts.schema import Event, Site, StatusEntry, Text, Unit

DEFAULT_DATA_DIR = Path(__file__).parent / "data"
DATA_DIR_VARIABLE = "NATO_ATLAS_DATA"


def data_dir() -> Path:
    """The data directory in use: ``$NATO_ATLAS_DATA`` if set (to preview edits), else the package's."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    return Path(override) if override else DEFAULT_DATA_DIR


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as a curator needs to fix it."""

    file: str
    record: str
    field: str
    message: str
    rule: str = ""  # the source-policy rule broken, for the counts of ``check --sources``; "" for the others

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.record, self.field) if part)
        return f"{where}: {self.message}"


@dataclass
class RawData:
    """The validated records of a data directory and the problems met while reading it."""

    legend: list[StatusEntry]
    units: list[tuple[str, Unit]]
    sites: list[Site]
    events: list[Event]
    texts: list[Text]
    problems: list[Problem]
    files: dict[str, str]  # record kind or unit id -> file it came from, for later messages
    declared_unit_ids: set[str]  # ids of every unit file, valid or not, so one bad file does not cascade
    declared_record_ids: set[str] = field(default_factory=set)  # ids of every site and event, valid or not
    publishers: list[Publisher] | None = None  # the publisher table; None when its file cannot be read
    weak_sources: list[WeakSource] | None = None  # the deny table; None when its file cannot be read


def _field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against facts/README.md)"
    if kind == "missing":
        return "missing required field"
    message = error["msg"]
    return message.removeprefix("Value error, ")


def _validate(model: type[M], raw: Any, file: str, record: str, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(file, record, _field_path(error["loc"]), _message(error)))
        return None


def _read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(_rel(path, root), "", "", f"cannot be read as YAML: {exc}"))
        return None


def _rel(path: Path, root: Path) -> str:
    """The path as a curator would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _records(
    model: type[M], path: Path, root: Path, problems: list[Problem], key: str = "id", declared: set[str] | None = None
) -> list[M] | None:
    """Validate a YAML file holding a list of records, each reported under its ``key``.

    None when the file itself is missing or unreadable, so that callers can tell an empty table
    from one they cannot trust. ``declared`` collects every record's key, valid or not.
    """
    file = _rel(path, root)
    if not path.exists():
        problems.append(Problem(file, "", "", "file is missing"))
        return None
    before = len(problems)
    raw = _read_yaml(path, root, problems)
    if raw is None:
        if len(problems) == before:  # read fine, but nothing in it
            problems.append(Problem(file, "", "", "file is empty"))
        return None
    if not isinstance(raw, list):
        problems.append(Problem(file, "", "", "expected a list of records"))
        return None
    records = []
    for index, item in enumerate(raw):
        label = str(item.get(key, f"#{index + 1}")) if isinstance(item, dict) else f"#{index + 1}"
        if declared is not None:
            declared.add(label)
        record = _validate(model, item, file, label, problems)
        if record is not None:
            records.append(record)
    return records


def split_front_matter(text: str) -> tuple[str, str] | None:
    """Split ``---\\nYAML\\n---\\nbody`` into its YAML and its body; None without front matter."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 4)
    if end < 0:
        return None
    return text[4:end], text[end + 5 :]


def _text(path: Path, root: Path, problems: list[Problem]) -> Text | None:
    file = _rel(path, root)
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    if parts is None:
        problems.append(Problem(file, path.stem, "", "no YAML front matter between --- lines"))
        return None
    try:
        meta = yaml.safe_load(parts[0]) or {}
    except yaml.YAMLError as exc:
        problems.append(Problem(file, path.stem, "", f"front matter is not YAML: {exc}"))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(file, path.stem, "", "front matter must be a mapping"))
        return None
    return _validate(Text, {**meta, "id": path.stem, "body": parts[1].strip()}, file, path.stem, problems)


def read_data(directory: Path | str | None = None) -> RawData:
    """Read and validate every file of a data directory, one record at a time."""
    root = Path(directory) if directory else data_dir()
    problems: list[Problem] = []
    files: dict[str, str] = {}

    legend = _records(StatusEntry, root / "statuses.yaml", root, problems) or []
    record_ids: set[str] = set()
    sites = _records(Site, root / "sites.yaml", root, problems, declared=record_ids) or []
    events = _records(Event, root / "events.yaml", root, problems, declared=record_ids) or []
    publishers = _records(Publisher, root / "publishers.yaml", root, problems, key="name")
    weak_sources = _records(WeakSource, root / "weak_sources.yaml", root, problems, key="domain")
    for kind in ("statuses", "sites", "events", "publishers", "weak_sources"):
        files[kind] = _rel(root / f"{kind}.yaml", root)

    units: list[tuple[str, Unit]] = []
    declared: set[str] = set()
    for path in sorted((root / "units").glob("*.yaml")):
        file = _rel(path, root)
        declared.add(path.stem)
        raw = _read_yaml(path, root, problems)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(file, path.stem, "", "expected one unit record (a mapping)"))
            continue
        unit = _validate(Unit, raw, file, str(raw.get("id", path.stem)), problems)
        if unit is not None:
            units.append((file, unit))
            files[unit.id] = file

    texts = []
    for path in sorted((root / "texts").glob("*.md")):
        text = _text(path, root, problems)
        if text is not None:
            texts.append(text)
            files[f"text:{text.id}"] = _rel(path, root)

    return RawData(legend, units, sites, events, texts, problems, files, declared, record_ids, publishers, weak_sources)
