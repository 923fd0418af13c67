// "Who funds what" per region, from the Sahel Nexus Graph API on another origin.
//
// Query string: ?api=http://127.0.0.1:8000 (the API's base URL), &region=Mali, &every=60 (seconds between
// refreshes). The API must list this page's origin in NEXUS_CORS_ORIGINS (or '*': reads only).
// Each refresh sends If-None-Match with the last ETag: while nothing was written to the graph, the
// API answers 304 without running the query, and the page keeps what it drew.
"use strict";

const params = new URLSearchParams(location.search);
const API = (params.get("api") || "http://127.0.0.1:8000").replace(/\/$/, "");
const EVERY_S = Math.max(1, Number(params.get("every") || 60));
const SVG = "http://www.w3.org/2000/svg";

const state = {
  region: params.get("region") || "Mali",
  etag: null,          // ETag of the rows on screen
  rows: [],            // the /funding rows on screen
  chart: [],           // [{funder, funder_id, recipients}] as drawn
  refreshes: [],       // [{status, rows, at}] one per refresh
  timer: null,
};
window.dashboard = state;

function el(tag, attrs = {}, text = null, ns = null) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function setStatus(text, error = false) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.classList.toggle("error", error);
}

async function getJSON(path, etag = null) {
  const headers = { Accept: "application/json" };
  if (etag) headers["If-None-Match"] = etag;
  // no-store: the page keeps the ETag itself, so a 304 reaches it as a 304
  const resp = await fetch(API + path, { headers, cache: "no-store", mode: "cors" });
  if (resp.status === 304) return { status: 304, etag, body: null };
  if (!resp.ok) {
    let detail = resp.statusText;
    try { detail = (await resp.json()).detail || detail; } catch (_) { /* not JSON */ }
    throw new Error(`${resp.status} ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return { status: resp.status, etag: resp.headers.get("ETag"), body: await resp.json() };
}

// One bar per funder: how many distinct recipients it funds in the region (from the rows, nothing else).
function chartData(rows) {
  const byFunder = new Map();
  for (const r of rows) {
    const entry = byFunder.get(r.funder_id) || { funder: r.funder, funder_id: r.funder_id, recipients: new Set() };
    entry.recipients.add(r.recipient_id);
    byFunder.set(r.funder_id, entry);
  }
  return [...byFunder.values()]
    .map(e => ({ funder: e.funder, funder_id: e.funder_id, recipients: e.recipients.size }))
    .sort((a, b) => b.recipients - a.recipients || a.funder.localeCompare(b.funder));
}

function drawChart(data) {
  const svg = document.getElementById("chart");
  svg.replaceChildren();
  const bar = 22, gap = 6, label = 260, width = 900;
  const max = Math.max(1, ...data.map(d => d.recipients));
  svg.setAttribute("viewBox", `0 0 ${width} ${Math.max(1, data.length) * (bar + gap)}`);
  data.forEach((d, i) => {
    const y = i * (bar + gap);
    const g = el("g", { "data-funder-id": d.funder_id, "data-recipients": d.recipients }, null, SVG);
    g.append(el("text", { x: label - 8, y: y + bar * 0.7, "text-anchor": "end" }, d.funder, SVG));
    const w = ((width - label - 40) * d.recipients) / max;
    const rect = el("rect", { x: label, y, width: w, height: bar }, null, SVG);
    rect.append(el("title", {}, `${d.funder}: ${d.recipients} recipient(s)`, SVG));
    g.append(rect);
    g.append(el("text", { x: label + w + 6, y: y + bar * 0.7 }, String(d.recipients), SVG));
    svg.append(g);
  });
  state.chart = data;
}

function drawTable(rows) {
  const body = document.querySelector("#rows tbody");
  body.replaceChildren(...rows.map(r => {
    const tr = el("tr", { "data-funder-id": r.funder_id, "data-recipient-id": r.recipient_id });
    for (const v of [r.funder, r.recipient, r.recipient_type, (r.threats || []).join(", "),
                     (r.documents || []).join(", ")]) tr.append(el("td", {}, v ?? ""));
    return tr;
  }));
}

async function refresh() {
  const path = `/funding?region=${encodeURIComponent(state.region)}&limit=500`;
  try {
    const answer = await getJSON(path, state.etag);
    if (answer.status === 200) {
      state.rows = answer.body.rows;
      state.etag = answer.etag;
      drawChart(chartData(state.rows));
      drawTable(state.rows);
    }
    state.refreshes.push({ status: answer.status, rows: state.rows.length, at: new Date().toISOString() });
    document.body.dataset.refreshes = String(state.refreshes.length);
    document.body.dataset.lastStatus = String(answer.status);
    setStatus(`${answer.status === 304 ? "unchanged (304)" : "updated"} at ${new Date().toLocaleTimeString()}; ` +
              `${state.rows.length} row(s); next refresh in ${EVERY_S} s`);
  } catch (err) {
    document.body.dataset.lastStatus = "error";
    setStatus(`could not read ${API}${path}: ${err.message}`, true);
  }
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(async () => { await refresh(); schedule(); }, EVERY_S * 1000);
}

async function start() {
  document.getElementById("api-link").href = API + "/docs";
  const select = document.getElementById("region");
  try {
    const regions = (await getJSON("/entities?type=Region&limit=500")).body.items;
    for (const r of regions) select.append(el("option", { value: r.name }, r.name));
  } catch (err) {
    setStatus(`could not list the regions at ${API}: ${err.message}`, true);
  }
  if (![...select.options].some(o => o.value === state.region)) select.append(el("option", {}, state.region));
  select.value = state.region;
  document.getElementById("region-name").textContent = state.region;
  select.addEventListener("change", async () => {
    state.region = select.value;
    state.etag = null;
    document.getElementById("region-name").textContent = state.region;
    await refresh();
    schedule();
  });
  document.getElementById("refresh").addEventListener("click", async () => { await refresh(); schedule(); });
  await refresh();
  schedule();
}

start();
