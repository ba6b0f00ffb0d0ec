"""Explore and share (issue 13) as a reader does it: Play and Pause, Compare with, Cite, Embed, downloads, print.

Expected years, changes, file contents and view URLs come from the facts and the view shown.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from dashboard.reference import DOWNLOADS
from facts import Facts, today
from tests.browser.atlas_page import (
    IFRAME,
    PROBES,
    country_box,
    open_atlas,
    probe,
    slider,
    view,
    wait_for_map,
    wait_for_query,
    wait_for_selection,
)

pytestmark = pytest.mark.browser

MIN_PNG_WIDTH = 1600


def _watch_years(page, frame, seconds: float) -> list[tuple[int, int]]:
    """(slider year, map year) seen every 200 ms for about ``seconds``, without repeats."""
    seen: list[tuple[int, int]] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = (int(slider(page).get_attribute("aria-valuetext")), int(probe(frame, "mapYear")))
        if not seen or seen[-1] != now:
            seen.append(now)
        page.wait_for_timeout(200)
    return seen


def _query_of(url: str) -> dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(urlsplit(url).query).items()}


def _popover_code(page, button: str) -> list[str]:
    """Open the popover ``button`` and return the texts of its code blocks."""
    page.get_by_role("button", name=button).click()
    body = page.locator('[data-testid="stPopoverBody"]')
    expect(body.locator("pre").first).to_be_visible()
    return [text.strip() for text in body.locator("pre").all_inner_texts()]


# ---- Play ---------------------------------------------------------------------------------------


def test_play_advances_the_year_and_pause_stops_it(page, app_url):
    frame = open_atlas(page, app_url, 2000)
    page.get_by_role("button", name="▶ Play").click()
    expect(page.get_by_role("button", name="⏸ Pause")).to_be_visible()
    playing = _watch_years(page, frame, 3.0)
    sliders = [year for year, _ in playing]
    assert sliders == sorted(sliders) and sliders[-1] >= 2002, f"Play did not step through the years: {playing}"
    frame.wait_for_function(f"() => Number(({PROBES}).mapYear()) >= {sliders[-1]}")  # the map follows
    page.get_by_role("button", name="⏸ Pause").click()
    expect(page.get_by_role("button", name="▶ Play")).to_be_visible()
    stopped = int(slider(page).get_attribute("aria-valuetext"))
    wait_for_map(page, stopped)
    wait_for_query(page, view(stopped))
    paused = _watch_years(page, frame, 2.5)
    assert paused == [(stopped, stopped)], f"the year moved on after Pause: {paused}"
    wait_for_query(page, view(stopped))


def test_play_stops_at_the_current_year(page, app_url):
    last = today().year
    frame = open_atlas(page, app_url, last - 2)
    page.get_by_role("button", name="▶ Play").click()
    expect(page.get_by_role("button", name="⏸ Pause")).to_be_visible()
    expect(page.get_by_role("button", name="▶ Play")).to_be_visible()  # back by itself at the end
    expect(slider(page)).to_have_attribute("aria-valuetext", str(last))
    wait_for_map(page, last)
    wait_for_query(page, view(last))
    page.wait_for_timeout(1500)
    assert probe(frame, "mapYear") == str(last) and slider(page).get_attribute("aria-valuetext") == str(last)


# ---- Compare ------------------------------------------------------------------------------------


def test_compare_with_lists_the_changes_and_marks_them_on_the_map(page, app_url, facts: Facts):
    changes = facts.status_changes(2009, 1999)
    joined = {change.unit.id for change in changes if change.after == "member"}
    assert {"ALB", "HRV"} <= joined, "the facts no longer say Albania and Croatia joined between 1999 and 2009"
    frame = open_atlas(page, app_url, 2009)
    page.get_by_role("combobox", name="Compare with").click()
    page.keyboard.type("1999")  # the list of years is long: only the options in sight exist
    page.get_by_role("option", name="1999", exact=True).click()
    wait_for_query(page, view(2009, compare=1999))
    expect(page.get_by_role("heading", name="What changed between 1999 and 2009")).to_be_visible()
    listed = page.locator(".atlas-changes")
    expect(listed).to_be_visible()
    for change in changes:
        item = listed.locator("li", has_text=change.unit.name).first
        expect(item).to_contain_text(facts.status_entries[change.before].label)
        expect(item).to_contain_text(facts.status_entries[change.after].label)
        for step in change.steps:
            expect(item).to_contain_text(step.milestone.title)
        if change.steps:
            expect(item.locator(".atlas-date")).to_have_count(len(change.steps))
            assert item.locator("a[href^='http']").count() >= 1, f"no source for the change of {change.unit.id}"
    frame.wait_for_function(f"n => ({PROBES}).changed().length === n", arg=len(changes))
    marked = probe(frame, "changed")
    assert sorted(marked) == sorted(change.unit.id for change in changes)


# ---- Cite and embed -----------------------------------------------------------------------------


def test_cite_this_view_gives_a_citation_and_bibtex_with_the_view(page, app_url, facts: Facts):
    open_atlas(page, app_url, 2008, "MNE")
    blocks = _popover_code(page, "Cite this view")
    plain = next(block for block in blocks if not block.startswith("@"))
    bibtex = next(block for block in blocks if block.startswith("@"))
    for text in (plain, bibtex):
        urls = re.findall(r"https?://[^\s}]+", text)
        assert urls and _query_of(urls[0].rstrip(".")) == view(2008, "MNE"), text
        assert urlsplit(urls[0]).netloc == urlsplit(app_url).netloc, text
        assert "2008" in text and facts.units["MNE"].name in text, text
    assert str(today().year) in plain and "accessed" in plain.lower(), plain
    assert re.match(r"@misc\{[\w:-]+,", bibtex) and re.search(r"title\s*=\s*\{", bibtex) and bibtex.rstrip().endswith("}"), bibtex


def test_embed_gives_an_iframe_of_the_chromeless_view(page, app_url):
    open_atlas(page, app_url, 2008, "MNE")
    snippet = " ".join(_popover_code(page, "Embed"))
    found = re.search(r'<iframe[^>]*\bsrc="([^"]+)"', snippet)
    assert found, snippet
    source = found.group(1).replace("&amp;", "&")
    assert _query_of(source) == view(2008, "MNE") | {"embed": "1"}, source
    assert urlsplit(source).netloc == urlsplit(app_url).netloc and "title=" in snippet, snippet


def test_the_embedded_view_shows_the_map_and_legend_without_controls(page, app_url, facts: Facts):
    page.goto(f"{app_url}/?year=2008&country=MNE&embed=1")
    frame = wait_for_map(page, 2008)
    wait_for_selection(frame, "MNE")
    expect(page.locator("details.atlas-legend")).to_be_visible()
    expect(page.locator(".atlas-legend-statuses")).to_contain_text(facts.legend[0].label)
    for control in (".st-key-year", "input[type=range]", ".st-key-country", ".st-key-compare", ".st-key-play", ".st-key-share"):
        expect(page.locator(control)).to_have_count(0)
    expect(page.locator(".atlas-panel[data-unit]")).to_have_count(0)
    link = page.get_by_role("link", name=re.compile("NATO–Balkans Atlas"))
    assert _query_of(link.get_attribute("href")) == view(2008, "MNE")


# ---- Downloads ----------------------------------------------------------------------------------


def _png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">I", data[16:20])[0]


def test_the_picture_of_the_year_downloads_as_png_and_svg(page, app_url, tmp_path):
    open_atlas(page, app_url, 2008)
    with page.expect_download() as png:
        page.get_by_role("button", name="Download map (PNG)").click()
    assert "2008" in png.value.suggested_filename and png.value.suggested_filename.endswith(".png")
    png.value.save_as(tmp_path / "map.png")
    assert _png_width((tmp_path / "map.png").read_bytes()) >= MIN_PNG_WIDTH
    with page.expect_download() as svg:
        page.get_by_role("button", name="Download map (SVG)").click()
    assert "2008" in svg.value.suggested_filename and svg.value.suggested_filename.endswith(".svg")
    svg.value.save_as(tmp_path / "map.svg")
    assert "<svg" in (tmp_path / "map.svg").read_text(encoding="utf-8")[:2000]


def test_the_table_of_the_year_and_the_data_download_as_csv(page, app_url, facts: Facts, tmp_path):
    open_atlas(page, app_url, 2008)
    page.locator("summary", has_text="Table of 2008").click()
    with page.expect_download() as table:
        page.get_by_role("link", name="Download this table (CSV, 2008)").click()
    assert "2008" in table.value.suggested_filename
    table.value.save_as(tmp_path / "table.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "table.csv").read_text(encoding="utf-8"))))
    assert len(rows) - 1 == len(facts.statuses_in(2008)), rows
    page.get_by_role("tab", name="Data").click()
    for label, file_name, builder in DOWNLOADS:
        with page.expect_download() as data:
            page.get_by_role("button", name=f"{label} (CSV)").click()
        assert data.value.suggested_filename == file_name
        data.value.save_as(tmp_path / file_name)
        assert (tmp_path / file_name).read_text(encoding="utf-8") == builder(facts), f"{file_name} is not the facts' export"


# ---- Print --------------------------------------------------------------------------------------


def test_print_shows_the_map_full_width_and_the_panel_in_full_without_controls(page, app_url):
    open_atlas(page, app_url, 2008, "MNE")
    page.emulate_media(media="print")
    content = probe(page, "contentWidth")
    map_box = page.locator(IFRAME).bounding_box()
    assert map_box["width"] >= content - 2, f"the map is {map_box['width']:.0f} px wide in a {content:.0f} px page"
    panel = page.locator('.atlas-panel[data-unit="MNE"]')
    expect(panel).to_be_visible()
    assert panel.bounding_box()["y"] >= map_box["y"] + map_box["height"], "the panel is not below the map"
    assert probe(page, "clipped") == [], "the country panel is cut off on paper"
    for control in (slider(page), country_box(page), page.get_by_role("button", name="▶ Play"), page.locator(".st-key-share")):
        expect(control).to_be_hidden()
