// Documents: the list, and one document's sentences with its mentions highlighted by type,
// the relations it contributed beside them, and a retract button for key holders.
import { apiKey, documentInfo, forgetDocument, forgetEntityLists, get, request } from "./api.js";
import { empty, errorBox, h, link, loading, show, typeBadge, fill } from "./dom.js";
import { documentHash } from "./evidence.js";
import { entityHash } from "./entity.js";

export async function documentsView() {
  show(h("h1", {}, "Documents"), loading());
  try {
    const page = await get("/documents", { limit: 500 });
    show(h("h1", {}, "Documents"), page.items.length
      ? h("div", { class: "table-wrap" }, h("table", {}, h("thead", {}, h("tr", {}, ["Title", "Date", "Language", "Entities"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, page.items.map((d) => h("tr", {}, h("td", {}, link(documentHash(d.id), d.title || d.id)), h("td", {}, d.date || "–"),
          h("td", {}, d.language || "–"), h("td", {}, d.entities))))))
      : empty("No documents yet: add a report."));
  } catch (err) {
    show(h("h1", {}, "Documents"), errorBox(err));
  }
  document.getElementById("view").dataset.rendered = "documents";
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// A sentence with every mentioned entity's name marked by its type; a name inside a longer one
// (a region inside a project's name) is marked inside it.
export function highlighted(text, entities) {
  const names = entities.filter((e) => e.name && e.name.length > 1).sort((a, b) => b.name.length - a.name.length);
  if (!names.length) return [text];
  const byName = new Map(names.map((e) => [e.name.toLowerCase(), e]));
  const re = new RegExp(`(${names.map((e) => escapeRegExp(e.name)).join("|")})`, "gi");
  return text.split(re).map((part, i) => {
    const entity = i % 2 ? byName.get(part.toLowerCase()) : null;
    if (!entity) return part;
    const inner = names.filter((e) => e.name.length < part.length);
    return h("mark", { class: `type-${entity.type}`, title: entity.type }, highlighted(part, inner));
  });
}

function sentences(facts) {
  const seen = new Map();
  for (const rel of facts.relations) {
    for (const ev of rel.evidence) {
      const key = `${ev.start ?? "x"}:${ev.quote}`;
      if (!seen.has(key)) seen.set(key, { start: ev.start, quote: ev.quote, facts: [] });
      seen.get(key).facts.push(rel);
    }
  }
  return [...seen.values()].sort((a, b) => (a.start ?? 1e12) - (b.start ?? 1e12));
}

export async function documentView([id], params) {
  const at = params.get("at");
  show(h("h1", {}, "Document"), loading());
  let info;
  let facts;
  try {
    [info, facts] = await Promise.all([get(`/documents/${encodeURIComponent(id)}`), get(`/documents/${encodeURIComponent(id)}/facts`, { limit: 500 })]);
  } catch (err) {
    show(h("h1", {}, "Document"), errorBox(err));
    return;
  }
  const types = [...new Set(facts.entities.map((e) => e.type))];
  const status = h("div", { id: "retract-status", "aria-live": "polite" });
  const retract = h("button", { type: "button", class: "danger", id: "retract", onclick: async () => {
    if (!apiKey()) {
      fill(status, errorBox({ detail: "enter an API key (top right) to retract a document" }));
      return;
    }
    if (!confirm(`Retract ${info.title || id}? What only this document supports disappears.`)) return;
    try {
      await request("DELETE", `/documents/${encodeURIComponent(id)}`);
      forgetDocument(id);
      forgetEntityLists();
      fill(status, h("p", { class: "ok", role: "status" }, "Retracted. ", link("#/documents", "Back to the documents")));
      retract.disabled = true;
    } catch (err) {
      fill(status, errorBox(err));
    }
  } }, "Retract this document");
  const list = sentences(facts);
  show(
    h("h1", {}, info.title || id),
    h("p", { class: "meta" }, [info.date, info.language, info.url ? link(info.url, info.url, { rel: "noreferrer" }) : null, h("code", {}, id)]
      .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]))),
    h("p", { class: "actions" }, retract), status,
    h("div", { class: "legend" }, h("ul", { class: "legend-types" }, types.map((t) => h("li", {}, h("mark", { class: `type-${t}` }, t))))),
    h("div", { class: "document-layout" },
      h("section", { class: "sentences", "aria-label": "Sentences" },
        h("h2", {}, "Text behind the facts"),
        h("p", { class: "note" }, "The graph keeps the sentences that state each fact (with their offsets), not the whole text."),
        list.length ? list.map((s) => h("p", { class: "sentence", id: s.start != null ? `s-${s.start}` : null, dataset: { start: s.start ?? "" } },
          highlighted(s.quote, facts.entities))) : empty("This document contributed no relation.")),
      h("section", { class: "relations", "aria-label": "Relations" },
        h("h2", {}, `Relations (${facts.total_relations})`),
        h("ul", { class: "facts" }, facts.relations.map((r) => h("li", {},
          link(entityHash(r.source_id), r.source), ` ${r.type} `, link(entityHash(r.target_id), r.target),
          h("ul", { class: "quotes" }, r.evidence.map((e) => h("li", {}, link(documentHash(id, e.start), "sentence"),
            h("span", { class: "meta" }, ` · ${e.rule || "–"} · ${typeof e.confidence === "number" ? e.confidence.toFixed(2) : "–"}`))))))),
        h("h2", {}, `Entities mentioned (${facts.total_entities})`),
        h("ul", { class: "mentions" }, facts.entities.map((e) => h("li", {}, link(entityHash(e.id), e.name), " ", typeBadge(e.type)))))));
  if (at !== null) {
    const target = document.getElementById(`s-${at}`);
    if (target) {
      target.classList.add("target");
      target.scrollIntoView({ block: "center" });
    }
  }
  documentInfo(id);
  document.getElementById("view").dataset.rendered = "document";
}
