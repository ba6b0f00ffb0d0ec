"""facts/ and geodata/ know nothing of Streamlit or Folium: data flows one way."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"streamlit", "folium", "streamlit_folium", "branca"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_facts_and_geodata_do_not_import_the_ui():
    for package in ("facts", "geodata"):
        files = list((ROOT / package).rglob("*.py"))
        assert files, package
        for path in files:
            assert not _imports(path) & FORBIDDEN, path


def test_only_dashboard_imports_streamlit():
    """Product code: tests and the benchmark drive Streamlit (AppTest, a naive page) and are exempt."""
    exempt = {"dashboard", "tests", "benchmarks", ".venv"}
    for path in ROOT.rglob("*.py"):
        if exempt & set(path.relative_to(ROOT).parts):
            continue
        assert "streamlit" not in _imports(path), path
