// Attaché event store viewer: plain DOM and SVG, no libraries, nothing loaded from elsewhere.
"use strict";

const QUAD = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const QCOL = ["#999", "#3f9d6b", "#2f7fc1", "#e0a02f", "#d2455a"];
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 40;

const state = { filter: {}, offset: 0, order: "mentions", total: 0, event: null, doc: null };

// ---------- small helpers ----------

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return el;
}

function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined) continue;
    el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return el;
}

function query(extra) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...state.filter, ...(extra || {}) })) {
    if (v !== "" && v !== null && v !== undefined) p.set(k, v);
  }
  return p.toString();
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

const fmt = (n) => Number(n || 0).toLocaleString("en-US");

function tip(el, text) {
  el.addEventListener("mousemove", (e) => {
    const t = document.getElementById("tip");
    t.textContent = text;
    t.style.display = "block";
    t.style.left = e.clientX + 12 + "px";
    t.style.top = e.clientY + 12 + "px";
  });
  el.addEventListener("mouseleave", () => {
    document.getElementById("tip").style.display = "none";
  });
}

function dominant(quad) {
  let best = 0;
  for (let i = 1; i < 4; i++) if (quad[i] > quad[best]) best = i;
  return best + 1;
}

function sideText(keys, side) {
  if (side && side.name) return side.name;
  return keys && keys.length ? keys.join(" + ") : "?";
}

function dyadText(e) {
  if (e.symmetric) return (e.actors.length ? e.actors.join(" & ") : "?") + " (together)";
  const a = e.actors.length ? e.actors.join("+") : "?";
  const r = e.recipients.length ? e.recipients.join("+") : "—";
  return a + " → " + r;
}

function showError(where, err) {
  const el = document.getElementById(where);
  el.replaceChildren(h("p", { class: "empty" }, "Could not load: " + err.message));
}

// ---------- totals ----------

async function loadTotals() {
  const st = await api("/api/stats?" + query({ top: 1 }));
  const t = st.totals;
  const cell = (n, label) => h("div", {}, h("b", {}, fmt(n)), h("span", {}, label));
  document.getElementById("totals").replaceChildren(
    cell(t.documents, "documents"),
    cell(t.duplicates, "near-duplicates"),
    cell(t.mentions, "mentions"),
    cell(t.events, "events"),
  );
}

// ---------- timeline ----------

function dayNum(d) {
  return Math.round(Date.parse(d + "T00:00:00Z") / 86400000);
}
function dayStr(n) {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}

