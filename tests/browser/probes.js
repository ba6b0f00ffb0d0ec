/* probes.js: what the browser tests read in the atlas page and inside its map frame.
 *
 * One expression: an object of small read-only functions, evaluated by tests/browser/atlas_page.py
 * (probe(), read_at()) in the page or in the map's frame. Boxes are getBoundingClientRect in the
 * coordinates of the document the probe runs in; colours are computed styles as #rrggbb.
 */
(function () {
  "use strict";

  function rgb(text) {
    return (String(text).match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  }

  function hex(values) {
    if (values.length !== 3) return null;
    return (
      "#" +
      values
        .map(function (value) {
          return Math.round(value).toString(16).padStart(2, "0");
        })
        .join("")
    );
  }

  function box(element, id) {
    var r = element.getBoundingClientRect();
    return { id: id, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }

  return {
    // ---- The map (run inside its frame) ------------------------------------------------------

    /* Start writing down every year the map paints, in order (read back with paintedYears). */
    recordYears() {
      var map = document.querySelector(".leaflet-container");
      window.__paintedYears = [];
      new MutationObserver(function () {
        window.__paintedYears.push(Number(map.getAttribute("data-atlas-year")));
      }).observe(map, { attributes: true, attributeFilter: ["data-atlas-year"] });
      return true;
    },

    /* The years the map painted since recordYears, in order. */
    paintedYears() {
      return window.__paintedYears || [];
    },

    /* Write a view into the page's hidden view marker, as a late server answer would (run in the page). */
    setViewMarker(view) {
      document.querySelector(".atlas-view").textContent = JSON.stringify(view);
      return true;
    },

    /* The year the map paints, or null before its data is in. */
    mapYear() {
      var map = document.querySelector('.leaflet-container[data-atlas-loaded="true"]');
      return map ? map.getAttribute("data-atlas-year") : null;
    },

    /* [unit, status, fill as #rrggbb, fill-opacity] of every unit shape. */
    painted() {
      return Array.from(document.querySelectorAll("path.leaflet-interactive[data-unit]")).map(function (path) {
        var style = getComputedStyle(path);
        return [path.getAttribute("data-unit"), path.getAttribute("data-status"), hex(rgb(style.fill)) || style.fill, Number(style.fillOpacity)];
      });
    },

    /* [status, colour the reader sees] of every unit shape: its fill at its opacity over the sea. */
    shown() {
      var sea = rgb(getComputedStyle(document.querySelector(".leaflet-container")).backgroundColor);
      return Array.from(document.querySelectorAll("path.leaflet-interactive[data-unit]")).map(function (path) {
        var style = getComputedStyle(path);
        var alpha = Number(style.fillOpacity);
        var mixed = rgb(style.fill).map(function (value, i) {
          return Math.round(alpha * value + (1 - alpha) * sea[i]);
        });
        return [path.getAttribute("data-status"), hex(mixed)];
      });
    },

    /* [data-site, data-cluster] of every marker icon that is not a country name. */
    pinIds() {
      return Array.from(document.querySelectorAll(".leaflet-marker-icon:not(.atlas-label)")).map(function (node) {
        return [node.getAttribute("data-site"), node.getAttribute("data-cluster")];
      });
    },

    /* Boxes of the pins and groups of pins, named by site id or by the group's ids. */
    pinBoxes() {
      return Array.from(document.querySelectorAll(".atlas-pin, .atlas-cluster")).map(function (node) {
        return box(node, node.getAttribute("data-site") || node.getAttribute("data-cluster"));
      });
    },

    /* Pins and groups as a screen reader meets them: role, name, kind and the symbol drawn. */
    pinNames() {
      return Array.from(document.querySelectorAll(".atlas-pin, .atlas-cluster")).map(function (node) {
        var kind = Array.from(node.classList).find(function (name) {
          return name.indexOf("atlas-pin-") === 0;
        });
        var svg = node.querySelector("svg");
        return {
          site: node.getAttribute("data-site"),
          cluster: node.getAttribute("data-cluster"),
          role: node.getAttribute("role"),
          name: (node.getAttribute("aria-label") || "").trim(),
          kind: kind ? kind.slice("atlas-pin-".length) : "",
          svg: svg ? svg.innerHTML.replace(/\s+/g, " ").trim() : null,
        };
      });
    },

    /* Boxes of the country names, named by unit. */
    labelBoxes() {
      return Array.from(document.querySelectorAll(".atlas-label[data-label-unit]")).map(function (node) {
        return box(node.querySelector(".atlas-label-text") || node, node.getAttribute("data-label-unit"));
      });
    },

    /* Each country name: its unit, text, whether it shows, and what lies under its centre. */
    names() {
      return Array.from(document.querySelectorAll(".atlas-label[data-label-unit]")).map(function (node) {
        var text = node.querySelector(".atlas-label-text") || node;
        var r = text.getBoundingClientRect();
        var under = document.elementsFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2).find(function (element) {
          return element.matches("path[data-unit], path[data-context]");
        });
        return {
          unit: node.getAttribute("data-label-unit"),
          text: text.textContent.trim(),
          visible: r.width > 0 && r.height > 0,
          under: under ? under.getAttribute("data-unit") || "neighbour " + under.getAttribute("data-context") : "the sea",
        };
      });
    },

    /* The year written on the map, and whether it shows. */
    yearOnMap() {
      var number = document.querySelector(".atlas-year .atlas-year-number");
      if (!number) return null;
      var r = number.getBoundingClientRect();
      return { text: number.textContent.trim(), visible: r.width > 0 && r.height > 0 && getComputedStyle(number).visibility !== "hidden" };
    },

    /* Units outlined as selected (aria-pressed). */
    pressed() {
      return Array.from(document.querySelectorAll('path[data-unit][aria-pressed="true"]')).map(function (path) {
        return path.getAttribute("data-unit");
      });
    },

    /* Unit -> outline colour of its shape. */
    strokes() {
      return Object.fromEntries(
        Array.from(document.querySelectorAll("path[data-unit]")).map(function (path) {
          return [path.getAttribute("data-unit"), path.getAttribute("stroke")];
        })
      );
    },

    /* The map's view: [zoom, centre latitude, centre longitude]. */
    mapView() {
      var centre = window.map.getCenter();
      return [window.map.getZoom(), centre.lat, centre.lng];
    },

    /* Units marked as changed by a comparison. */
    changed() {
      return Array.from(document.querySelectorAll('path[data-changed="true"]')).map(function (path) {
        return path.getAttribute("data-unit");
      });
    },

    /* The box of the first element matching a selector. */
    rect(selector) {
      return box(document.querySelector(selector), selector);
    },

    /* What is on top at a point: a unit's id, or the start of the element's markup. */
    topAt(point) {
      var top = document.elementFromPoint(point[0], point[1]);
      return top ? top.getAttribute("data-unit") || top.outerHTML.slice(0, 120) : null;
    },

    /* The tooltip that contains `name`, and the points of it where something else is painted on top. */
    tooltipCover(name) {
      var tip = Array.from(document.querySelectorAll(".leaflet-tooltip")).find(function (element) {
        return element.textContent.indexOf(name) >= 0;
      });
      var r = tip.getBoundingClientRect();
      var map = document.querySelector(".leaflet-container").getBoundingClientRect();
      // Tooltips and names let the pointer through (pointer-events: none), so hit-testing skips
      // them; for this check only, make them hit-testable to find what is painted on top.
      var probe = document.createElement("style");
      probe.textContent = ".leaflet-tooltip, .leaflet-tooltip *, .atlas-label-text { pointer-events: auto !important; }";
      document.head.appendChild(probe);
      var covered = [];
      for (var i = 1; i < 8; i++) {
        for (var j = 1; j < 6; j++) {
          var x = r.left + (r.width * i) / 8;
          var y = r.top + (r.height * j) / 6;
          if (x < map.left || x > map.right || y < map.top || y > map.bottom) continue;
          var top = document.elementFromPoint(x, y);
          if (!top || !tip.contains(top)) covered.push([Math.round(x), Math.round(y), top ? String(top.className) || top.tagName : null]);
        }
      }
      probe.remove();
      return { tooltip: box(tip, name), covered: covered };
    },

    /* The map's marks, error and view, for failure messages. */
    mapState() {
      var map = document.querySelector(".leaflet-container");
      var error = document.querySelector(".atlas-error");
      return {
        marks:
          map &&
          Object.fromEntries(
            Array.from(map.attributes)
              .filter(function (attribute) {
                return attribute.name.indexOf("data-") === 0;
              })
              .map(function (attribute) {
                return [attribute.name, attribute.value];
              })
          ),
        error: error && error.textContent,
        view: window.atlas ? window.atlas.view : "no window.atlas",
        ready: window.atlas ? window.atlas.ready : null,
      };
    },

    // ---- The page ------------------------------------------------------------------------------

    /* The legend's pin entries: text and the symbol drawn. */
    legendPins() {
      return Array.from(document.querySelectorAll(".atlas-legend-pins li")).map(function (item) {
        var svg = item.querySelector("svg");
        return { text: item.textContent.trim(), svg: svg ? svg.innerHTML.replace(/\s+/g, " ").trim() : null };
      });
    },

    /* What has the keyboard focus, followed into the map's frame. */
    focused() {
      var element = document.activeElement;
      var inMap = false;
      while (element && element.tagName === "IFRAME" && element.contentDocument) {
        inMap = inMap || element.matches('iframe[title^="Map"]');
        element = element.contentDocument.activeElement;
      }
      if (!element) return null;
      var labelledBy = (element.getAttribute("aria-labelledby") || "")
        .split(/\s+/)
        .map(function (id) {
          return id && element.ownerDocument.getElementById(id);
        })
        .filter(Boolean)
        .map(function (node) {
          return node.textContent;
        })
        .join(" ");
      return {
        inMap: inMap,
        tag: element.tagName.toLowerCase(),
        name: (element.getAttribute("aria-label") || labelledBy || element.getAttribute("title") || element.textContent || "").trim(),
        unit: element.getAttribute("data-unit"),
        site: element.getAttribute("data-site"),
        cluster: element.getAttribute("data-cluster"),
        context: element.getAttribute("data-context"),
        hidden: Boolean(element.closest('[aria-hidden="true"]')),
        combobox: element.getAttribute("role") === "combobox" ? element.getAttribute("aria-label") : null,
        html: element.outerHTML.slice(0, 160),
      };
    },

    /* Count of the elements of a document that could take the keyboard focus. */
    focusable() {
      return document.querySelectorAll("a[href], button, input, select, textarea, [tabindex], path.leaflet-interactive").length;
    },

    /* Widths that scroll sideways: the document's, and Streamlit's main scroller's overflow. */
    widths() {
      var main = document.querySelector('[data-testid="stMain"], .stMain');
      var wider = Array.from(document.querySelectorAll("body *"))
        .filter(function (element) {
          return element.getBoundingClientRect().right > window.innerWidth + 1 && element.getClientRects().length;
        })
        .slice(0, 5)
        .map(function (element) {
          return Math.round(element.getBoundingClientRect().right) + " " + element.tagName + "." + String(element.className).slice(0, 60);
        });
      return {
        viewport: window.innerWidth,
        document: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        main: main ? main.scrollWidth - main.clientWidth : 0,
        wider: wider,
      };
    },

    /* In the column of the country panel: every box that clips its content, and by how much. */
    clipped() {
      var column = document.querySelector(".atlas-panel[data-unit]").closest('[data-testid="stColumn"]');
      return [column]
        .concat(Array.from(column.querySelectorAll("*")))
        .filter(function (element) {
          return getComputedStyle(element).overflowY !== "visible" && element.scrollHeight > element.clientHeight + 1;
        })
        .map(function (element) {
          return [element.tagName + "." + String(element.className).slice(0, 50), element.scrollHeight, element.clientHeight];
        });
    },

    /* Width of the page's content box (the block container less its padding). */
    contentWidth() {
      var block = document.querySelector(".block-container");
      var style = getComputedStyle(block);
      return block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    },
  };
})()
