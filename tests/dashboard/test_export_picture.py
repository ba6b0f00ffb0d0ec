"""The map picture (dashboard.export): right colours in the right places, a legend, notes, pins, a safe CLI.

Pixels are read from the PNG itself and located through the figure's own transform, so a wrong
year, swapped colours, a neighbour painted like a status or a pin drawn for the wrong year fails.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import subprocess
import sys
from xml.sax.saxutils import escape

import numpy as np
import pytest
import shapely
from PIL import Image

import geodata
from dashboard.export import __main__ as cli
from dashboard.export.picture import build_picture, render_picture
from dashboard.export.placement import MIN_GAP, spread_pins
from dashboard.export.style import CONTEXT_FILL, HATCH_COLOUR, HEIGHT_PX
from dashboard.export.texts import kosovo_note, picture_filename, title, view_url
from facts import Facts, FactsError, today, year_day
from tests.conftest import ROOT

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KOSOVO_NOTE_2008 = (
    "Kosovo: under UN Security Council Resolution 1244 (1999); declared independence on 17 February 2008; "
    "NATO Allies differ on its recognition."
)


@pytest.fixture(scope="module")
def pictures(facts: Facts):
    """Pictures (and their decoded PNG pixels) of the years the tests look at, drawn once."""
    drawn = {}
    for year in (1990, 1999, 2008, 2024):
        picture = build_picture(facts, year)
        drawn[year] = (picture, np.asarray(Image.open(io.BytesIO(picture.save("png"))).convert("RGB")))
    return drawn


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _busy(picture) -> list[tuple[float, float, float, float]]:
    """Display boxes of everything drawn over the land: names (with their halo) and pins."""
    renderer = picture.figure.canvas.get_renderer()
    boxes = []
    for text in picture.labels.values():
        extent = text.get_window_extent(renderer)
        boxes.append((extent.x0 - 5, extent.y0 - 5, extent.x1 + 5, extent.y1 + 5))
    for x, y in [*picture.pins.places.values(), *picture.pins.true_places.values()]:
        boxes.append((x - 16, y - 16, x + 16, y + 16))
    return boxes


def _on_leader(picture, point) -> bool:
    """Whether a display point lies within a few pixels of a leader line."""
    segment_near = []
    for key, place in picture.pins.places.items():
        line = shapely.LineString([picture.pins.true_places[key], place])
        segment_near.append(line.distance(shapely.Point(point)) < 5)
    return any(segment_near)


def _free(picture, point, busy) -> bool:
    x, y = point
    return not any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in busy) and not _on_leader(picture, point)


def _projected_units(facts: Facts, year: int):
    alive = [unit.id for unit in facts.units_alive(year_day(year))]
    return geodata.units_for(alive, facts.land_owners()).to_crs(3857)


def _sample_near_label(picture, geometry, lon, lat, busy) -> tuple[int, int]:
    """A PNG pixel inside ``geometry`` near its label point, clear of names, pins and borders."""
    to_data = picture.map_axes.transData.inverted()
    column, row = picture.pixel(lon, lat)
    anchor = (column, HEIGHT_PX - row)
    metres = (picture.map_axes.get_xlim()[1] - picture.map_axes.get_xlim()[0]) / picture.map_axes.get_window_extent().width
    interior = geometry.buffer(-4 * metres)
    for radius, step in itertools.product(range(6, 160, 3), range(16)):
        angle = math.pi / 2 + step * math.pi / 8
        point = (anchor[0] + radius * math.cos(angle), anchor[1] + radius * math.sin(angle))
        if _free(picture, point, busy) and shapely.contains_xy(interior, *to_data.transform(point)):
            return int(point[0]), int(HEIGHT_PX - point[1])
    raise AssertionError("no free pixel of the unit near its label point")


def test_png_is_wide_and_its_file_name_carries_the_year(facts: Facts):
    data = render_picture(facts, 2008)
    width, height = _png_size(data)
    assert width >= 1600 and 1000 <= height <= width
    assert picture_filename(2008, "png") == "nato-balkans-atlas-2008.png"
    assert picture_filename(1990, "svg") == "nato-balkans-atlas-1990.svg"
    assert re.fullmatch(r"[a-z0-9.-]+", picture_filename(today().year, "png"))


@pytest.mark.parametrize(("year", "fmt"), [(1989, "png"), (today().year + 1, "png"), (2008, "gif"), (2008, "../x")])
def test_bad_year_or_format_is_refused(facts: Facts, year: int, fmt: str):
    with pytest.raises(ValueError, match="year|format"):
        picture_filename(year, fmt)
    with pytest.raises(ValueError, match="year|format"):
        render_picture(facts, year, fmt=fmt)


def test_unknown_country_is_refused(facts: Facts):
    with pytest.raises(ValueError, match="unknown country"):
        build_picture(facts, 2008, selected="ZZZ")


@pytest.mark.parametrize("year", [1990, 2008])
def test_each_unit_is_in_its_status_colour_at_its_label_point(facts: Facts, pictures, year: int):
    """Guards swapped colours, a wrong year's statuses or borders, and a wrong projection."""
    picture, pixels = pictures[year]
    busy = _busy(picture)
    statuses = facts.statuses_in(year)
    for row in _projected_units(facts, year).itertuples():
        column, png_row = _sample_near_label(picture, row.geometry, row.label_lon, row.label_lat, busy)
        expected = _rgb(facts.status_entries[statuses[row.unit].status].colour)
        found = pixels[png_row, column].astype(int)
        assert np.abs(found - expected).max() <= 2, (year, row.unit, found, expected)


