/* atlas.js: the NATO–Balkans Atlas map, restyled in place for every year.
 *
 * Runs inside streamlit-folium's frame and in the static atlas (python -m dashboard.export site).
 * The page hands over its Leaflet map once, atlas.init(map, config), and from then on only the
 * view, atlas.setYear(year, {selected, compare}). The table of every year (statuses, names,
 * shapes, pins) and every boundary shape are fetched once, so a year change repaints in a frame.
 * Every text the map writes comes from that table and is written with textContent, never as HTML.
 */
(function () {
  "use strict";

  var NEAR = 24; // pins closer than this (pixels) are spread around their centre or grouped
  var CLUSTER_FROM = 4; // a group of this many pins or more is one numbered button until opened
  var SMALL = 90; // pixels: a country smaller than this keeps its name where it is; pins move
  var HATCH = "atlas-hatch-context";
  var SELECTED = { color: "#111111", weight: 3.2, dashArray: null };
  var CHANGED = { color: "#c2185b", weight: 2.6, dashArray: "6 4" };
  var PLAIN = { color: "#ffffff", weight: 1.2, dashArray: null };

  var atlas = (window.atlas = {
    map: null,
    config: null,
    table: null,
    ready: false,
    view: { year: null, selected: null, compare: null },
    shown: { year: null },
    shapes: {}, // shape id -> Leaflet path of a unit
    openGroups: {}, // ids of pin groups the reader opened
    onSelect: null, // the static atlas listens here; in Streamlit a click reaches streamlit-folium
    onReady: null, // the static atlas draws its panels once the table is in (called with it)
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function entryOf(year) {
    var table = atlas.table;
    var clamped = Math.max(table.first, Math.min(table.last, year));
    return table.years[String(clamped)];
  }

  function whenOf(year) {
    return year >= atlas.config.currentYear ? "today" : "31 December " + year;
  }

  function statusText(record) {
    var status = atlas.table.statuses[record.status];
    return status.label + (record.since ? " since " + record.since : "");
  }

  // ---- The map's furniture: panes, hatching, controls --------------------------------------

  function addPanes(map) {
    map.createPane("atlasLeaders").style.zIndex = 440;
    var labels = map.createPane("atlasLabels");
    labels.style.zIndex = 450;
    labels.style.pointerEvents = "none";
  }

  function addHatch(map) {
    // Grey neighbours are hatched: not a status colour, so never mistaken for one.
    var svg = map.getPanes().overlayPane.querySelector("svg");
    if (!svg || svg.querySelector("#" + HATCH)) return;
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", HATCH);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "7");
    pattern.setAttribute("height", "7");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var ground = document.createElementNS(ns, "rect");
    ground.setAttribute("width", "7");
    ground.setAttribute("height", "7");
    ground.setAttribute("fill", "#e9e9e6");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("y1", "0");
    line.setAttribute("x2", "0");
    line.setAttribute("y2", "7");
    line.setAttribute("stroke", "#cfcfca");
    line.setAttribute("stroke-width", "2.2");
    pattern.appendChild(ground);
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  function addControls(map) {
    var Reset = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var bar = el("div", "leaflet-bar atlas-reset");
        var button = el("button", "atlas-reset-button", "⤢");
        button.type = "button";
        button.title = "Reset view: the whole region";
        button.setAttribute("aria-label", "Reset view");
        L.DomEvent.disableClickPropagation(bar);
        L.DomEvent.on(button, "click", function () {
          map.fitBounds(atlas.config.bounds, { animate: false });
        });
        bar.appendChild(button);
        return bar;
      },
    });
    var Year = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var box = el("div", "atlas-year");
        box.setAttribute("aria-live", "polite");
        box.appendChild(el("div", "atlas-year-number"));
        box.appendChild(el("div", "atlas-year-when"));
        return box;
      },
    });
    new Reset().addTo(map);
    atlas.yearBox = new Year().addTo(map).getContainer();
    L.control.scale({ imperial: false }).addTo(map);
  }

  function showYear(year) {
    atlas.yearBox.querySelector(".atlas-year-number").textContent = String(year);
    atlas.yearBox.querySelector(".atlas-year-when").textContent = "status " + (year >= atlas.config.currentYear ? "today" : "on 31 Dec.");
  }

  function keepTooltipsOnTop() {
    var container = atlas.map.getContainer();
    var tips = Array.prototype.map.call(container.querySelectorAll(".leaflet-tooltip"), function (tip) {
      return tip.getBoundingClientRect();
    });
    container.querySelectorAll(".leaflet-control").forEach(function (control) {
      var box = control.getBoundingClientRect();
      control.classList.toggle("atlas-under-tip", tips.some(function (tip) { return overlaps(tip, box); }));
    });
  }

  // ---- Country shapes ---------------------------------------------------------------------

  function tipFor(name, text) {
    var tip = el("div", "atlas-tip");
    tip.appendChild(el("strong", null, name));
    tip.appendChild(el("div", null, text));
    return tip;
  }

  function selectLayer(layer, event) {
    // As a click: streamlit-folium reports it to the page, and atlas.onSelect hears it.
    var label = layer.feature.properties.label;
    layer.fire("click", { latlng: L.latLng(label[0], label[1]), layer: layer, originalEvent: event }, true);
  }

  function prepareShape(feature, layer) {
    var props = feature.properties;
    if (props.context) {
      layer.bindTooltip(tipFor(props.context, "Not covered by the atlas"), { sticky: true, className: "atlas-context-tip" });
      return;
    }
    atlas.shapes[props.shape] = layer;
    layer.bindTooltip("", { sticky: true });
    layer.on("click", function () {
      if (atlas.onSelect) atlas.onSelect(props.unit);
    });
    layer.on("add", function () {
      var path = layer.getElement();
      path.setAttribute("data-shape", props.shape);
      path.setAttribute("data-unit", props.unit);
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          selectLayer(layer, event);
        }
      });
    });
  }

  function holderIn(unit, entry) {
    // The unit of that year's map that held ``unit``'s land: itself, or its first owner there.
    var present = {};
    entry.shapes.forEach(function (record) {
      present[record.unit] = record;
    });
    var current = unit;
    while (!present[current] && atlas.table.owners[current]) current = atlas.table.owners[current];
    return present[current] || null;
  }

  function changedUnits(year, compare) {
    // Units of the shown year whose status differs from that of their land in the compared year
    // (as facts.status_changes says it): when the shown year is the earlier one, the units then
    // that held the land of a unit whose status changed by the later year.
    if (compare === null || compare === undefined || compare === year) return [];
    var later = entryOf(Math.max(year, compare));
    var earlier = entryOf(Math.min(year, compare));
    var marked = [];
    later.shapes.forEach(function (record) {
      var before = holderIn(record.unit, earlier);
      if (!before || before.status === record.status) return;
      var shown = year >= compare ? record.unit : before.unit;
      if (marked.indexOf(shown) < 0) marked.push(shown);
    });
    return marked;
  }

  function styleShapes(entry) {
    var byShape = {};
    entry.shapes.forEach(function (record) {
      byShape[record.shape] = record;
    });
    var changed = changedUnits(atlas.view.year, atlas.view.compare);
    Object.keys(atlas.shapes).forEach(function (id) {
      var layer = atlas.shapes[id];
      var record = byShape[id];
      if (!record) {
        if (atlas.units.hasLayer(layer)) atlas.units.removeLayer(layer);
        return;
      }
      if (!atlas.units.hasLayer(layer)) atlas.units.addLayer(layer);
      var selected = record.unit === atlas.view.selected;
      var outline = selected ? SELECTED : changed.indexOf(record.unit) >= 0 ? CHANGED : PLAIN;
      var status = atlas.table.statuses[record.status];
      layer.setStyle({
        fillColor: status.colour,
        fillOpacity: 1,
        color: outline.color,
        weight: outline.weight,
        dashArray: outline.dashArray,
      });
      var text = statusText(record);
      layer.setTooltipContent(tipFor(record.name, text + (changed.indexOf(record.unit) >= 0 ? " (changed)" : "")));
      var path = layer.getElement();
      if (path) {
        path.setAttribute("data-status", record.status);
        path.setAttribute("aria-label", record.name + ": " + text + (selected ? " (selected)" : ""));
        path.setAttribute("aria-pressed", selected ? "true" : "false");
        path.setAttribute("data-changed", changed.indexOf(record.unit) >= 0 ? "true" : "false");
      }
      if (selected || outline === CHANGED) layer.bringToFront();
    });
  }

  // ---- Pins: spread or grouped so that none hides another -----------------------------------

  function pinTip(name, site) {
    var kind = atlas.table.kinds[site.kind];
    return tipFor(name, kind.label + ", " + site.dates);
  }

  function pinPopup(name, site) {
    var box = el("div", "atlas-popup");
    box.appendChild(el("strong", null, name));
    box.appendChild(el("div", "atlas-kind", atlas.table.kinds[site.kind].label + " · " + site.dates));
    if (site.place) box.appendChild(el("div", null, site.place));
    box.appendChild(el("p", null, site.role));
    box.appendChild(el("div", null, site.sources.length > 1 ? "Sources:" : "Source:"));
    var list = el("ul");
    site.sources.forEach(function (source) {
      var item = el("li");
      var link = el("a", null, source.title);
      link.href = /^https?:\/\//.test(source.url) ? source.url : "#";
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + source.publisher + ")"));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function pinMarker(pin, latlng) {
    var site = atlas.table.sites[pin.id];
    var kind = atlas.table.kinds[site.kind];
    var icon = L.divIcon({ html: kind.svg, className: "atlas-pin atlas-pin-" + site.kind, iconSize: [20, 20], iconAnchor: [10, 10] });
    var marker = L.marker(latlng, { icon: icon, keyboard: true, riseOnHover: true });
    marker.bindTooltip(pinTip(pin.name, site), { direction: "top", offset: [0, -10] });
    marker.bindPopup(pinPopup(pin.name, site), { maxWidth: 320 });
    marker.feature = { type: "Feature", properties: { site: pin.id } };
    marker.on("add", function () {
      var icon = marker.getElement();
      icon.setAttribute("data-site", pin.id);
      icon.setAttribute("role", "button");
      icon.setAttribute("aria-label", pin.name + " (" + kind.label + ", " + site.dates + ")");
    });
    return marker;
  }

  function clusterMarker(group, key, centre) {
    var names = group.map(function (pin) {
      return pin.name;
    });
    var icon = L.divIcon({ html: "", className: "atlas-cluster", iconSize: [26, 26], iconAnchor: [13, 13] });
    var marker = L.marker(centre, { icon: icon, keyboard: true, riseOnHover: true });
    marker.bindTooltip(tipFor(group.length + " NATO sites here", names.join("; ")), { direction: "top", offset: [0, -12] });
    marker.on("add", function () {
      var node = marker.getElement();
      node.textContent = String(group.length);
      node.setAttribute("role", "button");
      node.setAttribute("data-cluster", key);
      node.setAttribute("aria-label", group.length + " NATO sites here: " + names.join("; ") + ". Press Enter to show them.");
    });
    marker.on("click", function () {
      atlas.openGroups[key] = true;
      layoutPins();
    });
    return marker;
  }

  function footprint(group) {
    // What a group will cover once drawn: its centre and radius in layer pixels (a single pin is
    // 10 px across its middle, a numbered cluster 13, a ring its radius plus a pin).
    var centre = group
      .reduce(function (sum, pin) {
        return sum.add(pin.point);
      }, L.point(0, 0))
      .divideBy(group.length);
    var radius = group.length === 1 ? 10 : group.length >= CLUSTER_FROM ? 13 : ringRadius(group.length) + 10;
    return { centre: centre, radius: radius };
  }

  function ringRadius(count) {
    return Math.max(15, 12 / Math.sin(Math.PI / count));
  }

  function groupsOf(items) {
    // Pins nearer than NEAR form a group; then groups whose drawn footprints would touch are
    // merged, again and again, so that no ring or cluster lands on another.
    var groups = items.map(function (item) {
      return [item];
    });
    var merged = true;
    while (merged) {
      merged = false;
      for (var i = 0; i < groups.length && !merged; i++) {
        for (var j = i + 1; j < groups.length && !merged; j++) {
          var a = footprint(groups[i]);
          var b = footprint(groups[j]);
          var close = groups[i].some(function (p) {
            return groups[j].some(function (q) {
              return p.point.distanceTo(q.point) < NEAR;
            });
          });
          if (close || a.centre.distanceTo(b.centre) < a.radius + b.radius + 2) {
            groups[i] = groups[i].concat(groups[j]);
            groups.splice(j, 1);
            merged = true;
          }
        }
      }
    }
    return groups;
  }

  function smallNameBoxes(protectedUnits) {
    // Where the names of small countries stand (in page pixels): a name of a country under about
    // 90 px across has nowhere else to go inside it, so pins step around it. A larger country's
    // name moves instead (layoutLabels).
    var boxes = [];
    atlas.labelLayer.eachLayer(function (marker) {
      var bounds = atlas.shapes[marker.options.atlasShape].getBounds();
      var corner = atlas.map.latLngToContainerPoint(bounds.getNorthWest());
      var other = atlas.map.latLngToContainerPoint(bounds.getSouthEast());
      var small = other.x - corner.x <= SMALL && other.y - corner.y <= SMALL;
      if (!small && !protectedUnits[marker.options.atlasUnit]) return;
      var text = marker.getElement().firstChild;
      text.style.transform = "translate(-50%, -50%)";
      boxes.push(text.getBoundingClientRect());
    });
    return boxes;
  }

  function screenBox(point, radius) {
    // A layer point's square of +/- radius, in page pixels (the frame of getBoundingClientRect).
    var origin = atlas.map.getContainer().getBoundingClientRect();
    var screen = atlas.map.layerPointToContainerPoint(point);
    return { left: origin.left + screen.x - radius, right: origin.left + screen.x + radius, top: origin.top + screen.y - radius, bottom: origin.top + screen.y + radius };
  }

  function groupCentre(centre, radius, obstacles) {
    // A group of pins keeps its place unless it would cover a country's name or another pin there
    // (Kosovo's name at the default view): then it steps aside, and a leader line points back.
    var steps = [[0, 0], [46, 0], [46, 30], [0, 46], [-46, 0], [46, -30], [0, -46], [-46, 30], [-46, -30], [70, 0], [0, 70], [-70, 0], [0, -70]];
    for (var i = 0; i < steps.length; i++) {
      var spot = centre.add(L.point(steps[i][0], steps[i][1]));
      var box = screenBox(spot, radius);
      if (!obstacles.some(function (other) { return overlaps(box, other); })) return spot;
    }
    return centre;
  }

  function leader(from, to) {
    L.polyline([from, to], { pane: "atlasLeaders", color: "#333", weight: 1, opacity: 0.8, interactive: false }).addTo(atlas.leaderLayer);
    L.circleMarker(from, { pane: "atlasLeaders", radius: 2, color: "#333", weight: 1, fillOpacity: 1, interactive: false }).addTo(atlas.leaderLayer);
  }

  function layoutPins(protectedUnits) {
    // protectedUnits: countries whose name found no free spot last time; pins step around it too.
    protectedUnits = protectedUnits || {};
    var map = atlas.map;
    atlas.pinLayer.clearLayers();
    atlas.leaderLayer.clearLayers();
    var items = atlas.currentPins.map(function (pin) {
      var site = atlas.table.sites[pin[0]];
      var latlng = L.latLng(site.lat, site.lon);
      return { id: pin[0], name: pin[1], latlng: latlng, point: map.latLngToLayerPoint(latlng) };
    });
    var groups = groupsOf(items);
    // Names and single pins stay where they are; groups step around them and each other.
    var obstacles = smallNameBoxes(protectedUnits);
    groups.forEach(function (group) {
      if (group.length === 1) obstacles.push(screenBox(group[0].point, 10));
    });
    groups.forEach(function (group) {
      if (group.length === 1) {
        pinMarker(group[0], group[0].latlng).addTo(atlas.pinLayer);
        return;
      }
      var key = group
        .map(function (pin) {
          return pin.id;
        })
        .sort()
        .join(",");
      var centroid = footprint(group).centre;
      if (group.length >= CLUSTER_FROM && !atlas.openGroups[key]) {
        var spot = groupCentre(centroid, 16, obstacles);
        obstacles.push(screenBox(spot, 16));
        if (!spot.equals(centroid)) leader(map.layerPointToLatLng(centroid), map.layerPointToLatLng(spot));
        clusterMarker(group, key, map.layerPointToLatLng(spot)).addTo(atlas.pinLayer);
        return;
      }
      var radius = ringRadius(group.length);
      var centre = groupCentre(centroid, radius + 12, obstacles);
      obstacles.push(screenBox(centre, radius + 12));
      group.forEach(function (pin, index) {
        var angle = -Math.PI / 2 + (2 * Math.PI * index) / group.length;
        var spot = map.layerPointToLatLng(centre.add(L.point(Math.cos(angle) * radius, Math.sin(angle) * radius)));
        leader(pin.latlng, spot);
        pinMarker(pin, spot).addTo(atlas.pinLayer);
      });
    });
    var crowded = layoutLabels();
    var again = crowded.filter(function (unit) { return !protectedUnits[unit]; });
    if (again.length) {
      again.forEach(function (unit) { protectedUnits[unit] = true; });
      layoutPins(protectedUnits);
    }
  }

  // ---- Country names on the map, kept off the pins -----------------------------------------

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function insideRing(point, ring) {
    // Ray casting in lon/lat: is [lon, lat] inside this ring of a GeoJSON polygon?
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i];
      var b = ring[j];
      if (a[1] > point[1] !== b[1] > point[1] && point[0] < ((b[0] - a[0]) * (point[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
    return inside;
  }

  function insideShape(latlng, geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var point = [latlng.lng, latlng.lat];
    return polygons.some(function (rings) {
      return insideRing(point, rings[0]) && !rings.slice(1).some(function (hole) { return insideRing(point, hole); });
    });
  }

  function overlapArea(a, b) {
    return Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  }

  function layoutLabels() {
    // Returns the countries whose name could not avoid every pin and name. Each name at its label point, or nudged to the nearest spot that covers no pin and no other
    // name and whose middle is still inside its own country; failing that, the least crowded spot.
    var map = atlas.map;
    var origin = map.getContainer().getBoundingClientRect();
    var taken = [];
    atlas.pinLayer.eachLayer(function (marker) {
      var node = marker.getElement();
      if (node) taken.push(node.getBoundingClientRect());
    });
    var crowded = [];
    var offsets = [[0, 0]];
    [14, 24, 34, 46, 58].forEach(function (d) {
      offsets.push([0, d], [0, -d], [d, 0], [-d, 0], [d, d / 2], [-d, d / 2], [d, -d / 2], [-d, -d / 2]);
    });
    atlas.labelLayer.eachLayer(function (marker) {
      var text = marker.getElement().firstChild;
      var geometry = atlas.shapes[marker.options.atlasShape].feature.geometry;
      var best = null;
      var bestCrowding = Infinity;
      for (var i = 0; i < offsets.length; i++) {
        text.style.transform = "translate(-50%, -50%) translate(" + offsets[i][0] + "px, " + offsets[i][1] + "px)";
        var box = text.getBoundingClientRect();
        var middle = map.containerPointToLatLng([(box.left + box.right) / 2 - origin.left, (box.top + box.bottom) / 2 - origin.top]);
        if (i > 0 && !insideShape(middle, geometry)) continue;
        var crowding = taken.reduce(function (sum, other) { return sum + overlapArea(box, other); }, 0);
        if (crowding < bestCrowding) {
          best = offsets[i];
          bestCrowding = crowding;
        }
        if (crowding === 0) break;
      }
      text.style.transform = "translate(-50%, -50%) translate(" + best[0] + "px, " + best[1] + "px)";
      taken.push(text.getBoundingClientRect());
      if (bestCrowding > 0) crowded.push(marker.options.atlasUnit);
    });
    return crowded;
  }

  function showLabels(entry) {
    atlas.labelLayer.clearLayers();
    // Smallest first: a small country's name has nowhere else to go inside it; a large one's can move.
    var smallestFirst = entry.shapes.slice().sort(function (a, b) {
      return atlas.areas[a.shape] - atlas.areas[b.shape];
    });
    smallestFirst.forEach(function (record) {
      var point = atlas.shapes[record.shape].feature.properties.label;
      var text = el("span", "atlas-label-text", record.label);
      var icon = L.divIcon({ html: "", className: "atlas-label", iconSize: null });
      var marker = L.marker(L.latLng(point[0], point[1]), { icon: icon, pane: "atlasLabels", interactive: false, keyboard: false, atlasShape: record.shape, atlasUnit: record.unit });
      marker.on("add", function () {
        var node = marker.getElement();
        node.setAttribute("aria-hidden", "true");
        node.setAttribute("data-label-unit", record.unit);
        node.appendChild(text);
      });
      marker.addTo(atlas.labelLayer);
    });
  }

  // ---- Rendering a view --------------------------------------------------------------------

  function render() {
    var year = atlas.view.year;
    var entry = entryOf(year);
    styleShapes(entry);
    if (atlas.shown.year !== year) {
      atlas.shown.year = year;
      atlas.currentPins = entry.pins;
      atlas.openGroups = {};
      showYear(year);
      showLabels(entry);
      layoutPins();
    }
    var container = atlas.map.getContainer();
    container.setAttribute("data-atlas-when", whenOf(year));
    container.setAttribute("data-atlas-year", String(year));
  }

  atlas.setYear = function (year, view) {
    var compare = view && view.compare !== undefined && view.compare !== null && view.compare !== "" ? Number(view.compare) : null;
    atlas.view = { year: year, selected: (view && view.selected) || null, compare: compare };
    if (atlas.ready) render();
  };

  function followThePage() {
    // Same origin as the page: follow the page's year slider as it moves, so the map repaints at
    // once; the year layer from the server then confirms the view (and brings the selection).
    var doc;
    try {
      doc = window.parent !== window && window.parent.document;
    } catch (error) {
      return;
    }
    if (!doc || !doc.body) return;
    var SLIDER = ".st-key-year input[type='range']";
    function follow(value) {
      var year = parseInt(value, 10);
      if (!atlas.ready || !year || year === atlas.view.year) return;
      atlas.view = { year: year, selected: atlas.view.selected, compare: atlas.view.compare };
      render();
    }
    var confirmed = null;
    function confirm() {
      // The view the server confirmed, written by the page's fragment on every rerun.
      var marker = doc.querySelector(".atlas-view");
      if (!marker || !atlas.ready || marker.textContent === confirmed) return;
      confirmed = marker.textContent;
      var view;
      try {
        view = JSON.parse(confirmed);
      } catch (error) {
        return;
      }
      // Keys can come faster than reruns: while the slider already shows a later step, keep its
      // year (the server will confirm it next) and take only the selection and the comparison.
      var input = doc.querySelector(SLIDER);
      var shown = input && parseInt(input.getAttribute("aria-valuetext"), 10);
      atlas.setYear(shown && shown !== view.year ? shown : view.year, view);
    }
    doc.addEventListener(
      "input",
      function (event) {
        if (event.target.matches && event.target.matches(SLIDER)) follow(event.target.value);
      },
      true
    );
    new MutationObserver(function (mutations) {
      var input = doc.querySelector(SLIDER);
      if (input) follow(input.getAttribute("aria-valuetext"));
      if (mutations.some(function (m) { return m.type !== "attributes"; })) confirm();
    }).observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-valuetext"] });
    confirm();
  }

  // ---- Start -------------------------------------------------------------------------------

  function fail(error) {
    var box = el("div", "atlas-error", "The map's data could not be loaded (" + error.message + "). Reload the page.");
    box.setAttribute("role", "alert");
    atlas.map.getContainer().appendChild(box);
  }

  function load(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  atlas.init = function (map, config) {
    atlas.map = map;
    atlas.config = config;
    var container = map.getContainer();
    container.setAttribute("aria-label", config.title);
    container.setAttribute("role", "region");
    try {
      if (window.frameElement) window.frameElement.setAttribute("title", config.title);
    } catch (error) {
      /* another origin: the frame keeps its title */
    }
    if (map.keyboard) {
      // Leaflet focuses the map on mouse-down; inside a frame that scrolls the page, and a click
      // on a map half below the fold then lands elsewhere. Focus without scrolling.
      map.keyboard.disable();
      map.keyboard._onMouseDown = function () {
        if (!this._focused) this._map._container.focus({ preventScroll: true });
      };
      map.keyboard.enable();
    }
    if (L.Browser.mobile) map.dragging.disable(); // one finger scrolls the page; pinch still zooms
    map.fitBounds(config.bounds, { animate: false });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    addPanes(map);
    addControls(map);
    atlas.units = L.geoJSON(null, {
      style: function (feature) {
        return feature.properties.context
          ? { color: "#ffffff", weight: 0.8, fillColor: "url(#" + HATCH + ")", fillOpacity: 1 }
          : { color: "#ffffff", weight: 1.2, fillOpacity: 1 };
      },
      onEachFeature: prepareShape,
    }).addTo(map);
    atlas.leaderLayer = L.layerGroup().addTo(map);
    atlas.pinLayer = L.layerGroup().addTo(map);
    atlas.labelLayer = L.layerGroup().addTo(map);
    map.on("zoomend", function () {
      if (atlas.ready) layoutPins();
    });
    // Leaflet draws its controls above the map's panes, tooltips included: while a tooltip
    // would pass under a control, that control steps behind the map.
    map.on("tooltipopen", keepTooltipsOnTop);
    map.on("mousemove", keepTooltipsOnTop);
    map.on("tooltipclose", function () {
      map.getContainer().querySelectorAll(".atlas-under-tip").forEach(function (node) {
        node.classList.remove("atlas-under-tip");
      });
    });
    Promise.all([load(config.shapes), load(config.table)])
      .then(function (loaded) {
        atlas.table = loaded[1];
        atlas.units.addData(loaded[0]);
        addHatch(map);
        atlas.areas = {};
        atlas.units.eachLayer(function (layer) {
          var props = layer.feature.properties;
          var path = layer.getElement();
          if (props.context && path) {
            path.setAttribute("data-context", props.context);
            path.setAttribute("aria-hidden", "true");
            path.setAttribute("tabindex", "-1"); // Leaflet makes paths with tooltips focusable
          }
          if (!props.context) {
            var bounds = layer.getBounds();
            atlas.areas[props.shape] = (bounds.getNorth() - bounds.getSouth()) * (bounds.getEast() - bounds.getWest());
          }
        });
        atlas.ready = true;
        container.setAttribute("data-atlas-loaded", "true");
        if (atlas.view.year === null) atlas.view.year = config.currentYear;
        render();
        followThePage();
        if (atlas.onReady) atlas.onReady(atlas.table);
      })
      .catch(fail);
  };
})();