async function loadTimeline() {
  const el = document.getElementById("timeline");
  const days = await api("/api/timeline?" + query());
  el.replaceChildren();
  if (!days.length) {
    el.append(h("p", { class: "empty" }, "No dated events."));
    return;
  }
  // Keep the days holding 95% of the events: stray dates ("in May 1948") would flatten the chart.
  const total = days.reduce((a, d) => a + d.total, 0);
  let acc = 0, lo = days[0].day, hi = days[days.length - 1].day;
  for (const d of days) { acc += d.total; if (acc > total * 0.025) { lo = d.day; break; } }
  acc = 0;
  for (let i = days.length - 1; i >= 0; i--) { acc += days[i].total; if (acc > total * 0.025) { hi = days[i].day; break; } }
  let lo0 = dayNum(lo), hi0 = dayNum(hi);
  if (hi0 - lo0 < 20) {
    // A few days only: show three weeks around them.
    const pad = Math.floor((20 - (hi0 - lo0)) / 2);
    lo0 -= pad;
    hi0 += pad;
  }
  const span = hi0 - lo0 + 1;
  const bin = span > 400 ? 30 : span > 160 ? 7 : 1;
  document.getElementById("timeline-title").textContent =
    "Events per " + (bin === 1 ? "day" : bin === 7 ? "week" : "month");
  const bins = new Map();
  let outside = 0;
  for (const d of days) {
    const n = dayNum(d.day);
    if (n < lo0 || n > hi0) { outside += d.total; continue; }
    const b = lo0 + Math.floor((n - lo0) / bin) * bin;
    const cur = bins.get(b) || [0, 0, 0, 0];
    for (let q = 0; q < 4; q++) cur[q] += d.quad[q];
    bins.set(b, cur);
  }
  const W = el.clientWidth || 1300, H = el.clientHeight || 140;
  const m = { l: 34, r: 8, t: 6, b: 20 };
  const nb = Math.floor((hi0 - lo0) / bin) + 1;
  const bw = (W - m.l - m.r) / nb;
  let max = 1;
  for (const v of bins.values()) max = Math.max(max, v[0] + v[1] + v[2] + v[3]);
  const y = (v) => H - m.b - (v / max) * (H - m.t - m.b);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  const axis = s("g", { class: "axis" });
  for (const f of [0, 0.5, 1]) {
    const v = Math.round(max * f);
    axis.append(s("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
    axis.append(s("text", { x: m.l - 5, y: y(v) + 3, "text-anchor": "end" }, fmt(v)));
  }
  // Month ticks.
  let lastLabel = -1e9;
  for (let n = lo0; n <= hi0; n++) {
    const d = dayStr(n);
    if (d.endsWith("-01") || n === lo0) {
      const x = m.l + ((n - lo0) / bin) * bw;
      if (x - lastLabel < 46) continue;
      lastLabel = x;
      axis.append(s("line", { x1: x, x2: x, y1: H - m.b, y2: H - m.b + 4 }));
      const label = new Date(n * 86400000).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
      axis.append(s("text", { x: x + 2, y: H - 5 }, label));
    }
  }
  svg.append(axis);
  for (const [b, v] of [...bins.entries()].sort((a, c) => a[0] - c[0])) {
    const x = m.l + ((b - lo0) / bin) * bw;
    let base = 0;
    const g = s("g", { class: "bar" });
    for (let q = 0; q < 4; q++) {
      if (!v[q]) continue;
      g.append(s("rect", {
        x: x + bw * 0.08, width: Math.max(bw * 0.84, 1), y: y(base + v[q]),
        height: Math.max(y(base) - y(base + v[q]), 0.5), fill: QCOL[q + 1],
      }));
      base += v[q];
    }
    const label = bin === 1 ? dayStr(b) : dayStr(b) + " – " + dayStr(b + bin - 1);
    tip(g, `${label}: ${fmt(base)} events · ${v.map((n, q) => `${QUAD[q + 1]} ${n}`).join(" · ")}`);
    g.addEventListener("click", () => {
      setFilter({ from: dayStr(b), to: dayStr(b + bin - 1) });
    });
    svg.append(g);
  }
  if (outside) {
    svg.append(s("text", { x: W - m.r, y: m.t + 9, "text-anchor": "end", class: "axis", fill: "#6b7385", "font-size": 10 },
      `${fmt(outside)} events dated outside ${lo} – ${hi}`));
  }
  el.append(svg);
}

// ---------- network ----------

async function loadNetwork() {
  const el = document.getElementById("network");
  const net = await api("/api/network?" + query({ limit: 45 }));
  el.replaceChildren();
  if (!net.nodes.length) {
    el.append(h("p", { class: "empty" }, "No actor pairs."));
    return;
  }
  const W = el.clientWidth || 600, H = el.clientHeight || 280;
  const nodes = net.nodes.slice().sort((a, b) => b.events - a.events);
  const idx = new Map(nodes.map((n, i) => [n.id, i]));
  // Deterministic start on a circle, then a Fruchterman–Reingold layout.
  const N = nodes.length;
  const pos = nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / N, r = i === 0 ? 0 : 0.35 + 0.15 * (i % 3);
    return { x: W / 2 + Math.cos(a) * r * W * 0.5, y: H / 2 + Math.sin(a) * r * H * 0.5 };
  });
  const edges = net.edges.filter((e) => idx.has(e.source) && idx.has(e.target));
  const k = Math.sqrt((W * H) / Math.max(N, 1)) * 0.62;
  let temp = W / 8;
  for (let it = 0; it < 320; it++) {
    const d = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < N; i++) {
      for (let j = i + 1; j < N; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        let dist = Math.hypot(dx, dy) || 0.01;
        const f = (k * k) / dist;
        d[i].x += (dx / dist) * f; d[i].y += (dy / dist) * f;
        d[j].x -= (dx / dist) * f; d[j].y -= (dy / dist) * f;
      }
    }
    for (const e of edges) {
      const i = idx.get(e.source), j = idx.get(e.target);
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      let dist = Math.hypot(dx, dy) || 0.01;
      const f = ((dist * dist) / k) * (0.6 + Math.log1p(e.weight) * 0.15);
      d[i].x -= (dx / dist) * f; d[i].y -= (dy / dist) * f;
      d[j].x += (dx / dist) * f; d[j].y += (dy / dist) * f;
    }
    for (let i = 0; i < N; i++) {
      // Gravity keeps loose nodes in view.
      d[i].x += (W / 2 - pos[i].x) * 0.14 * k / 40;
      d[i].y += (H / 2 - pos[i].y) * 0.2 * k / 40;
      const len = Math.hypot(d[i].x, d[i].y) || 1;
      pos[i].x += (d[i].x / len) * Math.min(len, temp);
      pos[i].y += (d[i].y / len) * Math.min(len, temp);
      pos[i].x = Math.min(W - 30, Math.max(30, pos[i].x));
      pos[i].y = Math.min(H - 14, Math.max(30, pos[i].y));
    }
    temp = Math.max(temp * 0.975, 0.5);
  }
  const maxW = Math.max(...edges.map((e) => e.weight), 1);
  const maxN = Math.max(...nodes.map((n) => n.events), 1);
  const radius = (n) => 5 + 13 * Math.sqrt(n.events / maxN);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}` });
  const defs = s("defs");
  for (let q = 1; q <= 4; q++) {
    defs.append(s("marker", { id: "arrow" + q, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" },
      s("path", { d: "M0,0 L10,5 L0,10 z", fill: QCOL[q] })));
  }
  svg.append(defs);
  for (const e of edges.slice().sort((a, b) => a.weight - b.weight)) {
    const a = pos[idx.get(e.source)], b = pos[idx.get(e.target)];
    const q = dominant(e.quad);
    const rb = radius(nodes[idx.get(e.target)]);
    const dx = b.x - a.x, dy = b.y - a.y, dist = Math.hypot(dx, dy) || 1;
    // Curve directed edges slightly so A→B and B→A do not overlap.
    const bend = e.symmetric ? 0 : 0.12;
    const mx = (a.x + b.x) / 2 - dy * bend, my = (a.y + b.y) / 2 + dx * bend;
    const ex = b.x - (dx / dist) * (rb + 2), ey = b.y - (dy / dist) * (rb + 2);
    const path = s("path", {
      d: `M${a.x},${a.y} Q${mx},${my} ${e.symmetric ? b.x : ex},${e.symmetric ? b.y : ey}`,
      fill: "none", stroke: QCOL[q], "stroke-opacity": 0.55,
      "stroke-width": 0.8 + 5 * Math.sqrt(e.weight / maxW),
      "marker-end": e.symmetric ? null : `url(#arrow${q})`,
    });
    tip(path, `${e.source} ${e.symmetric ? "&" : "→"} ${e.target}: ${fmt(e.weight)} events (${QUAD[q]} mostly)`);
    svg.append(path);
  }
  for (const n of nodes) {
    const p = pos[idx.get(n.id)];
    const c = s("circle", { cx: p.x, cy: p.y, r: radius(n), fill: "#5b7bd5", class: "net-node" });
    tip(c, `${n.name || n.id} (${n.id}): ${fmt(n.events)} events — click to filter`);
    c.addEventListener("click", () => setFilter({ actor: n.id }));
    svg.append(c);
    svg.append(s("text", { x: p.x, y: p.y - radius(n) - 3, "text-anchor": "middle", class: "net-label" }, n.id));
  }
  el.append(svg);
}

