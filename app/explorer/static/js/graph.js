// Neighbourhood drawing with vis-network (served from the installed pyvis package): colours by
// entity type, line styles by relationship type, a legend, and a callback when an edge is clicked.
import { h } from "./dom.js";

export const TYPE_COLOURS = {
  Organization: "#1f77b4", Project: "#2ca02c", Region: "#9467bd", Threat: "#d62728", Person: "#ff7f0e",
};

export const EDGE_STYLES = {
  FUNDS: { color: "#2b8a3e", dashes: false, width: 3 },
  IMPLEMENTS: { color: "#1c5d99", dashes: false, width: 2 },
  PARTNERS_WITH: { color: "#495057", dashes: [8, 4], width: 2 },
  TARGETS: { color: "#c92a2a", dashes: [2, 4], width: 2 },
  AFFILIATED_WITH: { color: "#e8590c", dashes: [6, 2, 1, 2], width: 2 },
  LINKED_TO: { color: "#a61e4d", dashes: [12, 3, 3, 3], width: 2 },
  LOCATED_IN: { color: "#868e96", dashes: [1, 3], width: 1 },
};

export function legend(types, relTypes) {
  const line = (style) => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", "36");
    svg.setAttribute("height", "10");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "line");
    Object.entries({ x1: 0, y1: 5, x2: 36, y2: 5, stroke: style.color, "stroke-width": style.width }).forEach(([k, v]) =>
      path.setAttribute(k, v));
    if (style.dashes) path.setAttribute("stroke-dasharray", style.dashes.join(" "));
    svg.append(path);
    return svg;
  };
  return h("div", { class: "legend", "aria-label": "Legend" },
    h("ul", { class: "legend-types" }, types.map((t) =>
      h("li", {}, h("span", { class: "dot", style: `background:${TYPE_COLOURS[t] || "#777"}` }), t))),
    h("ul", { class: "legend-rels" }, relTypes.map((r) => h("li", {}, line(EDGE_STYLES[r] || { color: "#777", width: 1 }), r))));
}

// Draw the neighbourhood; resolves once the layout has settled (physics then off, so clicks hit still edges).
export function drawNeighbourhood(container, graph, { onEdge, onNode } = {}) {
  if (!window.vis) throw new Error("the graph library (vis-network) did not load");
  const nodes = new window.vis.DataSet(graph.nodes.map((n) => ({
    id: n.id, label: n.name.length > 40 ? n.name.slice(0, 38) + "…" : n.name, title: `${n.name} (${n.type})`,
    color: { background: TYPE_COLOURS[n.type] || "#777", border: n.hops === 0 ? "#000" : "#fff" },
    borderWidth: n.hops === 0 ? 3 : 1, size: n.hops === 0 ? 22 : 14, shape: "dot",
    font: { color: "#212529", size: n.hops === 0 ? 16 : 12 },
  })));
  const edges = new window.vis.DataSet(graph.edges.map((e, i) => ({
    id: `e${i}`, from: e.source, to: e.target, arrows: "to", title: `${e.type} (${e.evidence_count} evidence)`,
    ...(EDGE_STYLES[e.type] || {}), color: { color: (EDGE_STYLES[e.type] || {}).color || "#777", highlight: "#000" },
    data: e,
  })));
  const network = new window.vis.Network(container, { nodes, edges }, {
    physics: { stabilization: { iterations: graph.nodes.length > 50 ? 150 : 300, fit: true }, barnesHut: { springLength: 130 } },
    edges: { smooth: false, selectionWidth: 3 },
    layout: { randomSeed: 7 },  // the same picture for the same graph
    interaction: { hover: true, tooltipDelay: 150, keyboard: false },
  });
  window.explorerGraph = { network, nodes, edges };
  network.on("click", (params) => {
    if (params.nodes.length && onNode) onNode(params.nodes[0]);
    else if (params.edges.length && onEdge) onEdge(edges.get(params.edges[0]).data);
  });
  return new Promise((resolve) => {
    let done = false;
    const settle = () => {
      if (done) return;
      done = true;
      network.setOptions({ physics: false });
      network.fit();
      container.dataset.ready = "true";
      resolve(network);
    };
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
  });
}
