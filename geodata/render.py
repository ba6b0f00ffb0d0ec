"""Draw the units of a date to PNG, to look at the dissolution with one's own eyes.

A development tool (``python -m geodata render 1990 2000 2007 2024 --out /tmp/maps``); it needs
matplotlib, which the app does not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geodata.region import DEFAULT_BOUNDS, context_countries
from geodata.units import units_on

# One fixed colour per unit, so the same unit looks the same on every date.
COLOURS = {
    "ALB": "#e41a1c", "BGR": "#377eb8", "BIH": "#4daf4a", "GRC": "#984ea3", "HRV": "#ff7f00",
    "HUN": "#a6cee3", "MKD": "#a65628", "MNE": "#f781bf", "ROU": "#ffd92f", "SCG": "#66c2a5",
    "SRB": "#1b9e77", "SVN": "#b2df8a", "TUR": "#fb9a99", "XKX": "#6a3d9a", "YUG": "#8dd3c7",
}  # fmt: skip


def day_of(when: str) -> dt.date:
    """``YYYY-MM-DD`` as given; ``YYYY`` as the day that stands for the year in ``facts/``."""
    if len(when) == 4:
        from facts import year_day

        return year_day(int(when))
    return dt.date.fromisoformat(when)


def render(day: dt.date, path: Path | str) -> Path:
    """Write one PNG of the units of ``day``, each in its colour and labelled at its label point."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    units = units_on(day)
    (south, west), (north, east) = DEFAULT_BOUNDS
    figure, axes = plt.subplots(figsize=(10, 9), dpi=110)
    context_countries().plot(ax=axes, color="#d9d9d9", edgecolor="#999999", linewidth=0.4)
    units.plot(ax=axes, color=[COLOURS.get(unit, "#777777") for unit in units["unit"]], edgecolor="black", linewidth=0.5)
    for unit, lon, lat in zip(units["unit"], units["label_lon"], units["label_lat"], strict=True):
        axes.plot(lon, lat, "k.", markersize=3)
        axes.annotate(unit, (lon, lat), xytext=(3, 3), textcoords="offset points", fontsize=9, weight="bold")
    axes.plot([west, east, east, west, west], [south, south, north, north, south], "k--", linewidth=0.6)
    axes.set_xlim(west - 1, east + 1)
    axes.set_ylim(south - 1, north + 1)
    axes.set_title(f"{day.isoformat()}: {', '.join(units['unit'])}", fontsize=10)
    path = Path(path)
    figure.savefig(path, bbox_inches="tight")
    plt.close(figure)
    return path


def main(whens: list[str], out: str) -> int:
    """The ``render`` command: one PNG per year or date into ``out``."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for when in whens:
        day = day_of(when)
        print(render(day, folder / f"units-{day.isoformat()}.png"))
    return 0
