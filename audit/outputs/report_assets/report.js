/* transaudit HTML report: filters, search and lazy rendering of the flagged segments.
   Segment text is only ever set with textContent: nothing from the data is parsed as HTML. */
(function () {
  "use strict";
  var dataEl = document.getElementById("ta-data");
  var body = document.querySelector("#segs tbody");
  if (!dataEl || !body) { return; }
  var D = JSON.parse(dataEl.textContent);
  var SEGS = D.segs, FLAGS = D.flags, FILES = D.files, LANGS = D.langs;
  var loaded = !D.parts;  // more segments wait in the ta-part data blocks after this script
  var SEV = {1: "minor", 2: "major", 3: "critical"};
  var CHUNK = 200;
  var state = {sev: {1: true, 2: true, 3: true}, code: "", cat: "", file: "", text: "", range: null};
  var shown = [], rendered = 0, haystack = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function pieceText(p) { return typeof p === "string" ? p : p[0]; }

  function sideText(pcs) {
    if (!pcs) { return ""; }
    var s = "";
    for (var i = 0; i < pcs.length; i++) { s += pieceText(pcs[i]); }
    return s;
  }

  function buildHaystack() {  // lower-cased text per segment, made on the first search only
    haystack = new Array(SEGS.length);
    for (var i = 0; i < SEGS.length; i++) {
      var s = SEGS[i], t = s[0] + "\n" + sideText(s[7]) + "\n" + sideText(s[8]);
      for (var k = s[9]; k < s[9] + s[10]; k++) { t += "\n" + FLAGS[k][0] + " " + FLAGS[k][3] + " " + FLAGS[k][4]; }
      haystack[i] = t.toLowerCase();
    }
  }

  function flagPasses(k) {
    var f = FLAGS[k];
    return state.sev[f[1]] && (!state.code || f[0] === state.code) && (!state.cat || f[2] === state.cat);
  }

  function segPasses(i) {
    var s = SEGS[i];
    if (state.file !== "" && String(s[1]) !== state.file) { return false; }
    if (state.range && (s[2] < state.range[0] || s[2] >= state.range[1])) { return false; }
    var any = false;
    for (var k = s[9]; k < s[9] + s[10]; k++) { if (flagPasses(k)) { any = true; break; } }
    if (!any) { return false; }
    if (state.text) {
      if (!haystack) { buildHaystack(); }
      if (haystack[i].indexOf(state.text) < 0) { return false; }
    }
    return true;
  }

  function marked(td, pcs) {
    if (!pcs) { td.appendChild(el("em", "", "(missing)")); return; }
    for (var i = 0; i < pcs.length; i++) {
      var p = pcs[i];
      if (typeof p === "string") { td.appendChild(document.createTextNode(p)); continue; }
      var worst = 0, titles = [];
      for (var j = 0; j < p[1].length; j++) {
        var f = FLAGS[p[1][j]];
        if (f[1] > worst) { worst = f[1]; }
        titles.push(f[0] + " " + f[3]);
      }
      var m = el("mark", SEV[worst] + (p[0] === "" ? " empty" : ""), p[0]);
      m.title = titles.join("; ");
      m.setAttribute("data-f", " " + p[1].join(" ") + " ");
      td.appendChild(m);
    }
  }

  function textCell(pcs, langIdx) {
    var td = el("td", "text");
    var l = LANGS[langIdx] || ["", "ltr"];
    if (l[0]) { td.lang = l[0]; }
    td.dir = l[1];
    marked(td, pcs);
    return td;
  }

  function row(i) {
    var s = SEGS[i], frag = document.createDocumentFragment();
    var tr = el("tr", "seg");
    tr.id = "seg-" + i;
    var idc = el("td", "id", s[0]);
    var where = FILES[s[1]] ? FILES[s[1]] + (s[3] ? ":" + s[3] : "") : (s[3] ? "line " + s[3] : "");
    idc.appendChild(el("small", "", "#" + (s[2] + 1) + (where ? " · " + where : "")));
    if (s[4] !== null) { idc.appendChild(el("small", "", "quality " + s[4].toFixed(1))); }
    tr.appendChild(idc);
    tr.appendChild(textCell(s[7], s[5]));
    tr.appendChild(textCell(s[8], s[6]));
    frag.appendChild(tr);
    var fr = el("tr", "flags"), td = el("td", ""), ul = el("ul", "");
    fr.appendChild(el("td", ""));
    td.colSpan = 2;
    for (var k = s[9]; k < s[9] + s[10]; k++) {
      var f = FLAGS[k], li = el("li", flagPasses(k) ? "" : "dim");
      var a = el("a", "", f[0]);
      a.href = "#seg-" + i;
      a.setAttribute("data-k", String(k));
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "sev " + SEV[f[1]], SEV[f[1]]));
      li.appendChild(document.createTextNode(" " + f[2] + ": " + f[3] + " "));
      if (f[4]) { li.appendChild(el("span", "where", f[4])); }
      ul.appendChild(li);
    }
    td.appendChild(ul);
    fr.appendChild(td);
    frag.appendChild(fr);
    return frag;
  }

  function renderMore() {
    var end = Math.min(shown.length, rendered + CHUNK), frag = document.createDocumentFragment();
    for (; rendered < end; rendered++) { frag.appendChild(row(shown[rendered])); }
    body.appendChild(frag);
  }

  function apply() {
    shown = [];
    for (var i = 0; i < SEGS.length; i++) { if (segPasses(i)) { shown.push(i); } }
    body.textContent = "";
    rendered = 0;
    renderMore();
    counts();
    var chip = document.getElementById("f-range");
    if (chip) {
      chip.hidden = !state.range;
      if (state.range) { chip.textContent = "segments " + (state.range[0] + 1) + "–" + state.range[1] + " ✕"; }
    }
  }

  function counts() {
    var c = document.getElementById("f-count");
    if (c) {
      c.textContent = shown.length + " of " + SEGS.length + " flagged segments" +
        (loaded ? "" : " (loading " + SEGS.length + " of " + D.total + "…)");
    }
  }

  function filtered() {
    return !(state.sev[1] && state.sev[2] && state.sev[3]) || state.code || state.cat || state.file !== "" ||
      state.text || state.range;
  }

  function loadParts() {  // parse the remaining data a slice at a time, so the page stays responsive
    var parts = document.querySelectorAll("script.ta-part"), p = 0;
    function step() {
      var t0 = performance.now(), before = SEGS.length;
      while (p < parts.length && performance.now() - t0 < 40) {
        var d = JSON.parse(parts[p].textContent);
        for (var i = 0; i < d.segs.length; i++) { SEGS.push(d.segs[i]); }
        for (var k = 0; k < d.flags.length; k++) { FLAGS.push(d.flags[k]); }
        parts[p].textContent = "";
        p++;
      }
      haystack = null;
      loaded = p >= parts.length;
      if (filtered()) {
        for (var j = before; j < SEGS.length; j++) { if (segPasses(j)) { shown.push(j); } }
      } else {
        for (var n = before; n < SEGS.length; n++) { shown.push(n); }
      }
      counts();
      // rows that came in with this slice fill the first screen now: the end-of-list observer
      // fires on a change of visibility only, and it may have fired before they existed
      if (rendered < Math.min(shown.length, CHUNK)) { renderMore(); }
      if (!loaded) { setTimeout(step, 0); return; }
      document.documentElement.setAttribute("data-loaded", String(Math.round(performance.now())));
    }
    step();
  }

  function byId(id) { return document.getElementById(id); }
  function onChange(id, key) {
    var e = byId(id);
    if (e) { e.addEventListener("change", function () { state[key] = e.value; apply(); }); }
  }
  onChange("f-code", "code");
  onChange("f-cat", "cat");
  onChange("f-file", "file");
  var boxes = document.querySelectorAll('input[name="sev"]');
  for (var b = 0; b < boxes.length; b++) {
    boxes[b].addEventListener("change", function (ev) { state.sev[ev.target.value] = ev.target.checked; apply(); });
  }
  var search = byId("f-text"), timer = null;
  if (search) {
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.text = search.value.trim().toLowerCase(); apply(); }, 150);
    });
  }
  function setSelect(id, key, value) {
    var e = byId(id);
    if (e) { e.value = value; state[key] = e.value; }
  }
  function clearAll() {
    state.range = null;
    state.text = "";
    if (search) { search.value = ""; }
    setSelect("f-code", "code", "");
    setSelect("f-cat", "cat", "");
    setSelect("f-file", "file", "");
    for (var j = 0; j < boxes.length; j++) { boxes[j].checked = true; state.sev[boxes[j].value] = true; }
    apply();
  }
  var clear = byId("f-clear");
  if (clear) { clear.addEventListener("click", clearAll); }
  var chip = byId("f-range");
  if (chip) { chip.addEventListener("click", function () { state.range = null; apply(); }); }

  function chartClick(g) {  // a bar of a chart filters the list
    var code = g.getAttribute("data-filter-code"), cat = g.getAttribute("data-filter-category");
    var file = g.getAttribute("data-filter-file"), range = g.getAttribute("data-range");
    if (code !== null) { setSelect("f-code", "code", code); }
    if (cat !== null) { setSelect("f-cat", "cat", cat); }
    if (file !== null) { setSelect("f-file", "file", String(FILES.indexOf(file))); }
    if (range !== null) { var r = range.split("-"); state.range = [Number(r[0]), Number(r[1])]; }
    apply();
    byId("segments").scrollIntoView();
  }
  var bars = document.querySelectorAll("svg g.row");
  for (var g = 0; g < bars.length; g++) {
    bars[g].addEventListener("click", function (ev) { chartClick(ev.currentTarget); });
    bars[g].addEventListener("keydown", function (ev) { if (ev.key === "Enter") { chartClick(ev.currentTarget); } });
  }

  body.addEventListener("click", function (ev) {  // a flag's link shows its spans
    var a = ev.target.closest ? ev.target.closest("a[data-k]") : null;
    if (!a) { return; }
    ev.preventDefault();
    var k = a.getAttribute("data-k"), tr = a.closest("tr").previousSibling;
    var old = body.querySelectorAll("mark.focus");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("focus"); }
    var marks = tr.querySelectorAll("mark");
    var first = null;
    for (var j = 0; j < marks.length; j++) {
      if (marks[j].getAttribute("data-f").indexOf(" " + k + " ") >= 0) {
        marks[j].classList.add("focus");
        if (!first) { first = marks[j]; }
      }
    }
    (first || tr).scrollIntoView({block: "center"});
  });

  var more = byId("more");
  if (more && "IntersectionObserver" in window) {
    var io = new IntersectionObserver(function (entries) {
      if (entries[0].isIntersecting && rendered < shown.length) {
        renderMore();
        io.unobserve(more);  // observed again: a fresh report if the end is still in view
        io.observe(more);
      }
    }, {rootMargin: "800px"});
    io.observe(more);
  } else if (more) {
    window.addEventListener("scroll", function () {
      if (rendered < shown.length && more.getBoundingClientRect().top < window.innerHeight + 800) { renderMore(); }
    });
  }
  // a link can carry filters: report.html#code=NUM003&sev=3,2&cat=...&file=N&q=text&range=0-100
  function fromHash() {
    var h = location.hash.replace(/^#/, "");
    if (!h || h.indexOf("=") < 0) { return; }
    var params = new URLSearchParams(h);
    if (params.has("sev")) {
      var on = params.get("sev").split(",");
      for (var j = 0; j < boxes.length; j++) {
        boxes[j].checked = on.indexOf(boxes[j].value) >= 0;
        state.sev[boxes[j].value] = boxes[j].checked;
      }
    }
    if (params.has("code")) { setSelect("f-code", "code", params.get("code")); }
    if (params.has("cat")) { setSelect("f-cat", "cat", params.get("cat")); }
    if (params.has("file")) { setSelect("f-file", "file", params.get("file")); }
    if (params.has("q")) { state.text = params.get("q").trim().toLowerCase(); if (search) { search.value = params.get("q"); } }
    if (params.has("range")) {
      var r = params.get("range").split("-");
      if (r.length === 2 && !isNaN(r[0]) && !isNaN(r[1])) { state.range = [Number(r[0]), Number(r[1])]; }
    }
  }
  fromHash();
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  apply();
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
  if (!loaded) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", loadParts); } else { loadParts(); }
  }
})();
