"""What we take from Natural Earth, under which of our IDs, and the repairs it needs first.

Used only by the build (``python -m geodata build``); the app reads the committed file instead.
The source file knows countries by a numeric ISO code and short display names ("Macedonia",
"Bosnia and Herz.", "Turkey"), and Kosovo has no code at all, so every feature we keep is named
here by its (code, name) pair and mapped to our ID by hand, never joined on a name or code.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point

from geodata.region import DEFAULT_BOUNDS

NPM_PACKAGE = "world-atlas@2.0.2"
TARBALL_SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
MEMBER = "package/countries-10m.json"
LAYER = "countries"

# (numeric ISO code as the file spells it, or None where the file has none; the file's name)
SourceKey = tuple[str | None, str]


@dataclass(frozen=True)
class Keep:
    """One feature of our file and the source features merged into it."""

    id: str
    role: str  # "unit": a modern unit of facts/; "context": drawn in grey, not a facts unit
    name: str | None  # display name, context only: units take their names from facts/
    parts: tuple[SourceKey, ...]


UNITS = (
    Keep("ALB", "unit", None, (("008", "Albania"),)),
    Keep("BGR", "unit", None, (("100", "Bulgaria"),)),
    Keep("BIH", "unit", None, (("070", "Bosnia and Herz."),)),
    Keep("GRC", "unit", None, (("300", "Greece"),)),
    Keep("HRV", "unit", None, (("191", "Croatia"),)),
    Keep("HUN", "unit", None, (("348", "Hungary"),)),
    Keep("MKD", "unit", None, (("807", "Macedonia"),)),
    Keep("MNE", "unit", None, (("499", "Montenegro"),)),
    Keep("ROU", "unit", None, (("642", "Romania"),)),
    Keep("SRB", "unit", None, (("688", "Serbia"),)),
    Keep("SVN", "unit", None, (("705", "Slovenia"),)),
    Keep("TUR", "unit", None, (("792", "Turkey"),)),
    Keep("XKX", "unit", None, ((None, "Kosovo"),)),
)

# Every other country with a real share of its land in DEFAULT_BOUNDS (see CONTEXT_MIN_SHARE),
# plus Cyprus, which lies just east of the bounds but is on screen in any landscape map of them.
CONTEXT = (
    Keep("ctx-AUT", "context", "Austria", (("040", "Austria"),)),
    # The island comes in five pieces; the atlas draws one grey Cyprus.
    Keep(
        "ctx-CYP",
        "context",
        "Cyprus",
        (("196", "Cyprus"), (None, "N. Cyprus"), (None, "Cyprus U.N. Buffer Zone"), (None, "Akrotiri"), (None, "Dhekelia")),
    ),
    Keep("ctx-ITA", "context", "Italy", (("380", "Italy"),)),
    Keep("ctx-MDA", "context", "Moldova", (("498", "Moldova"),)),
    Keep("ctx-MLT", "context", "Malta", (("470", "Malta"),)),
    # San Marino fills the hole it leaves in Italy. (The Vatican is an empty geometry in this
    # file and Italy has no hole for it, so there is nothing to keep.)
    Keep("ctx-SMR", "context", "San Marino", (("674", "San Marino"),)),
    Keep("ctx-SVK", "context", "Slovakia", (("703", "Slovakia"),)),
    Keep("ctx-UKR", "context", "Ukraine", (("804", "Ukraine"),)),
)

KEEP = UNITS + CONTEXT

# Natural Earth 4.x draws Crimea as part of Russia; we return it to Ukraine. It is the one part of
# Russia's multipolygon that contains Simferopol.
CRIMEA_FROM: SourceKey = ("643", "Russia")
CRIMEA_POINT = Point(34.10, 44.95)
CRIMEA_TO = "ctx-UKR"

# A country whose share of its own area inside DEFAULT_BOUNDS is below this is only a sliver at
# the frame's edge (Germany's and Czechia's corners north of Austria) and is left out.
CONTEXT_MIN_SHARE = 0.01


def read_countries(tarball: str) -> gpd.GeoDataFrame:
    """Read the admin-0 layer straight out of the npm tarball (GDAL's /vsitar/), in EPSG:4326.

    The TopoJSON declares no CRS; its coordinates are longitude/latitude on WGS 84.
    """
    frame = gpd.read_file(f"/vsitar/{tarball}/{MEMBER}", layer=LAYER)
    return frame.set_crs(4326)[["id", "name", "geometry"]]


def _row(countries: gpd.GeoDataFrame, key: SourceKey) -> int:
    code, name = key
    same_code = countries["id"].isna() if code is None else countries["id"] == code
    matches = countries.index[same_code & (countries["name"] == name)]
    if len(matches) != 1:
        raise ValueError(f"expected exactly one source feature {key}, found {len(matches)}")
    return matches[0]


def _repair(geometry):
    """Make a source geometry valid without moving a vertex (some are added where a ring crosses itself).

    The TopoJSON's quantisation leaves spikes and rings touching themselves (Ukraine, Greece,
    Croatia, Italy, Dhekelia). ``method="structure"`` rebuilds the polygons from their rings and
    keeps areas, where the default method would turn a spike into a stray line.
    """
    return geometry if geometry.is_valid else shapely.make_valid(geometry, method="structure")


def select(countries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The features of KEEP, repaired, merged and with Crimea in Ukraine, as one valid coverage.

    Returns
    -------
    GeoDataFrame
        Columns id, role, name, geometry; one row per entry of KEEP, sorted by id.

    Raises
    ------
    ValueError
        If a source feature is missing or ambiguous, if the result is no clean coverage, or if a
        country with a real share of the default view is in neither UNITS nor CONTEXT.
    """
    rows = []
    for keep in KEEP:
        pieces = [_repair(countries.geometry[_row(countries, key)]) for key in keep.parts]
        if keep.id == CRIMEA_TO:
            pieces.append(crimea(countries))
        geometry = pieces[0] if len(pieces) == 1 else shapely.coverage_union_all(pieces)
        rows.append({"id": keep.id, "role": keep.role, "name": keep.name, "geometry": geometry})
    frame = gpd.GeoDataFrame(rows, crs=4326).sort_values("id", ignore_index=True)
    if not shapely.is_valid(frame.geometry.values).all() or not shapely.coverage_is_valid(frame.geometry.values):
        raise ValueError("the selected source features are not one valid coverage")
    _check_context_complete(countries)
    return frame


