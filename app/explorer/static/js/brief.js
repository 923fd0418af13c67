// A brief to print (entity or region): the neighbourhood picture, the funding table and the facts,
// each quote with a numbered citation to its document; the print stylesheet drops the controls.
import { documentInfo, entityPath, get, runQuery } from "./api.js";
import { empty, errorBox, h, loading, show, typeBadge } from "./dom.js";
import { evidenceRows } from "./evidence.js";
import { drawNeighbourhood, EDGE_STYLES, legend, TYPE_COLOURS } from "./graph.js";

class Citations {
  constructor() {
    this.order = new Map();
  }
  cite(docId) {
    if (!this.order.has(docId)) this.order.set(docId, this.order.size + 1);
    return h("sup", { class: "cite-no" }, `[${this.order.get(docId)}]`);
  }
  async list() {
    const docs = await Promise.all([...this.order.keys()].map(documentInfo));
    return h("ol", { class: "references", id: "references" }, docs.map((d) => h("li", {},
      d.title || d.id, d.date ? `, ${d.date}` : "", d.url ? `, ${d.url}` : "", " ", h("code", {}, d.id))));
  }
}

function fundingRowsTable(rows, cites) {
  return h("table", { class: "funding" }, h("thead", {}, h("tr", {}, ["Funder", "Funded", "Regions", "Evidence"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, h("td", {}, r.funder), h("td", {}, r.recipient), h("td", {}, (r.regions || []).join("; ")),
      h("td", {}, (r.evidence || []).map((e) => h("p", {}, h("q", {}, e.quote), cites.cite(e.document))))))));
}

async function picture(ref) {
  const graph = await get(entityPath(ref) + "/graph", { depth: 1, max_nodes: 60 });
  const canvas = h("div", { class: "graph brief-graph", role: "img", "aria-label": "Neighbourhood" });
  const types = [...new Set(graph.nodes.map((n) => n.type))].filter((t) => TYPE_COLOURS[t]);
  const relTypes = [...new Set(graph.edges.map((e) => e.type))].filter((t) => EDGE_STYLES[t]);
  return { graph, canvas, element: h("figure", {}, canvas, legend(types, relTypes),
    h("figcaption", {}, `${graph.nodes.length - 1} neighbours drawn${graph.more ? `, ${graph.more} more not drawn` : ""}`)) };
}

export async function briefView([kind, ref]) {
  show(h("h1", {}, "Brief"), loading());
  try {
    const profile = await get(entityPath(ref));
    const cites = new Citations();
    const pic = await picture(profile.id);
    const funding = kind === "region"
      ? (await get("/funding", { region: profile.id, limit: 500 })).rows
      : (await get("/funding", { limit: 500 })).rows.filter((r) => r.funder_id === profile.id || r.recipient_id === profile.id);
    const neighbours = pic.graph.nodes.filter((n) => n.hops === 1);
    const facts = (await Promise.all(neighbours.map((n) => evidenceRows(profile.id, n.id, null)))).flat();
    const names = Object.fromEntries(pic.graph.nodes.map((n) => [n.id, n.name]));
    const factsByKey = new Map();
    for (const f of facts) {
      const key = `${f.source_id}|${f.type}|${f.target_id}`;
      if (!factsByKey.has(key)) factsByKey.set(key, []);
      factsByKey.get(key).push(f);
    }
    const fundingSection = funding.length ? fundingRowsTable(funding, cites) : empty("No funding recorded.");
    const factList = h("ol", { class: "brief-facts" }, [...factsByKey.values()].map((rows) => h("li", {},
      h("strong", {}, `${names[rows[0].source_id] || rows[0].source_id} ${rows[0].type} ${names[rows[0].target_id] || rows[0].target_id}`),
      rows.map((r) => h("p", {}, h("q", {}, r.quote), cites.cite(r.document))))));
    const projects = kind === "region" ? (await runQuery("projects_in_region", { region: profile.id })).rows : [];
    show(
      h("p", { class: "no-print actions" }, h("button", { type: "button", onclick: () => window.print() }, "Print or save as PDF")),
      h("h1", {}, `Brief: ${profile.name}`, " ", typeBadge(profile.type)),
      h("p", { class: "meta" }, `Sahel Nexus Graph, ${new Date().toISOString().slice(0, 10)}. ` +
        `${profile.documents.length} source documents. Aliases: ${(profile.aliases || []).join(", ") || "none"}.`),
      h("h2", {}, "Neighbourhood"), pic.element,
      h("h2", {}, kind === "region" ? `Who funds what in ${profile.name} (sub-regions included)` : "Funding"), fundingSection,
      kind === "region" ? [h("h2", {}, "Projects"), projects.length
        ? h("ul", {}, projects.map((p) => h("li", {}, p.project, p.places.length ? ` (${p.places.join(", ")})` : "",
          p.implementers.length ? ` - implemented by ${p.implementers.join(", ")}` : "")))
        : empty("No project recorded.")] : null,
      h("h2", {}, "Facts and their sources"), factsByKey.size ? factList : empty("No facts."),
      h("h2", {}, "References"), await cites.list(),
    );
    await drawNeighbourhood(pic.canvas, pic.graph, {});
  } catch (err) {
    show(h("h1", {}, "Brief"), errorBox(err));
  }
  document.getElementById("view").dataset.rendered = "brief";
}
