"""Everything shown is explained: every milestone kind has a label, every site kind a symbol and a
legend entry, every status a colour, a label, an explanation and a place in both legends."""

from __future__ import annotations

import re
import typing

from markupsafe import escape

from dashboard import panels
from dashboard.pin_symbols import SYMBOLS
from facts import STATUS_ORDER
from facts.schema import Milestone, Site


def test_every_milestone_kind_has_a_label():
    kinds = set(typing.get_args(Milestone.model_fields["kind"].annotation))
    assert kinds == set(panels.KIND_NAMES)
    assert all(label.strip() for label in panels.KIND_NAMES.values())


def test_every_site_kind_has_its_own_symbol_and_a_legend_entry(facts):
    kinds = set(typing.get_args(Site.model_fields["kind"].annotation))
    assert kinds == set(SYMBOLS)
    assert len({(s.shape, s.colour) for s in SYMBOLS.values()}) == len(SYMBOLS), "two kinds look alike"
    assert len({s.shape for s in SYMBOLS.values()}) == len(SYMBOLS), "shape alone must tell kinds apart"
    legend = panels.legend(facts)
    for symbol in SYMBOLS.values():
        assert f"{symbol.label}</li>" in legend, symbol.kind
        assert f'fill="{symbol.colour}"' in legend


def test_every_status_has_a_colour_label_explanation_and_legend_entry(facts):
    assert [entry.id for entry in facts.legend] == list(STATUS_ORDER)
    short, long = panels.legend(facts), panels.legend_explained(facts)
    for entry in facts.legend:
        assert re.fullmatch(r"#[0-9a-f]{6}", entry.colour) and entry.label and entry.explanation
        assert f"background:{entry.colour}" in short and entry.label in short
        assert escape(entry.explanation) in long
    assert len({entry.colour for entry in facts.legend}) == len(facts.legend)
