"""The map, as pure functions of the facts: a base map that never changes, and a year layer.

The base map (no tiles by default, local Leaflet, the legend, an empty layer that loads every
boundary shape once from a static file) is identical on every run, so streamlit-folium keeps
the same iframe. What depends on the year goes into a small FeatureGroup: a call that
recolours the shapes, shows those of the year and sets their tooltips, and the year's pins.
Every text that reaches HTML is escaped here, in Python, before it is serialised.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard.shapes import shapes_on
from facts import Facts, Site, year_day

MAP_HEIGHT = 520
CONTEXT_FILL = "#e4e4e0"
SEA = "#dce8f0"

# Pin symbols, one per kind of site: (label for the legend, inline SVG).
PIN_SYMBOLS: dict[str, tuple[str, str]] = {
    "headquarters": (
        "NATO headquarters",
        '<svg width="15" height="15" viewBox="0 0 18 18"><rect x="2" y="2" width="14" height="14" rx="2" '
        'fill="#0b2a6b" stroke="#fff" stroke-width="2"/></svg>',
    ),
    "office": (
        "NATO office",
        '<svg width="15" height="15" viewBox="0 0 18 18"><circle cx="9" cy="9" r="7" fill="#0b2a6b" '
        'stroke="#fff" stroke-width="2"/></svg>',
    ),
    "base": (
        "Base",
        '<svg width="15" height="15" viewBox="0 0 18 18"><path d="M9 1 L17 16 L1 16 Z" fill="#1b5e20" '
        'stroke="#fff" stroke-width="2" stroke-linejoin="round"/></svg>',
    ),
    "operation": (
        "NATO operation",
        '<svg width="16" height="16" viewBox="0 0 20 20"><path d="M10 1 L19 10 L10 19 L1 10 Z" fill="#b8420f" '
        'stroke="#fff" stroke-width="2" stroke-linejoin="round"/></svg>',
    ),
}

KIND_LABELS = {kind: label for kind, (label, _) in PIN_SYMBOLS.items()}


def esc(text: object) -> str:
    """Escape a value for HTML text and attributes."""
    return html.escape(str(text), quote=True)


def js_literal(value: Any) -> str:
    """A JSON literal that is safe inside a ``<script>`` (no ``</script>`` can close it)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


def _date_range(site: Site) -> str:
    end = site.end.human() if site.end else "ongoing"
    return f"{site.start.human()} – {end}"


@dataclass(frozen=True)
class Pin:
    """A site as drawn in a year: where, which symbol, and its escaped tooltip and popup."""

    site_id: str
    kind: str
    lat: float
    lon: float
    tooltip: str
    popup: str

    def as_js(self) -> dict[str, Any]:
        return {"id": self.site_id, "kind": self.kind, "lat": self.lat, "lon": self.lon, "tip": self.tooltip, "popup": self.popup}


def pin_for(site: Site, year: int) -> Pin:
    """The pin of a site in a year, with its name of that year and its sources."""
    name = site.name_on(year_day(year))
    sources = "".join(
        f'<li><a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer">{esc(source.title)}</a> '
        f"({esc(source.publisher)})</li>"
        for source in site.sources
    )
    place = f"<div>{esc(site.place)}</div>" if site.place else ""
    popup = (
        f'<div class="atlas-popup"><b>{esc(name)}</b>'
        f'<div class="atlas-kind">{esc(KIND_LABELS[site.kind])} · {esc(_date_range(site))}</div>{place}'
        f"<p>{esc(site.role)}</p><div>Sources:</div><ul>{sources}</ul></div>"
    )
    tooltip = f"<b>{esc(name)}</b><br>{esc(KIND_LABELS[site.kind])}, {esc(_date_range(site))}"
    return Pin(site.id, site.kind, site.lat, site.lon, tooltip, popup)


def unit_tooltip(name: str, status_label: str, since: str | None) -> str:
    """Escaped tooltip: the unit's name that year and its status."""
    reached = f" (since {esc(since)})" if since else ""
    return f"<b>{esc(name)}</b><br>{esc(status_label)}{reached}"


def year_state(facts: Facts, year: int, selected: str | None = None) -> dict[str, Any]:
    """Everything the map shows for a year, as plain data.

    Returns ``{"year", "shapes": {shape id: {unit, colour, tip, selected}}, "pins": [...]}``:
    the shapes of the units alive at the end of the year (today for the current year),
    coloured by status, and the pins of the sites active at any time that year.
    """
    day = year_day(year)
    statuses = facts.statuses_in(year)
    shapes: dict[str, dict[str, Any]] = {}
    for unit_id, shape_id in shapes_on(day).items():
        status = statuses[unit_id]
        entry = facts.status_entries[status.status]
        since = status.since.human() if status.since else None
        name = facts.units[unit_id].name_on(day)
        shapes[shape_id] = {
            "unit": unit_id,
            "status": status.status,
            "label": f"{name}: {entry.label}",
            "colour": entry.colour,
            "tip": unit_tooltip(name, entry.label, since),
            "selected": unit_id == selected,
        }
    pins = [pin_for(site, year).as_js() for site in facts.sites_active(year)]
    return {"year": year, "shapes": shapes, "pins": pins}