def crimea(countries: gpd.GeoDataFrame):
    """Crimea, cut out of Natural Earth's Russia, checked to border Ukraine's mainland."""
    russia = countries.geometry[_row(countries, CRIMEA_FROM)]
    parts = [part for part in shapely.get_parts(russia) if part.contains(CRIMEA_POINT)]
    ukraine = countries.geometry[_row(countries, ("804", "Ukraine"))]
    if len(parts) != 1 or not parts[0].touches(ukraine):
        raise ValueError("Crimea is no longer a single part of Russia bordering Ukraine in the source")
    return _repair(parts[0])


def _check_context_complete(countries: gpd.GeoDataFrame) -> None:
    """Fail if a country that really shows in the default view is neither a unit nor context."""
    (south, west), (north, east) = DEFAULT_BOUNDS
    frame = shapely.box(west, south, east, north)
    kept = {key for keep in KEEP for key in keep.parts} | {CRIMEA_FROM}
    missing = []
    for code, name, geometry in zip(countries["id"], countries["name"], countries.geometry, strict=True):
        code = None if pd.isna(code) else code  # features without a code read as missing values
        if (code, name) in kept or geometry is None or geometry.is_empty or not geometry.intersects(frame):
            continue
        geometry = _repair(geometry)
        if geometry.intersection(frame).area / geometry.area >= CONTEXT_MIN_SHARE:
            missing.append(f"{name} ({code})")
    if missing:
        raise ValueError(f"countries in the default view but neither unit nor context: {', '.join(missing)}")
