"""Where pins and labels go on the picture, in output pixels: pins spread apart, labels clear of them.

Pure geometry on plain tuples, so it is tested without drawing. Pixels here are display pixels
(origin bottom left, as matplotlib's display coordinates), which are the PNG's pixels once the
figure is saved at its own dpi.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]

# Pins closer than this (centre to centre) would hide one another at the output scale.
MIN_GAP = 20.0
# How far apart spread pins are placed: a little more than the gap, so they do not touch.
SPACING = 24.0


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def around(cls, centre: Point, width: float, height: float) -> Box:
        x, y = centre
        return cls(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def overlap(self, other: Box) -> float:
        """The area both boxes cover (0 when they only touch or are apart)."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return width * height if width > 0 and height > 0 else 0.0

    def within(self, other: Box) -> bool:
        return self.x0 >= other.x0 and self.y0 >= other.y0 and self.x1 <= other.x1 and self.y1 <= other.y1


def _clusters(points: Sequence[Point], groups: list[list[int]], placed: list[Point]) -> list[list[int]] | None:
    """Merge the two groups whose placed pins come closest under MIN_GAP; None when none do."""
    where = {index: number for number, group in enumerate(groups) for index in group}
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            if where[i] != where[j] and math.dist(placed[i], placed[j]) < MIN_GAP:
                keep, drop = sorted((where[i], where[j]))
                merged = [group for number, group in enumerate(groups) if number not in (keep, drop)]
                return [*merged, sorted(groups[keep] + groups[drop])]
    return None


def _ring(points: Sequence[Point], group: list[int]) -> dict[int, Point]:
    """A group's pins evenly on a circle around their centre, in the order of their true bearings.

    Keeping the bearing order puts each pin on the side of the ring where its true point lies,
    so the leader lines do not cross; pins on the very same spot are ordered by their index.
    """
    if len(group) == 1:
        return {group[0]: points[group[0]]}
    cx = sum(points[i][0] for i in group) / len(group)
    cy = sum(points[i][1] for i in group) / len(group)
    radius = max(SPACING / 2, SPACING / (2 * math.sin(math.pi / len(group))))

    def bearing(i: int) -> float:
        dx, dy = points[i][0] - cx, points[i][1] - cy
        return math.atan2(dy, dx) if math.hypot(dx, dy) > 0.5 else math.pi / 2

    ordered = sorted(group, key=lambda i: (bearing(i), i))
    start = bearing(ordered[0])
    step = 2 * math.pi / len(group)
    return {
        i: (cx + radius * math.cos(start + k * step), cy + radius * math.sin(start + k * step)) for k, i in enumerate(ordered)
    }


def spread_pins(points: Sequence[Point]) -> list[Point]:
    """Where to draw each pin so that no two are closer than MIN_GAP pixels.

    Pins that crowd each other are put on a ring around their common centre (the caller draws a
    leader line to each true point); rings that then crowd another pin absorb it, until none
    crowd. Deterministic: the same points always give the same places.
    """
    groups = [[i] for i in range(len(points))]
    placed = list(points)
    for _ in range(len(points)):
        merged = _clusters(points, groups, placed)
        if merged is None:
            break
        groups = merged
        for group in groups:
            for index, place in _ring(points, group).items():
                placed[index] = place
    return placed


def candidates(step: float = 8.0, rings: int = 9) -> list[Point]:
    """Offsets to try for a label, nearest first: its own point, then rings around it.

    Up and down come before left and right because labels are wider than tall, so a small
    vertical move clears a pin with the least displacement.
    """
    offsets: list[Point] = [(0.0, 0.0)]
    directions = [(0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    for ring in range(1, rings + 1):
        offsets += [(dx * step * ring, dy * step * ring) for dx, dy in directions]
    return offsets


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: its anchor, its size in pixels, and where its centre may go."""

    key: str
    anchor: Point
    width: float
    height: float
    inside: Callable[[Point], bool]


def place_labels(requests: Sequence[LabelRequest], obstacles: Sequence[Box], frame: Box, margin: float = 3.0) -> dict[str, Point]:
    """The centre of each label: the nearest offset clear of pins, other labels and the frame's edge.

    Requests are placed in order (put the tightest first); each placed label becomes an obstacle
    for the next. A centre must stay inside its own land (``inside``), so a nudged label still
    names the right country. When nothing is clear, the offset with the least overlap wins.
    """
    taken = list(obstacles)
    centres: dict[str, Point] = {}
    for request in requests:
        best: tuple[float, Point] | None = None
        for dx, dy in candidates():
            centre = (request.anchor[0] + dx, request.anchor[1] + dy)
            # The anchor itself is inside by construction; a nudged centre must stay in the land.
            if (dx or dy) and not request.inside(centre):
                continue
            box = Box.around(centre, request.width + 2 * margin, request.height + 2 * margin)
            if not box.within(frame):
                continue
            cost = sum(box.overlap(other) for other in taken)
            if best is None or cost < best[0]:
                best = (cost, centre)
            if cost == 0:
                break
        centre = best[1] if best else request.anchor
        centres[request.key] = centre
        taken.append(Box.around(centre, request.width, request.height))
    return centres
