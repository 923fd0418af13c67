// Entity view: profile, neighbourhood graph (depth 1-2, capped), legend, evidence panel on edge click.
import { documentInfo, entityPath, get } from "./api.js";
import { empty, errorBox, h, link, loading, show, typeBadge } from "./dom.js";
import { openEvidencePanel } from "./evidence.js";
import { drawNeighbourhood, EDGE_STYLES, legend, TYPE_COLOURS } from "./graph.js";

export const timings = (window.__explorerTimings = window.__explorerTimings || {});

export function entityHash(id, extra = "") {
  return `#/entity/${encodeURIComponent(id)}${extra}`;
}

export async function entityView([id], params) {
  const started = performance.now();
  const depth = params.get("depth") === "2" ? 2 : 1;
  const cap = Math.min(Math.max(parseInt(params.get("max") || "100", 10) || 100, 1), 200); // nodes drawn at most
  show(loading());
  let profile;
  let graph;
  try {
    [profile, graph] = await Promise.all([
      get(entityPath(id)), get(entityPath(id) + "/graph", { depth, max_nodes: cap })]);
  } catch (err) {
    show(h("h1", {}, "Entity"), errorBox(err));
    return;
  }
  const names = Object.fromEntries(graph.nodes.map((n) => [n.id, n.name]));
  const panel = h("aside", { id: "evidence-panel", class: "panel", tabindex: "-1", "aria-labelledby": "evidence-title",
    hidden: true });
  const canvas = h("div", { id: "graph", class: "graph", role: "img",
    "aria-label": `Neighbourhood of ${profile.name}: ${graph.nodes.length - 1} entities drawn` });
  const onEdge = (edge) => openEvidencePanel(panel, edge, names);
  const depthPicker = h("label", { for: "depth" }, "Depth ");
  const depthSelect = h("select", { id: "depth", onchange: (e) => { location.hash = entityHash(id, `?depth=${e.target.value}`); } },
    h("option", { value: "1", selected: depth === 1 }, "1 hop"), h("option", { value: "2", selected: depth === 2 }, "2 hops"));
  const more = graph.more > 0
    ? h("p", { class: "more" }, `${graph.more}${graph.more_is_lower_bound ? "+" : ""} more not drawn (nearest first, ${graph.nodes.length - 1} of ${graph.total_neighbours}${graph.more_is_lower_bound ? "+" : ""} shown)`)
    : null;
  const types = [...new Set(graph.nodes.map((n) => n.type))].filter((t) => TYPE_COLOURS[t]);
  const relTypes = [...new Set(graph.edges.map((e) => e.type))].filter((t) => EDGE_STYLES[t]);
  const docList = h("ul", { class: "docs" }, profile.documents.map((d) => h("li", {}, link(`#/document/${encodeURIComponent(d)}`, d, { dataset: { doc: d } }))));
  show(
    h("h1", {}, profile.name, " ", typeBadge(profile.type)),
    h("p", { class: "actions" }, link(`#/brief/entity/${encodeURIComponent(profile.id)}`, "Printable brief"),
      profile.type === "Region" ? [" · ", link(`#/funding?region=${encodeURIComponent(profile.name)}`, "Who funds what here")] : null,
      profile.type === "Threat" ? [" · ", link(`#/nexus?threat=${encodeURIComponent(profile.name)}`, "Threat nexus")] : null),
    h("div", { class: "entity-layout" },
      h("section", { class: "profile", "aria-label": "Profile" },
        h("dl", {},
          h("dt", {}, "Id"), h("dd", {}, h("code", {}, profile.id)),
          h("dt", {}, "Aliases"), h("dd", {}, profile.aliases && profile.aliases.length ? profile.aliases.join(" · ") : "none")),
        h("h2", {}, "Relationships"),
        profile.relationships.length
          ? h("table", { class: "counts" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "type"), h("th", { scope: "col" }, "direction"), h("th", { scope: "col" }, "count"))),
            h("tbody", {}, profile.relationships.map((r) => h("tr", {}, h("td", {}, r.type), h("td", {}, r.direction), h("td", {}, r.count)))))
          : empty("No relationships."),
        h("h2", {}, `Source documents (${profile.documents.length})`), docList),
      h("section", { class: "neighbourhood", "aria-label": "Neighbourhood" },
        h("div", { class: "graph-bar" }, depthPicker, depthSelect, more),
        graph.nodes.length > 1 ? canvas : empty("No neighbours."),
        legend(types, relTypes),
        h("details", { class: "edge-list" }, h("summary", {}, `Facts drawn (${graph.edges.length}) - keyboard list`),
          h("ul", {}, graph.edges.map((e) => h("li", {}, h("button", { type: "button", class: "linklike", onclick: () => onEdge(e) },
            `${names[e.source]} ${e.type} ${names[e.target]}`))))),
        panel)),
  );
  for (const a of docList.querySelectorAll("a")) {
    documentInfo(a.dataset.doc).then((d) => { if (d.title) a.textContent = `${d.title}${d.date ? ` (${d.date})` : ""}`; });
  }
  if (graph.nodes.length > 1) {
    await drawNeighbourhood(canvas, graph, { onEdge, onNode: (nodeId) => { if (nodeId !== profile.id) location.hash = entityHash(nodeId); } });
  }
  timings.entity = performance.now() - started;
  document.getElementById("view").dataset.rendered = "entity";
}