// ---------- map ----------

let basemap = null;

async function loadMap() {
  const el = document.getElementById("map");
  if (!basemap) basemap = await api("/api/basemap").catch(() => ({ dots: [], step: 1.5 }));
  const points = await api("/api/map?" + query({ limit: 1500 }));
  el.replaceChildren();
  // Equirectangular: x = lon + 180, y = 90 - lat; latitudes 84°N to 58°S shown.
  const svg = s("svg", { viewBox: "0 6 360 142", preserveAspectRatio: "xMidYMid meet" });
  svg.append(s("rect", { x: 0, y: 6, width: 360, height: 142, fill: "#eef3f9" }));
  const grid = s("g", { stroke: "#dde5ef", "stroke-width": 0.3 });
  for (let lon = -150; lon <= 150; lon += 30) grid.append(s("line", { x1: lon + 180, x2: lon + 180, y1: 6, y2: 148 }));
  for (let lat = -60; lat <= 80; lat += 20) grid.append(s("line", { x1: 0, x2: 360, y1: 90 - lat, y2: 90 - lat }));
  svg.append(grid);
  const land = s("g", { fill: "#c9d2de" });
  const r = (basemap.step || 1.5) * 0.36;
  for (const [lon, lat] of basemap.dots) land.append(s("circle", { cx: lon + 180, cy: 90 - lat, r }));
  svg.append(land);
  const max = Math.max(1, ...points.map((p) => p.events));
  let shown = 0;
  const layer = s("g");
  for (const p of points.slice().sort((a, b) => b.events - a.events)) {
    const q = dominant(p.quad);
    const c = s("circle", {
      cx: p.lon + 180, cy: 90 - p.lat, r: 0.9 + 5.5 * Math.sqrt(p.events / max),
      fill: QCOL[q], "fill-opacity": 0.72, class: "map-point",
    });
    tip(c, `${p.name}${p.country ? ", " + p.country : ""}: ${fmt(p.events)} events — click to filter`);
    c.addEventListener("click", () => setFilter({ place: p.name }));
    layer.append(c);
    shown += p.events;
  }
  svg.append(layer);
  el.append(svg);
  document.getElementById("map-hint").textContent = `${fmt(shown)} located events at ${fmt(points.length)} places`;
}

