// Path: two entities -> the shortest chain of facts, each step with its quotes.
import { runQuery } from "./api.js";
import { entityField } from "./autocomplete.js";
import { empty, errorBox, h, link, loading, show, typeBadge, fill } from "./dom.js";
import { documentHash } from "./evidence.js";
import { entityHash } from "./entity.js";

export function pathSteps(row) {
  const byId = Object.fromEntries(row.nodes.map((n) => [n.id, n]));
  const items = [];
  row.nodes.forEach((node, i) => {
    items.push(h("li", { class: "path-node" }, link(entityHash(node.id), node.name), " ", typeBadge(node.label)));
    const rel = row.relationships[i];
    if (!rel) return;
    const forward = rel.source === node.id;
    const name = (id) => (byId[id] ? byId[id].name : id);
    items.push(h("li", { class: "path-step" },
      h("p", { class: "rel" }, forward ? `↓ ${rel.type}` : `↑ ${rel.type}`,
        h("span", { class: "meta" }, ` (${name(rel.source)} ${rel.type} ${name(rel.target)})`)),
      h("ul", { class: "quotes" }, (rel.quotes || []).map((q, j) => h("li", {}, h("q", {}, q),
        rel.documents && rel.documents[j] ? [" ", link(documentHash(rel.documents[j]), rel.documents[j], { class: "doc-link" })] : null)))));
  });
  return h("ol", { class: "path" }, items);
}

export async function pathView(_parts, params) {
  const source = params.get("source") || "";
  const target = params.get("target") || "";
  const a = entityField("path-source", "From", source);
  const b = entityField("path-target", "To", target);
  const form = h("form", { class: "pickers", onsubmit: (e) => {
    e.preventDefault();
    const q = new URLSearchParams({ source: a.input.dataset.id || a.input.value, target: b.input.dataset.id || b.input.value });
    location.hash = "#/path?" + q;
  } }, a.element, b.element, h("button", { type: "submit" }, "Find the chain"));
  const results = h("section", { id: "path-results", "aria-live": "polite" });
  show(h("h1", {}, "Path between two entities"), form, results);
  if (source && target) {
    fill(results, loading());
    try {
      const answer = await runQuery("path_between", { source, target });
      fill(results, answer.rows.length
        ? [h("p", {}, `${answer.rows[0].hops} step(s):`), pathSteps(answer.rows[0])]
        : empty("No chain of facts of at most 4 steps joins them."));
    } catch (err) {
      fill(results, errorBox(err));
    }
  }
  document.getElementById("view").dataset.rendered = "path";
}
