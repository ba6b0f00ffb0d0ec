/* probe.js: the year-change benchmark's stopwatch, installed in the page at document start.
 *
 * benchmarks/bench_year_change.py adds it with Playwright's add_init_script(path=...), after a
 * one-line script that sets window.__benchConfig = {palette: [status colours]}. It lives in a
 * file of its own so that it can be read, linted and changed as JavaScript.
 *
 * One clock for everything: performance.timeOrigin + performance.now() (epoch milliseconds; the
 * page and its same-origin frames share it). The key press is the keydown event's own timestamp.
 *
 * It runs in the top page only. The map's frame is watched from the page: streamlit-folium's
 * document replaces the frame's first about:blank one in the same window, and init scripts do not
 * run again for it. So the page looks at its map frames on every animation frame and puts a
 * MutationObserver on each new frame document as soon as it sees it.
 *
 * Per year change (armed by bench.arm(spec) just before the key press):
 *   keydown     the key press
 *   sent        the first websocket message the page sends (the rerun request)
 *   firstRecv   the first message received
 *   finished    the first ForwardMsg.script_finished received
 *   dom, frame  the new year's fills in the map's DOM, and the next animation frame (the repaint)
 *   layerCall, layerFrame  (atlas) the view the server confirmed reaching atlas.setYear(year)
 *               (a year layer in the map, or a marker in the page that atlas.js reads), and the
 *               next animation frame
 * Per page load: firstPaint, the first animation frame with a status-coloured shape in the map.
 */
