"""The files the browser loads from the app: written once, named by content, never from a CDN."""

from __future__ import annotations

import json

from dashboard import static_files


def test_prepare_writes_every_generated_file_named_by_its_content(facts, tmp_path):
    for name in static_files.OWN_FILES:
        (tmp_path / name).write_text(f"/* {name} */", encoding="utf-8")
    assets = static_files.prepare(facts, tmp_path)
    generated = tmp_path / static_files.GENERATED
    for url in (assets.leaflet_js, assets.leaflet_css, assets.jquery_js, assets.shapes, assets.table):
        assert url.startswith("/app/static/generated/")
        assert (generated / url.removeprefix("/app/static/generated/")).is_file(), url
    assert assets.atlas_js.startswith("/app/static/atlas.js?v=")
    table = json.loads((generated / assets.table.rsplit("/", 1)[1]).read_text(encoding="utf-8"))
    assert table["years"]["2017"]["shapes"] and "MNE" in {s["unit"] for s in table["years"]["2017"]["shapes"]}
    shapes = json.loads((generated / assets.shapes.rsplit("/", 1)[1]).read_text(encoding="utf-8"))
    assert shapes["type"] == "FeatureCollection"


def test_prepare_writes_nothing_that_is_already_there(facts, tmp_path):
    for name in static_files.OWN_FILES:
        (tmp_path / name).write_text("x", encoding="utf-8")
    first = static_files.prepare(facts, tmp_path)
    table = tmp_path / static_files.GENERATED / first.table.rsplit("/", 1)[1]
    table.write_text("kept", encoding="utf-8")
    assert static_files.prepare(facts, tmp_path) == first
    assert table.read_text(encoding="utf-8") == "kept"


def test_other_facts_give_other_file_names(facts, hostile_facts):
    assert static_files.generated_payloads(facts).keys() != static_files.generated_payloads(hostile_facts).keys()
