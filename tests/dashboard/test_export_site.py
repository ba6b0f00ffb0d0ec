"""The static atlas (python -m dashboard.export site DIR): its files, relative URLs only, its data, escaping, a safe CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dashboard.export import __main__ as cli
from dashboard.export.site import ASSETS, MANIFEST, site_files, write_site
from dashboard.static_files import generated_payloads
from facts import FIRST_YEAR, Facts, FactsError, today, year_day
from tests.dashboard.conftest import PAYLOAD

MNE_MEMBERSHIP = "2017-06-05"


class _References(HTMLParser):
    """Every src and href of a page, with its tag, and the text of the config script."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self.in_config = False
        self.config = ""

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.found.append((tag, name, value))
        self.in_config = tag == "script" and ("id", "atlas-config") in attrs

    def handle_data(self, data):
        if self.in_config:
            self.config += data

    def handle_endtag(self, tag):
        self.in_config = False


def _parse(html: str) -> _References:
    parser = _References()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def site(facts: Facts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "atlas"
    write_site(out, site_files(facts))
    return out


def _units(site: Path) -> dict:
    config = json.loads(_parse((site / "index.html").read_text(encoding="utf-8")).config)
    return json.loads((site / config["units"]).read_text(encoding="utf-8"))


def test_the_site_has_every_file_it_loads(site: Path):
    for name in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images/layers.png", "atlas.js", "atlas.css"):
        assert (site / ASSETS / name).is_file(), name
    for name in ("page.css", "site.js", "site.css"):
        assert (site / ASSETS / name).is_file(), name
    for pattern in ("shapes-*.geojson", "atlas-*.json", "units-*.json"):
        assert len(list((site / ASSETS).glob(pattern))) == 1, pattern
    assert (site / "index.html").is_file()
    listed = set((site / MANIFEST).read_text(encoding="utf-8").split())
    written = {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}
    assert listed == written


def test_index_refers_only_to_files_of_the_site_by_relative_urls(site: Path):
    page = _parse((site / "index.html").read_text(encoding="utf-8"))
    config = json.loads(page.config)
    references = [value for _, _, value in page.found] + [config["shapes"], config["table"], config["units"]]
    assert len(references) >= 10
    for value in references:
        if value == "data:,":  # the empty inline favicon: no request at all
            continue
        assert not re.match(r"^([a-z][a-z0-9+.-]*:|//|/)", value, re.IGNORECASE), value
        assert (site / value.split("?")[0].split("#")[0]).is_file() or value.startswith("#"), value
    tags = {(tag, name) for tag, name, _ in page.found}
    assert ("script", "src") in tags and ("link", "href") in tags


def test_stylesheets_load_nothing_from_another_host(site: Path):
    for css in (site / ASSETS).rglob("*.css"):
        for target in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not re.match(r"^(https?:)?//", target), (css.name, target)


def test_the_map_data_is_the_apps(site: Path, facts: Facts):
    for name, data in generated_payloads(facts).items():
        assert (site / ASSETS / name).read_bytes() == data


def test_a_live_url_is_one_link_in_the_footer_and_escaped(facts: Facts):
    url = 'https://atlas.example/balkans/?q="><script>alert(1)</script>'
    html = site_files(facts, url)["index.html"].decode()
    page = _parse(html)
    absolute = [(tag, value) for tag, _, value in page.found if re.match(r"^https?://", value)]
    assert absolute == [("a", url)]
    assert "<script>alert(1)" not in html
    assert "The live atlas" in html


def test_unit_data_carries_montenegros_membership_and_its_sources(site: Path, facts: Facts):
    units = _units(site)
    montenegro = units["MNE"]
    membership = next(m for m in montenegro["milestones"] if m["kind"] == "membership")
    assert membership["date"] == MNE_MEMBERSHIP and membership["human"] == "5 June 2017"
    assert membership["kindLabel"] == "Membership"
    expected = next(m for m in facts.units["MNE"].milestones if m.kind == "membership")
    assert [s["url"] for s in membership["sources"]] == [s.url for s in expected.sources] and membership["sources"]
    assert all(s["publisher"] and s["title"] for s in membership["sources"])
    assert montenegro["years"]["2017"] == {
        "name": "Montenegro",
        "status": "member",
        "since": "5 June 2017",
        "milestone": montenegro["milestones"].index(membership),
    }
    assert "Federal Republic of Yugoslavia" in montenegro["years"]["1995"]["absent"]
    assert {s["url"] for s in membership["sources"]} <= {s["url"] for s in montenegro["sources"]}


def test_every_unit_every_year_has_the_status_of_the_facts(site: Path, facts: Facts):
    """The panel's status comes from the facts' own rule, for every unit and year, alive or not."""
    units = _units(site)
    assert set(units) == set(facts.units)
    for year in range(FIRST_YEAR, today().year + 1):
        statuses = facts.statuses_in(year)
        for unit_id, unit in units.items():
            entry = unit["years"][str(year)]
            assert entry["name"] == facts.units[unit_id].name_on(year_day(year))
            if unit_id in statuses:
                assert entry["status"] == statuses[unit_id].status, (unit_id, year)
            else:
                assert "absent" in entry and "status" not in entry, (unit_id, year)


def test_kosovo_land_shows_nato_presence(site: Path, facts: Facts):
    kosovo = _units(site)["XKX"]
    assert {site.id for site in facts.sites if site.unit == "XKX"} <= {site["id"] for site in kosovo["sites"]}
    assert all(site["kindLabel"] and site["sources"] for site in kosovo["sites"])


def test_hostile_facts_are_escaped_in_the_page_and_kept_as_data(hostile_facts: Facts):
    files = site_files(hostile_facts)
    html = files["index.html"].decode()
    assert PAYLOAD not in html
    assert "Montenegro &lt;img src=x onerror=alert(1)&gt;" in html  # the country list
    config = _parse(html).config
    assert "<" not in config and json.loads(config)["units"] in files
    units = json.loads(files[json.loads(config)["units"]])
    assert units["MNE"]["summary"] == f"Summary {PAYLOAD}"  # data stays as it is: site.js writes it as text


def test_the_country_list_matches_the_app(site: Path, facts: Facts):
    html = (site / "index.html").read_text(encoding="utf-8")
    options = re.findall(r'<option value="([A-Z]*)">([^<]*)</option>', html)
    assert options[0] == ("", "None: the year at a glance")
    assert {code for code, _ in options[1:]} == set(facts.units)
    assert ("SCG", "Serbia and Montenegro (historical)") in options
    focus = [code for code, _ in options[1:] if facts.units[code].focus]
    assert [code for code, _ in options[1 : len(focus) + 1]] == focus  # the Balkan countries first


# ---- The command line ------------------------------------------------------------------------


@pytest.fixture
def cli_facts(facts: Facts, monkeypatch) -> Facts:
    monkeypatch.setattr(cli, "load_facts", lambda: facts)
    return facts


def test_cli_writes_the_site_into_a_new_directory(cli_facts, tmp_path, capsys):
    out = tmp_path / "deep" / "site"
    assert cli.main(["site", str(out)]) == 0
    assert (out / "index.html").is_file() and "wrote the static atlas" in capsys.readouterr().out


def test_cli_refuses_a_non_empty_directory_without_force(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "load_facts", lambda: pytest.fail("the facts are loaded before the refusal"))
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    assert cli.main(["site", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "not empty" in error and "--force" in error and "Traceback" not in error
    assert [path.name for path in tmp_path.iterdir()] == ["mine.txt"]


def test_cli_refuses_a_file_as_the_directory(tmp_path, capsys):
    target = tmp_path / "site.html"
    target.write_text("x", encoding="utf-8")
    assert cli.main(["site", str(target)]) == 2
    assert "is a file" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "x"


def test_cli_refuses_a_malformed_url(tmp_path, capsys):
    assert cli.main(["site", str(tmp_path / "s"), "--url", "javascript:alert(1)"]) == 2
    assert "--url" in capsys.readouterr().err and not (tmp_path / "s").exists()


def test_cli_reports_invalid_facts_and_writes_nothing(tmp_path, capsys, monkeypatch):
    def failing():
        raise FactsError(["units/MNE.yaml: milestones[3].date: malformed date '2017-13'", "second problem"])

    monkeypatch.setattr(cli, "load_facts", failing)
    assert cli.main(["site", str(tmp_path / "s")]) == 1
    error = capsys.readouterr().err
    assert "malformed date" in error and "Traceback" not in error
    assert not (tmp_path / "s").exists()


def test_force_replaces_only_the_sites_own_files(cli_facts, tmp_path, capsys):
    out = tmp_path / "site"
    assert cli.main(["site", str(out)]) == 0
    stale = out / ASSETS / "units-000000000000.json"
    stale.write_text("{}", encoding="utf-8")
    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write(f"{ASSETS}/units-000000000000.json\n../outside.txt\n")
    (tmp_path / "outside.txt").write_text("not the site's", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / ASSETS / "mine.css").write_text("mine", encoding="utf-8")
    (out / "index.html").write_text("old", encoding="utf-8")
    assert cli.main(["site", str(out)]) == 2  # not without --force
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert cli.main(["site", str(out), "--force"]) == 0
    assert not stale.exists()  # the last build's file, listed in its manifest
    assert (tmp_path / "outside.txt").exists()  # a manifest line outside the site is ignored
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / ASSETS / "mine.css").exists()
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!doctype html>")
