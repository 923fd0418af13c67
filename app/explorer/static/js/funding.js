// Who funds what: region and threat pickers (sub-regions included), sortable table, CSV of what is shown.
import { documentInfo, entitiesOfType, get } from "./api.js";
import { empty, errorBox, h, link, loading, show, fill } from "./dom.js";
import { documentHash } from "./evidence.js";
import { entityHash } from "./entity.js";

export const COLUMNS = [
  { key: "funder", label: "Funder" },
  { key: "recipient", label: "Funded" },
  { key: "regions", label: "Regions" },
  { key: "threats", label: "Threats" },
  { key: "evidence", label: "Evidence" },
  { key: "source_kind", label: "Source" },
];

// What a row rests on: report text, IATI activity data, or both (who_funds_what's source_kind).
export const SOURCE_KINDS = { report: "report", iati: "IATI data", both: "report + IATI" };

// The text of each cell, as shown and as written to the CSV.
export function cellText(row, key) {
  if (key === "regions" || key === "threats") return (row[key] || []).join("; ");
  if (key === "evidence") return (row.evidence || []).map((e) => e.quote).join(" | ");
  if (key === "source_kind") return SOURCE_KINDS[row.source_kind] || row.source_kind || "";
  return row[key] == null ? "" : String(row[key]);
}

function csvField(text) {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows) {
  const lines = [COLUMNS.map((c) => c.label), ...rows.map((r) => COLUMNS.map((c) => cellText(r, c.key)))];
  return lines.map((cells) => cells.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function evidenceCell(row) {
  return h("ul", { class: "quotes" }, (row.evidence || []).map((e) => {
    const a = link(documentHash(e.document), e.document, { class: "doc-link", dataset: { doc: e.document } });
    documentInfo(e.document).then((d) => { if (d.title) a.textContent = d.title; });
    return h("li", {}, h("q", {}, e.quote), " ", h("span", { class: "src" }, "(", a, e.rule ? `, ${e.rule}` : "", ")"));
  }));
}

// A sortable funding table; `state.rows` is always the shown order (the CSV writes exactly that).
export function fundingTable(rows, { caption = "Who funds what" } = {}) {
  const state = { rows: [...rows], key: null, dir: 1 };
  const tbody = h("tbody");
  const headers = COLUMNS.map((c) => h("th", { scope: "col", "aria-sort": "none" },
    c.key === "evidence" ? c.label : h("button", { type: "button", class: "sort", onclick: () => sortBy(c.key) }, c.label)));
  const table = h("table", { class: "funding", id: "funding-table" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers)), tbody);

  function render() {
    tbody.replaceChildren(...state.rows.map((r) => h("tr", {},
      h("td", { "data-label": "Funder" }, link(entityHash(r.funder_id), r.funder)),
      h("td", { "data-label": "Funded" }, link(entityHash(r.recipient_id), r.recipient)),
      h("td", { "data-label": "Regions" }, cellText(r, "regions")),
      h("td", { "data-label": "Threats" }, cellText(r, "threats")),
      h("td", { "data-label": "Evidence" }, evidenceCell(r)),
      h("td", { "data-label": "Source", class: `source-${r.source_kind || "report"}` }, cellText(r, "source_kind")))));
  }

  function sortBy(key) {
    state.dir = state.key === key ? -state.dir : 1;
    state.key = key;
    state.rows.sort((a, b) => state.dir * cellText(a, key).localeCompare(cellText(b, key)));
    COLUMNS.forEach((c, i) => headers[i].setAttribute("aria-sort",
      c.key === key ? (state.dir > 0 ? "ascending" : "descending") : "none"));
    render();
  }

  function download() {
    const blob = new Blob([toCsv(state.rows)], { type: "text/csv;charset=utf-8" });
    const a = h("a", { href: URL.createObjectURL(blob), download: "who-funds-what.csv" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  render();
  const button = h("button", { type: "button", id: "csv-download", onclick: download }, "Download CSV (as shown)");
  return { element: h("div", { class: "table-wrap" }, table), table, button, state };
}

function picker(id, label, items, value) {
  const select = h("select", { id, name: id },
    h("option", { value: "" }, "any"),
    items.map((e) => h("option", { value: e.name, selected: e.name === value }, e.name)));
  return { select, element: h("div", { class: "field" }, h("label", { for: id }, label), select) };
}

export async function fundingView(_parts, params) {
  const region = params.get("region") || "";
  const threat = params.get("threat") || "";
  show(h("h1", {}, "Who funds what"), loading());
  let regions;
  let threats;
  try {
    [regions, threats] = await Promise.all([entitiesOfType("Region"), entitiesOfType("Threat")]);
  } catch (err) {
    show(h("h1", {}, "Who funds what"), errorBox(err));
    return;
  }
  const rp = picker("region", "Region (sub-regions included)", regions, region);
  const tp = picker("threat", "Threat", threats, threat);
  const form = h("form", { class: "pickers", onsubmit: (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (rp.select.value) q.set("region", rp.select.value);
    if (tp.select.value) q.set("threat", tp.select.value);
    location.hash = "#/funding" + (q.toString() ? "?" + q : "");
  } }, rp.element, tp.element, h("button", { type: "submit" }, "Show"));
  const results = h("section", { id: "funding-results", "aria-live": "polite" }, loading());
  show(h("h1", {}, "Who funds what"), form, results);
  try {
    const answer = await get("/funding", { region, threat, limit: 500 });
    const where = [region && `in ${region}`, threat && `against ${threat}`].filter(Boolean).join(" ");
    if (!answer.rows.length) {
      fill(results, empty(`No funding found${where ? " " + where : ""}.`));
    } else {
      const table = fundingTable(answer.rows, { caption: `Who funds what${where ? " " + where : ""} (${answer.count})` });
      fill(results, h("p", { class: "actions" }, table.button,
        region ? [" ", link(`#/brief/region/${encodeURIComponent(region)}`, "Printable brief for " + region)] : null),
      table.element);
    }
  } catch (err) {
    fill(results, errorBox(err));
  }
  document.getElementById("view").dataset.rendered = "funding";
}