def test_status_colours_change_between_the_years(facts: Facts):
    """The two years above must differ for Bulgaria, else the colour test could not catch a wrong year."""
    assert facts.statuses_in(1990)["BGR"].status != facts.statuses_in(2008)["BGR"].status


def test_hatched_neighbours_are_never_a_status_colour(facts: Facts, pictures):
    picture, pixels = pictures[2008]
    to_display = picture.map_axes.transData
    x0, x1 = picture.map_axes.get_xlim()
    y0, y1 = picture.map_axes.get_ylim()
    metres = (x1 - x0) / picture.map_axes.get_window_extent().width
    frame = shapely.box(x0, y0, x1, y1).buffer(-6 * metres)
    context = geodata.context_countries().to_crs(3857)
    # Each country shrunk on its own, so the white borders between neighbours are left out too.
    land = shapely.union_all([geometry.buffer(-4 * metres) for geometry in context.geometry]).intersection(frame)
    grid = [(x, y) for x in np.arange(x0, x1, 5 * metres) for y in np.arange(y0, y1, 5 * metres)]
    inside = [point for point in grid if shapely.contains_xy(land, *point)]
    assert len(inside) > 500, "too few neighbour pixels in view to test"
    colours = np.array([pixels[int(HEIGHT_PX - dy), int(dx)] for dx, dy in to_display.transform(inside)]).astype(int)
    for entry in facts.legend:
        distance = np.sqrt(((colours - _rgb(entry.colour)) ** 2).sum(axis=1))
        assert distance.min() > 12, f"a neighbour pixel looks like status {entry.id}"
    # Hatched: both the light ground and the darker lines show, and nothing else does.
    ground = np.abs(colours - _rgb(CONTEXT_FILL)).max(axis=1) <= 3
    lines = np.abs(colours - _rgb(HATCH_COLOUR)).max(axis=1) <= 8
    grey = np.ptp(colours, axis=1) <= 8
    assert ground.mean() > 0.4 and lines.mean() > 0.1 and grey.all()


def test_legend_is_beside_the_map_never_over_it(pictures):
    picture, _ = pictures[2008]
    legend = next(axes for axes in picture.figure.axes if axes is not picture.map_axes)
    assert legend.get_window_extent().x0 > picture.map_axes.get_window_extent().x1


def test_svg_has_title_legend_notes_and_source_as_text(facts: Facts):
    svg = render_picture(facts, 2008, fmt="svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for text in [
        "NATO status on 31 December 2008",
        *[entry.label for entry in facts.legend],
        "Other countries (not covered)",
        KOSOVO_NOTE_2008,
        "NATO–Balkans Atlas",
        f"data as of {today().day} ",
        "http://localhost:8501/?year=2008",
        *[line for unit in facts.units_alive(year_day(2008)) for line in unit.short_name_on(year_day(2008)).split()],
    ]:
        assert re.search(r"<text[^>]*>[^<]*" + re.escape(escape(text)), svg), text


def test_kosovo_note_follows_the_year(facts: Facts):
    assert kosovo_note(facts, 1998) is None
    assert kosovo_note(facts, 2008) == KOSOVO_NOTE_2008
    earlier = kosovo_note(facts, 1999)
    assert "Resolution 1244 (1999)" in earlier and "17 February 2008" in earlier and "Federal Republic of Yugoslavia" in earlier


def test_title_says_today_for_the_current_year(monkeypatch):
    monkeypatch.setenv("NATO_ATLAS_TODAY", "2026-12-03")
    assert title(2026) == "NATO status today, 3 December 2026"
    assert title(2008) == "NATO status on 31 December 2008"