@cache
def _macro(template: str) -> Template:
    """Compile a script template once per process, not once per rerun."""
    return Template("{% macro script(this, kwargs) %}" + template + "{% endmacro %}")


class _RawScript(Element):
    """Rendered JavaScript, added as it is.

    branca would wrap it in ``Element(text)`` and compile it as a Jinja template again: slow,
    and a ``{{`` in a fact's text would then be evaluated as a template expression.
    """

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _Script(MacroElement):
    """A piece of JavaScript rendered into the map's script, with ``this`` as its context."""

    def __init__(self, template: str, **context: Any):
        super().__init__()
        self._name = "AtlasScript"
        self._template = _macro(template)
        self.context = context

    def render(self, **kwargs: Any) -> None:
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_RawScript(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


_BASE_SCRIPT = """
(function () {
  var map = {{ this._parent.get_name() }};
  var symbols = {{ this.context.symbols }};
  function esc(text) { var d = document.createElement("div"); d.textContent = text; return d.innerHTML; }
  var atlas = window.atlas = { loaded: false, pending: null, byShape: {}, pinLayer: null };
  // Leaflet focuses the map on mouse-down; inside an iframe that scrolls the page, and a click on a
  // map half below the fold then lands elsewhere. Focus without scrolling.
  if (map.keyboard) {
    map.keyboard.disable();
    map.keyboard._onMouseDown = function () {
      if (!this._focused) { this._map._container.focus({ preventScroll: true }); }
    };
    map.keyboard.enable();
  }
  // On a phone one finger scrolls the page; pinch still zooms.
  if (L.Browser.mobile) { map.dragging.disable(); }
  map.fitBounds({{ this.context.bounds }}, { animate: false });
  L.control.scale({ imperial: false }).addTo(map);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
  var units = L.geoJSON(null, {
    style: function (f) {
      return f.properties.context
        ? { color: "#ffffff", weight: 0.8, fillColor: "{{ this.context.context_fill }}", fillOpacity: 1 }
        : { color: "#ffffff", weight: 1.2, fillOpacity: 0.9 };
    },
    onEachFeature: function (f, layer) {
      if (f.properties.context) {
        layer.bindTooltip(esc(f.properties.context), { sticky: true, className: "atlas-context-tip" });
      } else {
        atlas.byShape[f.properties.shape] = layer;
        layer.bindTooltip("", { sticky: true });
      }
    }
  }).addTo(map);
  atlas.units = units;
  atlas.apply = function (state) {
    atlas.state = state;
    if (!atlas.loaded) { atlas.pending = state; return; }
    Object.keys(atlas.byShape).forEach(function (id) {
      var layer = atlas.byShape[id], s = state.shapes[id];
      if (!s) { if (units.hasLayer(layer)) { units.removeLayer(layer); } return; }
      if (!units.hasLayer(layer)) { units.addLayer(layer); }
      layer.setStyle({ fillColor: s.colour, color: s.selected ? "#111111" : "#ffffff",
                       weight: s.selected ? 3 : 1.2, fillOpacity: 0.9 });
      layer.setTooltipContent(s.tip);
      var el = layer.getElement && layer.getElement();
      if (el) {
        el.setAttribute("data-unit", s.unit);
        el.setAttribute("data-status", s.status);
        el.setAttribute("aria-label", s.label);
      }
      if (s.selected) { layer.bringToFront(); }
    });
    map.getContainer().setAttribute("data-atlas-year", String(state.year));
  };
  atlas.addPins = function (group, pins) {
    pins.forEach(function (p) {
      var icon = L.divIcon({ html: symbols[p.kind], className: "atlas-pin atlas-pin-" + p.kind,
                             iconSize: [16, 16], iconAnchor: [8, 8] });
      var marker = L.marker([p.lat, p.lon], { icon: icon, title: "", keyboard: true, riseOnHover: true });
      marker.bindTooltip(p.tip, { direction: "top", offset: [0, -8] });
      marker.bindPopup(p.popup, { maxWidth: 320 });
      marker.feature = { type: "Feature", properties: { site: p.id } };
      // The group reaches the map after this runs: mark the element when it exists.
      marker.on("add", function () { marker.getElement().setAttribute("data-site", p.id); });
      marker.addTo(group);
    });
  };
  fetch({{ this.context.shapes_url }})
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      units.addData(data);
      units.eachLayer(function (layer) {
        var el = layer.getElement && layer.getElement();
        if (el && layer.feature.properties.context) { el.setAttribute("data-context", layer.feature.properties.context); }
      });
      atlas.loaded = true;
      map.getContainer().setAttribute("data-atlas-loaded", "true");
      if (atlas.pending) { atlas.apply(atlas.pending); }
    })
    .catch(function (err) {
      var box = document.createElement("div");
      box.className = "atlas-error";
      box.textContent = "The boundaries could not be loaded (" + err.message + "). Reload the page.";
      map.getContainer().appendChild(box);
    });
})();
"""

_YEAR_SCRIPT = """
window.atlas.apply({{ this.context.state }});
window.atlas.addPins({{ this._parent.get_name() }}, {{ this.context.pins }});
"""

_STYLE = """
<style>
  .leaflet-container { background: {{ sea }}; font-family: "Source Sans Pro", "Segoe UI", Roboto, sans-serif; }
  .atlas-pin { background: none; border: none; }
  .atlas-legend { background: rgba(255,255,255,0.93); padding: 6px 9px; border-radius: 6px; font-size: 12px;
                  line-height: 1.45; box-shadow: 0 1px 4px rgba(0,0,0,0.25); color: #222; max-width: 210px; }
  .atlas-legend summary { cursor: pointer; font-weight: 600; }
  .atlas-legend .sw { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px;
                      border: 1px solid rgba(0,0,0,0.25); }
  .atlas-legend svg { width: 13px; height: 13px; vertical-align: -2px; margin-right: 5px; }
  .atlas-popup ul { padding-left: 16px; margin: 2px 0; }
  .atlas-popup p { margin: 6px 0; }
  .atlas-kind { color: #555; font-size: 11px; }
  .atlas-error { position: absolute; top: 40%; left: 10%; right: 10%; z-index: 1000; background: #fff3cd;
                 border: 1px solid #c9a227; padding: 10px; border-radius: 6px; text-align: center; }
  @media (max-width: 640px) { .atlas-legend { font-size: 10px; max-width: 150px; } }
</style>
"""


_STYLE_HTML = Template(_STYLE).render(sea=SEA)


def legend_html(facts: Facts) -> str:
    """The map's legend: every status colour and every pin symbol, escaped."""
    rows = [
        f'<div><span class="sw" style="background:{esc(entry.colour)}"></span>{esc(entry.label)}</div>' for entry in facts.legend
    ]
    rows.append(f'<div><span class="sw" style="background:{CONTEXT_FILL}"></span>Other countries</div>')
    rows += [f"<div>{svg}{esc(label)}</div>" for label, svg in PIN_SYMBOLS.values()]
    return "".join(rows)


_LEGEND_SCRIPT = """
(function () {
  var legend = L.control({ position: "topright" });
  legend.onAdd = function (map) {
    var div = L.DomUtil.create("div");
    // Open on a wide map; folded on a phone, where it would hide half the region.
    var open = map.getSize().x > 600 ? " open" : "";
    div.innerHTML = '<details class="atlas-legend"' + open + '><summary>Legend</summary>' + {{ this.context.html }} + "</details>";
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
"""


def build_base_map(
    facts: Facts,
    shapes_url: str,
    bounds: tuple[tuple[float, float], tuple[float, float]],
    leaflet_js: str,
    leaflet_css: str,
    jquery_js: str,
    tiles: str | None = None,
) -> folium.Map:
    """The part of the map that never changes: view, assets, legend and the shape layer.

    Parameters
    ----------
    shapes_url
        Where the browser fetches the GeoJSON of every shape (served by the app).
    bounds
        ((south, west), (north, east)) of the default view.
    leaflet_js, leaflet_css, jquery_js
        Local URLs that replace folium's CDN links, so the map works offline.
    tiles
        ``"openstreetmap"`` adds OpenStreetMap tiles with their attribution; None draws no tiles.
    """
    (south, west), (north, east) = bounds
    fmap = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=6,
        tiles=None,
        min_zoom=4,
        max_zoom=11,
        control_scale=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    # Instance attributes shadow folium's class-level CDN lists.
    fmap.default_js = [("leaflet", leaflet_js), ("jquery", jquery_js)]
    fmap.default_css = [("leaflet_css", leaflet_css)]
    if tiles == "openstreetmap":
        folium.TileLayer(
            "OpenStreetMap",
            attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
            opacity=0.35,
        ).add_to(fmap)
    fmap.get_root().header.add_child(_RawScript(_STYLE_HTML))
    symbols = {kind: svg for kind, (_, svg) in PIN_SYMBOLS.items()}
    fmap.add_child(
        _Script(
            _BASE_SCRIPT,
            symbols=js_literal(symbols),
            shapes_url=js_literal(shapes_url),
            context_fill=CONTEXT_FILL,
            bounds=js_literal([[south, west], [north, east]]),
        )
    )
    fmap.add_child(_Script(_LEGEND_SCRIPT, html=js_literal(legend_html(facts))))
    return fmap


def build_year_layer(facts: Facts, year: int, selected: str | None = None) -> folium.FeatureGroup:
    """The FeatureGroup that carries a year: shape colours and tooltips, and the year's pins."""
    state = year_state(facts, year, selected)
    group = folium.FeatureGroup(name=f"NATO presence {year}", control=False)
    group.add_child(
        _Script(_YEAR_SCRIPT, state=js_literal({k: v for k, v in state.items() if k != "pins"}), pins=js_literal(state["pins"]))
    )
    return group
