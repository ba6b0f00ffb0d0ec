"""The status colours: ordered light to dark along the path to membership, told apart by every reader.

Computed with colorspacious (CAM02-UCS distances after simulating full deuteranopia, protanopia
and tritanopia) and the WCAG contrast formula.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from dashboard.colours import contrast, text_colour_on
from facts import FIRST_YEAR, today
from tests.colour_vision import DEFICIENCIES, seen

PATH = ("none", "dialogue", "partner", "intensified_dialogue", "map", "accession", "member")


def _distance(first: str, second: str, deficiency: str | None) -> float:
    return float(np.linalg.norm(seen(first, deficiency) - seen(second, deficiency)))


def _pairs_sharing_a_map(facts) -> set[tuple[str, str]]:
    pairs = set()
    for year in range(FIRST_YEAR, today().year + 1):
        present = sorted({status.status for status in facts.statuses_in(year).values()})
        pairs |= set(itertools.combinations(present, 2))
    return pairs


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_statuses_that_share_a_map_are_at_least_12_apart(facts, deficiency):
    colour = {entry.id: entry.colour for entry in facts.legend}
    pairs = _pairs_sharing_a_map(facts)
    assert pairs, "no year has two statuses?"
    too_close = [(a, b, round(_distance(colour[a], colour[b], deficiency), 1)) for a, b in pairs]
    assert all(d >= 12 for *_, d in too_close), [p for p in too_close if p[2] < 12]


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_every_pair_of_statuses_is_told_apart_anyway(facts, deficiency):
    """Stronger than the requirement, so a corrected fact that brings two statuses together still reads."""
    colours = [entry.colour for entry in facts.legend]
    assert min(_distance(a, b, deficiency) for a, b in itertools.combinations(colours, 2)) >= 12


def test_the_path_to_membership_runs_light_to_dark(facts):
    colour = {entry.id: entry.colour for entry in facts.legend}
    lightness = [seen(colour[status], None)[0] for status in PATH]
    assert lightness == sorted(lightness, reverse=True), dict(zip(PATH, lightness, strict=True))


def test_text_on_every_status_colour_meets_wcag_aa(facts):
    for entry in facts.legend:
        assert contrast(text_colour_on(entry.colour), entry.colour) >= 4.5, entry.id


def test_the_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert text_colour_on("#ffffff") == "#1a1a1a" and text_colour_on("#101e6f") == "#ffffff"