(() => {
  "use strict";
  if (window.top !== window) return;
  // The map is the page's one custom component (streamlit-folium's frame, or any other component).
  const MAP_FRAME = 'iframe[src*="/component/"]';
  const now = () => performance.timeOrigin + performance.now();
  const config = window.__benchConfig || {};
  const palette = new Set((config.palette || []).map((colour) => colour.toLowerCase()));
  const bench = (window.__bench = { spec: null, longTasks: [], firstPaint: null, wsOpen: null, firstFinished: null });

  // Top-level field numbers of a protobuf message: enough to spot ForwardMsg.script_finished (6).
  function fields(bytes) {
    const out = [];
    let i = 0;
    const varint = () => {
      let value = 0;
      let scale = 1;
      let byte;
      do {
        byte = bytes[i++];
        value += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const key = varint();
      const wire = key % 8;
      out.push(Math.floor(key / 8));
      if (wire === 0) varint();
      else if (wire === 2) {
        const length = varint(); // read before adding: `i += varint()` would add to the old i
        i += length;
      }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return out;
  }

  // Main-thread tasks over 50 ms, in the page and its same-origin frames (they share the thread).
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push([performance.timeOrigin + entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    /* no Long Tasks API */
  }

  const Native = window.WebSocket;
  function Instrumented(...args) {
    const ws = new Native(...args);
    ws.addEventListener("open", () => {
      if (bench.wsOpen === null) bench.wsOpen = performance.now();
    });
    ws.addEventListener("message", (event) => {
      const t = now();
      const finished = event.data instanceof ArrayBuffer && fields(new Uint8Array(event.data)).includes(6);
      if (finished && bench.firstFinished === null) bench.firstFinished = t - performance.timeOrigin;
      const spec = bench.spec;
      if (!spec) return;
      spec.received.push([t, event.data.byteLength || event.data.length || 0]);
      if (spec.firstRecv === undefined) spec.firstRecv = t;
      if (finished && spec.finished === undefined) spec.finished = t;
    });
    const send = ws.send.bind(ws);
    ws.send = (data) => {
      const spec = bench.spec;
      if (spec && spec.keydown !== undefined && spec.sent === undefined) spec.sent = now();
      return send(data);
    };
    return ws;
  }
  Instrumented.prototype = Native.prototype;
  Object.assign(Instrumented, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Instrumented;

  window.addEventListener(
    "keydown",
    (event) => {
      const spec = bench.spec;
      if (spec && spec.keydown === undefined) spec.keydown = performance.timeOrigin + event.timeStamp;
    },
    true
  );

  function mapDocuments() {
    const out = [];
    for (const frame of document.querySelectorAll(MAP_FRAME)) {
      try {
        if (frame.contentDocument) out.push([frame.contentDocument, frame.contentWindow]);
      } catch (error) {
        /* another origin */
      }
    }
    return out;
  }

  function statusFills(doc) {
    return Array.from(doc.querySelectorAll("path.leaflet-interactive"))
      .map((path) => (path.getAttribute("fill") || "").toLowerCase())
      .filter((fill) => palette.has(fill));
  }

  // The view the atlas's server confirms ends in window.atlas.setYear(year, view): note when.
  function wrapSetYear(win) {
    const atlas = win.atlas;
    if (!atlas || typeof atlas.setYear !== "function" || atlas.setYear.__bench) return;
    const original = atlas.setYear;
    const wrapped = function (year) {
      const result = original.apply(this, arguments);
      const spec = bench.spec;
      if (spec && spec.keydown !== undefined && year === spec.year && spec.layerCall === undefined) {
        spec.layerCall = now();
        win.requestAnimationFrame(() => {
          spec.layerFrame = now();
        });
      }
      return result;
    };
    wrapped.__bench = true;
    atlas.setYear = wrapped;
  }

  function checkFirstPaint(doc, win) {
    if (bench.firstPaint !== null || statusFills(doc).length === 0) return;
    bench.firstPaint = -1;
    win.requestAnimationFrame(() => {
      bench.firstPaint = performance.now();
      document.documentElement.setAttribute("data-bench-painted", "");
    });
  }

  // Does this map document show the armed year? The atlas must repaint in the document it had
  // before the key press; the naive page brings a new document.
  function checkRepaint(doc, win) {
    const spec = bench.spec;
    if (!spec || spec.keydown === undefined || spec.dom !== undefined) return;
    const same = spec.old.has(doc);
    if (spec.variant === "atlas" && !same) {
      spec.remounted = true;
      return;
    }
    if (spec.variant !== "atlas" && same) return;
    if (spec.variant === "atlas") {
      const box = doc.querySelector(".leaflet-container");
      if (!box || box.getAttribute("data-atlas-year") !== String(spec.year)) return;
    }
    if (statusFills(doc).sort().join(",") !== spec.fills) return;
    spec.dom = now();
    win.requestAnimationFrame(() => {
      spec.frame = now();
    });
  }

  const hooked = new WeakSet();
  function hookFrames() {
    for (const [doc, win] of mapDocuments()) {
      wrapSetYear(win);
      if (hooked.has(doc)) continue;
      hooked.add(doc);
      const seen = () => {
        wrapSetYear(win);
        checkFirstPaint(doc, win);
        checkRepaint(doc, win);
      };
      new win.MutationObserver(seen).observe(doc, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["fill", "data-atlas-year"],
      });
      seen();
    }
  }
  // The page is marked for the benchmark's waits: data-bench-painted once the map is first
  // painted, data-bench-step-done once the armed year change is over (see bench.done).
  const loop = () => {
    hookFrames();
    if (bench.spec && bench.done()) document.documentElement.setAttribute("data-bench-step-done", "");
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  document.addEventListener("load", hookFrames, true);

  bench.arm = (spec) => {
    document.documentElement.removeAttribute("data-bench-step-done");
    spec.old = new Set(mapDocuments().map(([doc]) => doc));
    spec.received = [];
    bench.spec = spec;
  };

  // The armed step is over: its new fills painted (the atlas also waits for its year layer's
  // frame), or 1.5 s passed after its script finished without a repaint (reported, not fatal).
  bench.done = () => {
    const spec = bench.spec;
    if (!spec || spec.finished === undefined) return false;
    const layer = spec.variant !== "atlas" || spec.layerFrame !== undefined;
    return (spec.frame !== undefined && layer) || performance.timeOrigin + performance.now() - spec.finished > 1500;
  };

  bench.result = () => {
    const spec = bench.spec;
    if (!spec) return null;
    const out = { received: spec.received, remounted: Boolean(spec.remounted) };
    for (const key of ["keydown", "sent", "firstRecv", "finished", "dom", "frame", "layerCall", "layerFrame"]) out[key] = spec[key] ?? null;
    const end = spec.frame ?? spec.finished ?? now();
    out.longTasks = bench.longTasks
      .filter(([start, duration]) => start + duration > spec.keydown && start < end)
      .reduce((sum, [start, duration]) => sum + Math.min(start + duration, end) - Math.max(start, spec.keydown), 0);
    return out;
  };

  // Milestones of a page load, in ms since navigation start (Resource Timing of the page and the
  // map frame); "(cache)" counts files that came from the HTTP cache without a request.
  bench.waterfall = () => {
    const out = {};
    const nav = performance.getEntriesByType("navigation")[0];
    if (nav) out["page HTML received"] = nav.responseEnd;
    const top = performance.getEntriesByType("resource");
    const scripts = top.filter((entry) => /\/static\/js\/.*\.js/.test(entry.name));
    if (scripts.length) out["Streamlit's scripts received"] = Math.max(...scripts.map((entry) => entry.responseEnd));
    if (bench.wsOpen !== null) out["websocket open"] = bench.wsOpen;
    if (bench.firstFinished !== null) out["first script run finished"] = bench.firstFinished;
    const frameEntry = top.find((entry) => entry.name.includes("/component/"));
    if (frameEntry) out["map frame requested"] = frameEntry.startTime;
    const files = [
      ["leaflet.js received", /leaflet\.js/],
      ["atlas.js received", /atlas\.js/],
      ["shapes file received", /\/shapes-[^/]*\.geojson/],
      ["year table received", /\/atlas-[^/]*\.json/],
    ];
    let requests = 0;
    let cached = 0;
    for (const entry of top) {
      requests += 1;
      if (entry.transferSize === 0) cached += 1;
    }
    for (const [, win] of mapDocuments()) {
      const shift = win.performance.timeOrigin - performance.timeOrigin;
      for (const entry of win.performance.getEntriesByType("resource")) {
        requests += 1;
        if (entry.transferSize === 0) cached += 1;
        for (const [label, pattern] of files) if (pattern.test(entry.name)) out[label] = entry.responseEnd + shift;
      }
    }
    if (bench.firstPaint > 0) {
      out["map painted"] = bench.firstPaint;
      const paint = performance.timeOrigin + bench.firstPaint;
      out["long tasks before (sum)"] = bench.longTasks
        .filter(([start]) => start < paint)
        .reduce((sum, [start, duration]) => sum + Math.min(duration, paint - start), 0);
    }
    out["files loaded"] = requests;
    out["(cache)"] = cached;
    return out;
  };
})();
