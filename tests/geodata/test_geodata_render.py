"""The renderer used for the visual check writes a PNG per date."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("matplotlib")

from geodata.render import day_of, render  # noqa: E402


def test_day_of_a_year_is_its_last_day_and_a_date_is_itself():
    assert day_of("2007") == dt.date(2007, 12, 31)
    assert day_of("2006-06-03") == dt.date(2006, 6, 3)


def test_render_writes_a_png(tmp_path):
    path = render(dt.date(2007, 12, 31), tmp_path / "units.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 10_000