// ---------- events list ----------

async function loadEvents() {
  const body = document.querySelector("#events tbody");
  const res = await api("/api/events?" + query({ limit: PAGE, offset: state.offset, order: state.order }));
  state.total = res.total;
  body.replaceChildren();
  for (const e of res.items) {
    const tr = h("tr", { "data-id": e.id, class: state.event === e.id ? "selected" : null, onclick: () => openEvent(e.id) },
      h("td", { class: "date" }, e.date || "—"),
      h("td", { class: "ev", title: e.cameo_name || "" }, h("span", { class: "dot q" + e.quad_class }), h("span", { class: "code" }, e.cameo), shortName(e.cameo_name || e.plover || "")),
      h("td", { class: "dyad", title: dyadText(e) }, dyadText(e)),
      h("td", { title: e.place ? [e.place.name, e.place.country].filter(Boolean).join(", ") : "" }, e.place ? e.place.name : "—"),
      h("td", { class: "num" }, e.num_mentions),
      h("td", { class: "num" }, e.num_articles),
      h("td", { class: "num" }, e.num_sources));
    body.append(tr);
  }
  const last = Math.min(state.offset + PAGE, state.total);
  document.getElementById("events-count").textContent = `${fmt(state.total)} events`;
  document.getElementById("page").textContent = state.total ? `${fmt(state.offset + 1)}–${fmt(last)} of ${fmt(state.total)}` : "no events";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= state.total;
  return res.items;
}

function shortName(n) {
  n = n.replace(/, not specified below/i, "");
  return n.length > 42 ? n.slice(0, 41) + "…" : n;
}

// ---------- event and article view ----------

