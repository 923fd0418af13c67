// The evidence panel: every quote behind the facts between two entities, with its document,
// date, rule, model and confidence, and a link to the document view at that sentence.
import { documentInfo, runQuery } from "./api.js";
import { empty, errorBox, h, link, loading, fill } from "./dom.js";

export function documentHash(docId, start) {
  return `#/document/${encodeURIComponent(docId)}` + (start !== null && start !== undefined ? `?at=${start}` : "");
}

export async function evidenceRows(source, target, type) {
  const result = await runQuery("evidence_for_relation", { source, target, type, limit: 500 });
  const docs = await Promise.all([...new Set(result.rows.map((r) => r.document))].map(documentInfo));
  const byId = Object.fromEntries(docs.map((d) => [d.id, d]));
  return result.rows.map((r) => ({ ...r, doc: byId[r.document] || { id: r.document } }));
}

export function quoteItem(row) {
  const doc = row.doc || { id: row.document };
  const conf = typeof row.confidence === "number" ? row.confidence.toFixed(2) : "–";
  return h("li", { class: "evidence" },
    h("blockquote", {}, row.quote),
    h("p", { class: "cite" },
      link(documentHash(row.document, row.start), doc.title || row.document, { class: "doc-link" }),
      doc.date ? ` · ${doc.date}` : "",
      h("span", { class: "meta" }, ` · rule ${row.rule || "–"} · model ${row.model || "–"} · confidence ${conf}`)));
}

export async function openEvidencePanel(panel, edge, names) {
  if (!panel.dataset.keys) {
    panel.dataset.keys = "on";
    panel.addEventListener("keydown", (e) => { if (e.key === "Escape") panel.hidden = true; });
  }
  const title = `${names[edge.source] || edge.source} ${edge.type} ${names[edge.target] || edge.target}`;
  const close = h("button", { type: "button", class: "close", onclick: () => { panel.hidden = true; } }, "Close");
  panel.hidden = false;
  delete panel.dataset.ready;
  fill(panel, h("h2", { id: "evidence-title" }, "Evidence: ", title), close, loading());
  try {
    const rows = (await evidenceRows(edge.source, edge.target, edge.type))
      .filter((r) => r.source_id === edge.source && r.target_id === edge.target);
    fill(panel, h("h2", { id: "evidence-title" }, "Evidence: ", title), close,
      rows.length ? h("ol", { class: "evidence-list" }, rows.map(quoteItem)) : empty("No evidence stored for this fact."));
  } catch (err) {
    fill(panel, h("h2", {}, "Evidence: ", title), close, errorBox(err));
  }
  panel.focus({ preventScroll: true });
  panel.dataset.ready = "true";
}