def test_url_of_the_view(facts: Facts):
    assert view_url("http://localhost:8501/", 2008) == "http://localhost:8501/?year=2008"
    assert view_url("https://atlas.example/app?year=1", 2008, "MNE") == "https://atlas.example/app?year=2008&country=MNE"
    with pytest.raises(ValueError):
        view_url("javascript:alert(1)", 2008)
    svg = render_picture(facts, 2008, fmt="svg", selected="MNE").decode("utf-8")
    assert "http://localhost:8501/?year=2008&amp;country=MNE" in svg and 'id="selected-MNE"' in svg


@pytest.mark.parametrize("year", [1999, 2008])
def test_pins_of_the_year_and_only_those(facts: Facts, year: int):
    svg = render_picture(facts, year, fmt="svg").decode("utf-8")
    active = {site.id for site in facts.sites_active(year)}
    assert active, year
    for site in facts.sites:
        assert (f'<g id="{site.id}">' in svg) == (site.id in active), site.id


@pytest.mark.parametrize("year", [1999, 2008, 2024])
def test_pins_do_not_hide_each_other_and_names_stay_clear(pictures, year: int):
    picture, _ = pictures[year]
    places = list(picture.pins.places.values())
    for first, second in itertools.combinations(places, 2):
        assert math.dist(first, second) >= MIN_GAP - 0.01
    for key, place in picture.pins.places.items():
        assert math.dist(place, picture.pins.true_places[key]) < 90, key
    renderer = picture.figure.canvas.get_renderer()
    boxes = {unit: text.get_window_extent(renderer) for unit, text in picture.labels.items()}
    for (one, a), (other, b) in itertools.combinations(boxes.items(), 2):
        assert not a.overlaps(b), (one, other)
    for unit, box in boxes.items():
        for key, (x, y) in picture.pins.places.items():
            assert not (box.x0 - 8 < x < box.x1 + 8 and box.y0 - 8 < y < box.y1 + 8), (unit, key)


def test_crowded_pins_are_spread_deterministically():
    points = [(100.0, 100.0), (100.0, 100.0), (104.0, 98.0), (300.0, 300.0)]
    placed = spread_pins(points)
    assert placed == spread_pins(points)
    assert placed[3] == points[3]
    for first, second in itertools.combinations(placed, 2):
        assert math.dist(first, second) >= MIN_GAP


def test_same_picture_same_bytes(facts: Facts):
    assert render_picture(facts, 1990, fmt="svg") == render_picture(facts, 1990, fmt="svg")
    assert render_picture(facts, 1990) == render_picture(facts, 1990)


def test_hostile_names_are_escaped_in_the_svg(hostile_facts: Facts):
    svg = render_picture(hostile_facts, 2008, fmt="svg", selected="MNE").decode("utf-8")
    # The name is wrapped onto several lines, so look for its start, escaped, and never raw.
    assert "&lt;img" in svg and "<img" not in svg


# Command line ---------------------------------------------------------------------------------


def test_cli_refuses_a_year_outside_the_atlas(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert cli.main(["png", "--year", "1800", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "--year 1800" in error and "1990" in error and "Traceback" not in error
    assert not out.exists()


def test_cli_keeps_an_existing_file_unless_forced(facts: Facts, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "load_facts", lambda: facts)
    out = tmp_path / "map.png"
    out.write_bytes(b"keep me")
    assert cli.main(["png", "--year", "2008", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == b"keep me"
    assert cli.main(["png", "--year", "2008", "--out", str(out), "--force"]) == 0
    assert _png_size(out.read_bytes())[0] >= 1600


def test_cli_refuses_an_unknown_country(facts: Facts, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "load_facts", lambda: facts)
    assert cli.main(["svg", "--year", "2008", "--out", str(tmp_path / "m.svg"), "--country", "ZZZ"]) == 2
    assert "--country ZZZ" in capsys.readouterr().err and not (tmp_path / "m.svg").exists()


def test_cli_reports_invalid_facts(tmp_path, capsys, monkeypatch):
    def failing():
        raise FactsError(["units/MNE.yaml: MNE: start: malformed date"])

    monkeypatch.setattr(cli, "load_facts", failing)
    assert cli.main(["png", "--year", "2008", "--out", str(tmp_path / "m.png")]) == 1
    error = capsys.readouterr().err
    assert "facts data fails its checks" in error and "MNE.yaml" in error


def test_python_m_dashboard_export_writes_a_png(tmp_path):
    out = tmp_path / "map.png"
    command = [sys.executable, "-m", "dashboard.export", "png", "--year", "2008", "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    image = Image.open(out)
    image.verify()
    assert image.format == "PNG" and image.size[0] >= 1600