async function openEvent(id) {
  state.event = id;
  for (const tr of document.querySelectorAll("#events tbody tr")) {
    tr.classList.toggle("selected", Number(tr.dataset.id) === id);
  }
  const ev = await api("/api/events/" + id);
  const info = document.getElementById("event-info");
  const docs = [];
  for (const m of ev.mentions) if (!docs.some((d) => d.id === m.doc_id)) docs.push({ id: m.doc_id, title: m.doc_title, copy: !!m.duplicate_of });
  const tabs = h("div", { class: "doc-tabs" }, docs.map((d) =>
    h("button", { class: (d.copy ? "copy" : "") + (d.id === state.doc ? " on" : ""), "data-doc": d.id, title: d.copy ? "near-duplicate of an earlier article" : "", onclick: () => openDoc(d.id) },
      (d.title || d.id).slice(0, 38))));
  info.replaceChildren(h("div", { class: "event-box" },
    h("div", { class: "title" },
      h("span", { class: "dot q" + ev.quad_class }),
      `#${ev.id} ${shortName(ev.cameo_name || ev.cameo)} — ${dyadText(ev)}`,
      h("span", { class: "status-tag" }, ev.status)),
    h("div", { class: "counts" },
      h("span", {}, h("b", {}, ev.date || "?"), ev.date_lo && ev.date_hi && ev.date_lo !== ev.date_hi ? ` (${ev.date_lo} – ${ev.date_hi})` : ""),
      h("span", {}, h("b", {}, ev.num_mentions), " mentions"),
      h("span", {}, h("b", {}, ev.num_articles), " articles"),
      h("span", {}, h("b", {}, ev.num_sources), " sources"),
      ev.place ? h("span", {}, "at ", h("b", {}, ev.place.name)) : null,
      ev.attributions.length ? h("span", { title: ev.attributions.join("; ") }, "per ", h("b", {},
        ev.attributions.slice(0, 3).join(", ") + (ev.attributions.length > 3 ? ` +${ev.attributions.length - 3}` : ""))) : null),
    tabs));
  if (docs.length) await openDoc(docs[0].id);
}

function marks(text, d) {
  // Character flags → runs of equal flags → <mark> elements. Offsets are Unicode characters.
  const chars = Array.from(text);
  const n = chars.length;
  const flags = new Array(n).fill(0);
  const tips = new Array(n).fill(null);
  const put = (a, b, bit, t) => {
    for (let i = Math.max(0, a); i < Math.min(n, b); i++) { flags[i] |= bit; tips[i] = tips[i] ? tips[i] + " · " + t : t; }
  };
  for (const a of d.layers.actors) put(a.start, a.end, 1, `actor ${a.label}${a.detail ? " (" + a.detail + ")" : ""}`);
  for (const t of d.layers.times) put(t.start, t.end, 2, `time ${t.label}`);
  for (const p of d.layers.places) put(p.start, p.end, 4, `place ${p.label}${p.detail ? ", " + p.detail : ""}`);
  for (const m of d.mentions) put(m.record.trigger.start, m.record.trigger.end, 8, `trigger ${m.record.cameo}`);
  return { chars, flags, tips };
}

function renderRange(mk, a, b) {
  const out = [];
  let i = a;
  while (i < b) {
    let j = i + 1;
    while (j < b && mk.flags[j] === mk.flags[i] && mk.tips[j] === mk.tips[i]) j++;
    const t = mk.chars.slice(i, j).join("");
    const f = mk.flags[i];
    if (!f) out.push(t);
    else {
      const cls = f & 8 ? "trigger" : f & 1 ? "actor" : f & 4 ? "place" : "time";
      out.push(h("mark", { class: cls, title: mk.tips[i] }, t));
    }
    i = j;
  }
  return out;
}

