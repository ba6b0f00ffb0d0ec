"""Which country a click on the map selected, from what streamlit-folium returns."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import Any

# What the map sends back: the clicked shape (with its unit) and the click's position, so that
# clicking the same country again after choosing another one still counts. Nothing about
# panning or zooming, which would rerun the page for no reason.
RETURNED_OBJECTS = ["last_active_drawing", "last_clicked"]


@dataclass(frozen=True)
class Click:
    """A click on a unit: the unit and where the click landed (to tell two clicks apart)."""

    unit: str
    lat: float | None
    lng: float | None


def clicked_unit(value: dict[str, Any] | None, known: Container[str]) -> Click | None:
    """The unit a map click selected, or None for pins, neighbours, the sea or unknown ids."""
    if not isinstance(value, dict):
        return None
    feature = value.get("last_active_drawing")
    if not isinstance(feature, dict):
        return None
    properties = feature.get("properties")
    unit = properties.get("unit") if isinstance(properties, dict) else None
    if not isinstance(unit, str) or unit not in known:
        return None
    position = value.get("last_clicked") if isinstance(value.get("last_clicked"), dict) else {}
    return Click(unit, position.get("lat"), position.get("lng"))
