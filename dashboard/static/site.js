/* site.js: the static atlas's page (python -m dashboard.export site DIR).
 *
 * The year slider, Play/Pause, the country list and the country panel, with the view kept in the
 * URL (?year=2008&country=MNE). The map itself is atlas.js, as in the app: this script hands it a
 * Leaflet map and then only the view, atlas.setYear(year, {selected}). The panel is drawn here from
 * two files the build wrote: the year table (statuses, their colours; atlas.js loads it) and
 * units-<hash>.json (every unit's names, summary, milestones, sites and sources, and its status in
 * each year as the app words it). Every text from the data is written with textContent, never as
 * HTML, so hostile data stays text.
 */
(function () {
  "use strict";

  var STEP_MS = 1000; // Play: one year a second
  var config = JSON.parse(document.getElementById("atlas-config").textContent);
  var slider = document.getElementById("year");
  var shown = document.getElementById("year-shown");
  var select = document.getElementById("country");
  var play = document.getElementById("play");
  var panel = document.getElementById("panel");
  var view = { year: config.currentYear, country: null };
  var table = null; // the year table, from atlas.js once loaded
  var units = null; // units-<hash>.json
  var timer = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- Words -------------------------------------------------------------------------------

  function dayOf(year) {
    // The day that stands for a year: 31 December, or today for the current year (facts.year_day).
    return year >= config.currentYear ? config.today : year + "-12-31";
  }

  function whenOf(year) {
    return year >= config.currentYear ? "today" : "on 31 December " + year;
  }

  function nameOn(names, day) {
    // As facts' Named.name_on: the name in force that day, else the first before it, the last after.
    for (var i = 0; i < names.length; i++) {
      var period = names[i];
      if ((!period.from || period.from <= day) && (!period.to || day < period.to)) return period.name;
    }
    return names[0].from && day < names[0].from ? names[0].name : names[names.length - 1].name;
  }

  function viewTitle() {
    var day = view.year >= config.currentYear ? "today" : "31 December " + view.year;
    var subject = view.country && units ? units[view.country].years[view.year].name + " and NATO" : "NATO status of the Balkan countries";
    return subject + ", " + day + " · " + config.atlasName;
  }

  // ---- Pieces of the panel -----------------------------------------------------------------

  function sourceLink(source, label) {
    var link = el("a", null, label || source.title);
    // Only web addresses become links; anything else in the data stays inert text.
    if (/^https?:\/\//i.test(source.url)) link.href = source.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.title = source.publisher + ": " + source.title;
    return link;
  }

  function refs(sources) {
    var box = el("span", "atlas-refs");
    sources.forEach(function (source, index) {
      if (index) box.appendChild(document.createTextNode(" "));
      box.appendChild(sourceLink(source, "[" + (index + 1) + "]"));
    });
    return box;
  }

  function badge(statusId) {
    var status = table.statuses[statusId];
    var node = el("span", "atlas-badge", status.label);
    node.style.background = status.colour;
    node.style.color = status.text; // chosen for contrast on that colour (dashboard.colours)
    return node;
  }

  function symbol(kind) {
    // A copy of the server-rendered pin symbol: markup from our template, never from data.
    var found = document.getElementById("atlas-symbols").content.querySelector('[data-kind="' + kind + '"] svg');
    return found ? found.cloneNode(true) : el("span");
  }

  function section(heading) {
    var box = el("div", "atlas-panel");
    box.appendChild(el("h3", null, heading));
    return box;
  }

  function milestoneItem(milestone, later) {
    var item = el("li", later ? "atlas-future" : "atlas-past");
    item.setAttribute("data-kind", milestone.kind);
    var date = el("time", "atlas-date", milestone.human);
    date.setAttribute("datetime", milestone.date);
    item.appendChild(date);
    if (later) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "atlas-later", "later"));
    }
    item.appendChild(document.createTextNode(" "));
    item.appendChild(el("b", null, milestone.title));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(el("span", "atlas-kindname", "(" + milestone.kindLabel + ")"));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(refs(milestone.sources));
    if (milestone.detail) item.appendChild(el("div", "atlas-detail", milestone.detail));
    if (milestone.note) item.appendChild(el("div", "atlas-note", "Note: " + milestone.note));
    return item;
  }

  function timeline(heading, milestones, later) {
    var box = section(heading);
    var list = el("ol", "atlas-timeline");
    milestones.forEach(function (milestone) {
      list.appendChild(milestoneItem(milestone, later));
    });
    box.appendChild(list);
    return box;
  }

  function presence(unit, day) {
    var box = section("NATO's presence on its territory");
    var list = el("ul", "atlas-sites");
    unit.sites.forEach(function (site) {
      var item = el("li");
      item.setAttribute("data-site", site.id);
      item.appendChild(symbol(site.kind));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("b", null, nameOn(site.names, day)));
      var state = site.start > day ? "later" : site.end && site.end <= day ? "closed" : "";
      if (state) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(el("span", "atlas-later", state));
      }
      item.appendChild(el("br"));
      item.appendChild(el("span", "atlas-date", site.dates));
      item.appendChild(document.createTextNode(" · " + site.kindLabel + ". " + site.role + " "));
      item.appendChild(refs(site.sources));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function sourcesList(sources) {
    var box = section("Sources");
    var list = el("ul", "atlas-sources");
    sources.forEach(function (source) {
      var item = el("li");
      item.appendChild(sourceLink(source));
      item.appendChild(document.createTextNode(" — " + source.publisher + (source.accessed ? " (read " + source.accessed + ")" : "")));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  // ---- The panel: a country, or the year at a glance -----------------------------------------

  function countryPanel(unit, year) {
    var day = dayOf(year);
    var entry = unit.years[String(year)];
    var parts = [];
    var head = el("div", "atlas-panel");
    head.setAttribute("data-unit", unit.id);
    head.appendChild(el("h2", null, entry.name));
    if (entry.absent) {
      head.appendChild(el("p", "atlas-absent", entry.absent));
    } else {
      var status = el("p", "atlas-status", "Status " + whenOf(year) + ": ");
      status.appendChild(badge(entry.status));
      if (entry.since) status.appendChild(document.createTextNode(" since " + entry.since));
      var proof = entry.milestone !== undefined ? unit.milestones[entry.milestone].sources : entry.initial ? unit.initialSources : [];
      if (proof.length) {
        status.appendChild(document.createTextNode(" "));
        status.appendChild(refs(proof));
      }
      head.appendChild(status);
    }
    head.appendChild(el("p", "atlas-summary", unit.summary));
    parts.push(head);
    // ISO days compare as strings: a milestone is "later" if its first possible day is after the year's day.
    var past = unit.milestones.filter(function (m) { return m.earliest <= day; });
    var later = unit.milestones.filter(function (m) { return m.earliest > day; });
    if (past.length) parts.push(timeline("Timeline to " + year, past, false));
    if (later.length) parts.push(timeline("After " + year, later, true));
    if (unit.sites.length) parts.push(presence(unit, day));
    parts.push(sourcesList(unit.sources));
    return parts;
  }

  function yearSummary(year) {
    var entry = table.years[String(year)];
    var counts = {};
    entry.shapes.forEach(function (record) {
      counts[record.status] = (counts[record.status] || 0) + 1;
    });
    var box = el("div", "atlas-panel atlas-year-summary");
    box.appendChild(el("h2", null, "The year " + year + " at a glance"));
    box.appendChild(el("p", "site-hint", "Choose a country in the list, or click one on the map, for its status, its dated timeline and its sources."));
    box.appendChild(el("p", null, "The " + entry.shapes.length + " countries on the map " + whenOf(year) + ":"));
    var list = el("ul", "atlas-legend-list");
    config.statusOrder.forEach(function (id) {
      if (!counts[id]) return;
      var item = el("li");
      var swatch = el("span", "atlas-swatch");
      swatch.style.background = table.statuses[id].colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(table.statuses[id].label + ": " + counts[id]));
      list.appendChild(item);
    });
    box.appendChild(list);
    var sites = entry.pins.length;
    box.appendChild(el("p", null, sites + " NATO site" + (sites === 1 ? "" : "s") + " and operation" + (sites === 1 ? "" : "s") + " active in " + year + " (pins on the map)."));
    return [box];
  }

  function drawPanel() {
    if (!table || !units) return;
    var parts = view.country ? countryPanel(units[view.country], view.year) : yearSummary(view.year);
    panel.replaceChildren.apply(panel, parts);
  }

  // ---- The view: year, country, URL, title -----------------------------------------------------

  function writeUrl() {
    var params = new URLSearchParams(window.location.search);
    params.set("year", String(view.year));
    if (view.country) params.set("country", view.country);
    else params.delete("country");
    history.replaceState(null, "", "?" + params.toString() + window.location.hash);
    var live = document.getElementById("live-link");
    if (live) {
      // The live atlas opens at the same view (its own query is replaced, as share.view_url does).
      try {
        var target = new URL(live.textContent);
        target.search = "?year=" + view.year + (view.country ? "&country=" + view.country : "");
        live.href = target.href;
      } catch (error) {
        /* not an address the browser can parse: the link keeps the one the build wrote */
      }
    }
    document.title = viewTitle();
  }

  function show() {
    slider.value = String(view.year);
    slider.setAttribute("aria-valuetext", String(view.year));
    shown.textContent = String(view.year);
    select.value = view.country || "";
    var note = config.kosovoNotes[String(view.year)];
    var noteBox = document.getElementById("kosovo-note");
    noteBox.textContent = note || "";
    noteBox.hidden = !note;
    window.atlas.setYear(view.year, { selected: view.country, changed: [] });
    drawPanel();
    writeUrl();
  }

  function setYear(year) {
    view.year = Math.max(config.first, Math.min(config.currentYear, year));
    show();
  }

  function setCountry(unit) {
    view.country = unit || null;
    show();
  }

  // ---- Play / Pause ------------------------------------------------------------------------

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    play.textContent = "▶ Play";
  }

  function step() {
    if (view.year >= config.currentYear) return stop();
    setYear(view.year + 1);
    if (view.year >= config.currentYear) stop(); // stops at the last year, on it
  }

  function toggle() {
    if (timer !== null) return stop();
    if (view.year >= config.currentYear) setYear(config.first); // Play from the last year starts again
    play.textContent = "⏸ Pause";
    timer = window.setInterval(step, STEP_MS);
  }

  // ---- Start ------------------------------------------------------------------------------

  function readUrl() {
    // A bad value in a shared link falls back to the default with a visible notice, never an error.
    var params = new URLSearchParams(window.location.search);
    var notices = [];
    var year = params.get("year");
    if (year !== null) {
      var text = year.trim();
      var number = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
      if (number >= config.first && number <= config.currentYear) view.year = number;
      else notices.push("The year “" + text.slice(0, 40) + "” in the link is not a year from " + config.first + " to " + config.currentYear + "; showing " + view.year + " instead.");
    }
    var country = params.get("country");
    if (country !== null && country.trim()) {
      var code = country.trim().toUpperCase();
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value && option.value === code;
      });
      if (known) view.country = code;
      else notices.push("The country “" + country.slice(0, 40) + "” in the link is not one the atlas knows; no country is selected.");
    }
    if (notices.length) {
      var box = document.getElementById("notice");
      box.textContent = notices.join(" ");
      box.hidden = false;
    }
  }

  function loadUnits() {
    return fetch(config.units).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function start() {
    readUrl();
    var map = L.map("map", { zoomSnap: 0.25, zoomDelta: 0.5, minZoom: 4, maxZoom: 11 });
    window.atlas.onSelect = function (unit) {
      setCountry(unit);
    };
    window.atlas.onReady = function (loaded) {
      table = loaded;
      drawPanel();
    };
    window.atlas.init(map, config);
    window.addEventListener("beforeprint", function () {
      // Paper is another width than the screen: Leaflet must measure again, then frame the region.
      map.invalidateSize();
      map.fitBounds(config.bounds, { animate: false });
    });
    slider.addEventListener("input", function () {
      setYear(parseInt(slider.value, 10));
    });
    select.addEventListener("change", function () {
      setCountry(select.value);
    });
    play.addEventListener("click", toggle);
    show();
    loadUnits()
      .then(function (loaded) {
        units = loaded;
        drawPanel();
        document.title = viewTitle();
      })
      .catch(function (error) {
        var box = el("p", "atlas-absent", "The country panels could not be loaded (" + error.message + "). Reload the page.");
        box.setAttribute("role", "alert");
        panel.replaceChildren(box);
      });
  }

  start();
})();
