"""geodata stays plain Python: no Streamlit, no Folium, and matplotlib only for the renderer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "geodata"
UI = {"streamlit", "folium", "streamlit_folium"}


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_module_of_geodata_imports_a_ui_library():
    for path in PACKAGE.rglob("*.py"):
        assert not _imported_roots(path) & UI, path


def test_only_the_renderer_imports_matplotlib():
    users = {path.name for path in PACKAGE.rglob("*.py") if "matplotlib" in _imported_roots(path)}
    assert users <= {"render.py"}


def test_importing_geodata_loads_neither_ui_nor_plotting_nor_facts():
    """facts is imported on the first date query only, so geodata loads without it."""
    code = "import sys, geodata; print(sorted({m.split('.')[0] for m in sys.modules} & {'streamlit', 'folium', 'matplotlib', 'facts'}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_no_network_access_in_geodata():
    for path in PACKAGE.rglob("*.py"):
        assert not _imported_roots(path) & {"requests", "urllib", "http", "httpx", "socket"}, path