async function openDoc(id) {
  state.doc = id;
  for (const b of document.querySelectorAll(".doc-tabs button")) b.classList.toggle("on", b.dataset.doc === id);
  const d = await api("/api/documents/" + encodeURIComponent(id));
  document.getElementById("article-title").textContent = d.title || d.id;
  const meta = [d.source, d.date, d.id].filter(Boolean).join(" · ");
  document.getElementById("article-meta").textContent =
    meta + (d.duplicate_of ? ` · copy of ${d.duplicate_of}` : "") + (d.copies.length ? ` · ${d.copies.length} copies` : "");
  const mk = marks(d.text, d);
  const el = document.getElementById("article");
  const keys = h("div", { class: "keys" }, h("mark", { class: "actor" }, "actor"), h("mark", { class: "trigger" }, "trigger"),
    h("mark", { class: "time" }, "time"), h("mark", { class: "place" }, "place"));
  const rows = [keys];
  const sentences = d.layers.sentences.length ? d.layers.sentences : [[0, mk.chars.length]];
  sentences.forEach(([a, b], si) => {
    const evs = d.mentions.filter((m) => m.record.sentence === si);
    const chips = evs.map((m) => {
      const r = m.record;
      const who = (r.actor.map((x) => x.code).join("+") || "?") + " → " + (r.recipient.map((x) => x.code).join("+") || "—");
      return h("div", { class: "chip q" + r.quad_class + (m.event_id === state.event ? " focus" : ""), "data-event": m.event_id, title: `event #${m.event_id}: ${r.status}${r.date.value ? ", " + r.date.value : ""}${r.location ? ", " + r.location.name : ""}`, onclick: () => openEvent(m.event_id) },
        h("span", { class: "code" }, r.cameo), r.trigger.text, " ", h("span", { class: "who" }, who),
        r.status !== "occurred" ? h("span", { class: "status-tag" }, r.status) : null);
    });
    rows.push(h("div", { class: "sent" + (evs.length ? " has-events" : "") + (si === 0 && d.title == null ? "" : "") },
      h("div", { class: "text" }, renderRange(mk, a, b)), h("div", { class: "chips" }, chips)));
  });
  el.replaceChildren(...rows);
  // Bring the selected event's sentence into view.
  const focus = el.querySelector(".chip.focus");
  el.scrollTop = focus ? Math.max(0, focus.parentElement.parentElement.offsetTop - el.offsetTop - 60) : 0;
}

// ---------- filters ----------

function readForm() {
  const f = {};
  for (const el of document.getElementById("filters").elements) {
    if (el.name && el.value.trim()) f[el.name] = el.value.trim();
  }
  return f;
}

function writeForm() {
  for (const el of document.getElementById("filters").elements) {
    if (el.name) el.value = state.filter[el.name] || "";
  }
}

function setFilter(extra) {
  state.filter = { ...readForm(), ...extra };
  state.offset = 0;
  writeForm();
  refresh();
}

async function refresh() {
  const tasks = [
    loadTotals().catch((e) => console.error(e)),
    loadTimeline().catch((e) => showError("timeline", e)),
    loadNetwork().catch((e) => showError("network", e)),
    loadMap().catch((e) => showError("map", e)),
  ];
  const items = await loadEvents().catch((e) => { showError("article", e); return []; });
  await Promise.all(tasks);
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("doc") && !state.doc) {
    await openDoc(hash.get("doc")).catch((e) => showError("article", e));
  } else if (hash.get("event") && !state.event) {
    await openEvent(Number(hash.get("event"))).catch((e) => showError("article", e));
  } else if (items.length && !items.some((e) => e.id === state.event)) {
    await openEvent(items[0].id).catch((e) => showError("article", e));
  }
  document.body.dataset.ready = "1";
}

document.getElementById("filters").addEventListener("submit", (e) => { e.preventDefault(); setFilter({}); });
document.getElementById("reset").addEventListener("click", () => { state.filter = {}; state.offset = 0; writeForm(); refresh(); });
document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
document.getElementById("order").addEventListener("change", (e) => { state.order = e.target.value; state.offset = 0; loadEvents(); });
document.body.append(h("div", { id: "tip", class: "tip" }));
refresh();
