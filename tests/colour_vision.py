"""How a colour looks to readers with each kind of colour blindness, in CAM02-UCS (colorspacious).

Shared by the palette's unit test and the browser test that reads the colours as painted.
"""

from __future__ import annotations

import numpy as np
from colorspacious import cspace_convert

# Full (severity 100) simulations of the three kinds of dichromacy.
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def seen(colour: str, deficiency: str | None) -> np.ndarray:
    """``#rrggbb`` as a reader with ``deficiency`` (None: normal vision) sees it, in CAM02-UCS."""
    rgb = _rgb(colour)
    if deficiency:
        rgb = np.clip(cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}, "sRGB1"), 0, 1)
    return cspace_convert(rgb, "sRGB1", "CAM02-UCS")
