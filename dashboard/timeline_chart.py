"""The timeline chart: one row per country, bands of its status from 1990 to today, with a legend."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd

from facts import FIRST_YEAR, Facts, today


def status_bands(facts: Facts) -> pd.DataFrame:
    """Runs of equal status per unit: unit name, first year, year after the last, status label."""
    rows: list[dict[str, Any]] = []
    current: dict[str, dict[str, Any]] = {}
    for unit_id, year, status in facts.status_table():
        label = facts.status_entries[status].label
        band = current.get(unit_id)
        if band and band["status"] == label and band["end"] == year:
            band["end"] = year + 1
            continue
        band = {"unit": unit_id, "status": label, "start": year, "end": year + 1}
        current[unit_id] = band
        rows.append(band)
    frame = pd.DataFrame(rows)
    frame["name"] = [facts.units[u].name for u in frame["unit"]]
    frame["period"] = [f"{s}–{e - 1}" if e - 1 > s else str(s) for s, e in zip(frame["start"], frame["end"], strict=True)]
    return frame


def _row_order(facts: Facts) -> list[str]:
    """Focus units first by name, then the historical states."""
    focus = sorted((u for u in facts.units.values() if u.focus), key=lambda u: u.name)
    history = sorted((u for u in facts.units.values() if not u.focus), key=lambda u: u.start.earliest if u.start else dt.date.min)
    return [u.name for u in focus + history]


def timeline_spec(facts: Facts) -> dict[str, Any]:
    """A Vega-Lite spec: one row per country, a band per run of equal status, with its legend.

    It does not depend on the chosen year, so the page draws it once, outside the part that
    reruns when the year changes.
    """
    bands = status_bands(facts)
    labels = [entry.label for entry in facts.legend]
    colours = [entry.colour for entry in facts.legend]
    last = today().year + 1
    chart = (
        alt.Chart(bands)
        .mark_bar(stroke="#8a8a8a", strokeWidth=0.6)
        .encode(
            x=alt.X(
                "start:Q",
                title="Year (status at the end of each year)",
                scale=alt.Scale(domain=[FIRST_YEAR, last], nice=False),
                axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=12, titleFontSize=12),
            ),
            x2="end:Q",
            y=alt.Y(
                "name:N",
                title=None,
                sort=_row_order(facts),
                axis=alt.Axis(labelLimit=400, labelOverlap=False, labelFontSize=12.5),
            ),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=labels, range=colours),
                legend=alt.Legend(
                    title="Status", orient="bottom", columns=4, labelLimit=300, labelFontSize=12.5, symbolType="square"
                ),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Country"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("period:N", title="Years"),
            ],
        )
        .properties(height=alt.Step(24))
        # Dark text throughout: Vega's default greys fall short of WCAG's 4.5:1 on white.
        .configure_axis(labelColor="#222222", titleColor="#222222", gridColor="#e4e4e4")
    )
    return chart.to_dict()
