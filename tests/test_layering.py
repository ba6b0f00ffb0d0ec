"""The project's shape: data flows one way, facts are loaded only at entry points, modules stay small.

One AST scanner for every rule: facts knows neither geodata nor the dashboard; geodata knows
neither facts nor the dashboard; only dashboard/ (and the tests and benchmarks that drive it)
imports Streamlit, Folium or branca; only entry points load the facts (everything else is handed
them); every module says its job in its first line; dashboard modules stay under 250 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI = {"streamlit", "folium", "streamlit_folium", "branca"}
FORBIDDEN = {
    "facts": UI | {"geodata", "dashboard"},
    "geodata": UI | {"facts", "dashboard"},
}
# The only places that may call load_facts(): they start a program and pass the facts down.
ENTRY_POINTS = {
    "dashboard/app.py",
    "dashboard/static_files.py",  # its `python -m` block, for the image build
    "dashboard/export/__main__.py",
    "facts/__main__.py",
    "facts/load.py",  # where it is defined
    "facts/__init__.py",
}


def _python_files(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (ROOT / package).rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_packages(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, wherever the import stands."""
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_data_flows_one_way(package):
    files = _python_files(package)
    assert files, package
    offenders = {str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package]) for path in files}
    assert not {path: names for path, names in offenders.items() if names}


def test_only_the_dashboard_imports_the_ui():
    """Product code outside dashboard/ never imports Streamlit or Folium (tests and benchmarks drive them)."""
    exempt = {"dashboard", "tests", "benchmarks", ".venv", "test-artifacts"}
    for path in ROOT.rglob("*.py"):
        if exempt & set(path.relative_to(ROOT).parts):
            continue
        assert not imported_packages(path) & UI, path


def test_only_entry_points_load_the_facts():
    """A module that fetched its own copy of the facts could not be tested with other facts."""
    callers = set()
    for path in _python_files("facts", "geodata", "dashboard"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "load_facts":
                callers.add(str(path.relative_to(ROOT)))
    assert callers <= ENTRY_POINTS, callers - ENTRY_POINTS


def test_nothing_but_the_page_runs_at_import_time():
    """Dashboard modules only define things: no call at module level except the page's own main()."""
    for path in _python_files("dashboard"):
        if path.name in {"app.py", "__main__.py"}:
            continue
        for node in _tree(path).body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno} runs code at import time")


@pytest.mark.parametrize("package", ["facts", "geodata", "dashboard", "benchmarks"])
def test_every_module_says_its_job_in_its_first_line(package):
    for path in _python_files(package):
        docstring = ast.get_docstring(_tree(path))
        assert docstring and docstring.strip().splitlines()[0].strip(), f"{path.relative_to(ROOT)} has no docstring"


def test_dashboard_modules_stay_small():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines()) for path in _python_files("dashboard")
    }
    assert {path: lines for path, lines in sizes.items() if lines > 250} == {}


def test_no_path_hacks():
    """The packages are installed (pip install -e .); nothing edits sys.path to find them."""
    for path in _python_files("facts", "geodata", "dashboard"):
        assert "sys.path" not in path.read_text(encoding="utf-8"), path
