"""The table view: every country of the year with status, since when and a source; the same as CSV."""

from __future__ import annotations

import csv
import io

from dashboard import status_table


def test_the_rows_of_2008(facts):
    rows = {row.unit: row for row in status_table.rows(facts, 2008)}
    assert set(rows) == set(facts.statuses_in(2008))
    assert rows["MNE"].status["label"] == "Intensified Dialogue" and rows["MNE"].since == "3 April 2008"
    assert rows["GRC"].since == "18 February 1952"
    assert rows["XKX"].status["label"] == "No formal relationship" and rows["XKX"].since == ""
    assert rows["ALB"].source is not None and rows["ALB"].source.url.startswith("https://")
    assert [row.name for row in status_table.rows(facts, 2008)] == sorted(row.name for row in rows.values())


def test_the_html_table_has_a_caption_headers_and_one_row_per_country(facts):
    html = status_table.table_html(facts, 2008)
    assert "<caption>Every country on the map on 31 December 2008</caption>" in html
    assert html.count('scope="col"') == 4 and html.count("<tr data-unit=") == len(facts.statuses_in(2008))


def test_the_csv_carries_the_same_rows(facts):
    reader = list(csv.DictReader(io.StringIO(status_table.table_csv(facts, 2008))))
    assert reader[0].keys() == {"unit", "country", "year", "status", "since", "source_url", "source_publisher", "source_title"}
    montenegro = next(row for row in reader if row["unit"] == "MNE")
    assert (montenegro["year"], montenegro["status"], montenegro["since"]) == ("2008", "Intensified Dialogue", "3 April 2008")
