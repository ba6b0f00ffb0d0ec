"""Name the websocket messages a Streamlit page receives, so a benchmark can say where the bytes go.

Each binary frame from the server is one ``ForwardMsg`` (``streamlit.proto``). ``describe``
gives it a label stable from one year to the next (digits in hints become ``#``, so "Events of
1995" and "Events of 1996" add up under one label), says whether it ends a run
(``script_finished``) and whether it carries the map (streamlit-folium's component element, or a
reference to one the browser already holds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Described:
    """What one message is: a label for the breakdown, and the two kinds the benchmark times."""

    label: str
    finished: bool = False
    is_map: bool = False


def _hint(text: str, length: int = 34) -> str:
    return re.sub(r"\d", "#", " ".join(text.split()))[:length]


def describe(payload: bytes, known: dict[str, Described] | None = None) -> Described:
    """The label of one ForwardMsg, as bytes received from the websocket.

    ``known`` remembers the messages of one page by their hash, so that a ``ref_hash`` (Streamlit
    sends an element the browser already holds as a reference to it) is labelled with what it
    stands for; leave it out for a label of the reference itself.
    """
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # a frame that is not a ForwardMsg is counted, not fatal
        return Described("undecodable")
    kind = msg.WhichOneof("type")
    if kind == "script_finished":
        return Described("script_finished", finished=True)
    if kind == "ref_hash":
        original = (known or {}).get(msg.ref_hash)
        if original is None:
            return Described("ref_hash (an element the browser holds, sent as a reference)")
        return Described(f"ref_hash to {original.label}", is_map=original.is_map)
    described = _element(msg, kind)
    if known is not None and msg.hash:
        known[msg.hash] = described
    return described


def _element(msg, kind: str) -> Described:
    if kind != "delta":
        return Described(str(kind))
    delta_kind = msg.delta.WhichOneof("type")
    if delta_kind != "new_element":
        return Described(f"delta {delta_kind}")
    element = msg.delta.new_element
    element_kind = element.WhichOneof("type")
    if element_kind == "markdown":
        return Described(f"markdown “{_hint(element.markdown.body)}…”")
    if element_kind == "component_instance":
        name = element.component_instance.component_name
        return Described(f"component {name}", is_map=True)  # the page's one component is its map
    if element_kind == "html":
        return Described(f"html “{_hint(element.html.body)}…”")
    return Described(element_kind or "delta (empty element)")
