// Questions in plain words (GET /ask) and entity search results: the query that ran and its
// parameters are shown before the answer; an unread question gets suggestions, never a guess.
import { get } from "./api.js";
import { empty, errorBox, h, link, loading, show, typeBadge } from "./dom.js";
import { documentHash } from "./evidence.js";
import { entityHash } from "./entity.js";
import { fundingTable } from "./funding.js";
import { nexusTable } from "./nexus.js";
import { pathSteps } from "./path.js";

function value(v) {
  if (Array.isArray(v)) {
    if (v.length && typeof v[0] === "object" && v[0] && "quote" in v[0]) {
      return h("ul", { class: "quotes" }, v.map((e) => h("li", {}, h("q", {}, e.quote), e.document ? [" ", link(documentHash(e.document), e.document, { class: "doc-link" })] : null)));
    }
    return v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join("; ");
  }
  if (v && typeof v === "object") return JSON.stringify(v);
  return v == null ? "–" : String(v);
}

// Any canned query's rows as a table; ids become links on their name column.
export function genericTable(rows) {
  const columns = Object.keys(rows[0]).filter((k) => !k.endsWith("_id"));
  return h("div", { class: "table-wrap" }, h("table", { class: "rows" },
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, columns.map((c) => h("td", {},
      r[`${c}_id`] ? link(entityHash(r[`${c}_id`]), String(r[c])) : value(r[c]))))))));
}

export function answerBody(answer) {
  if (!answer.rows.length) return empty("The query ran and found nothing.");
  if (answer.query === "who_funds_what") return fundingTable(answer.rows).element;
  if (answer.query === "path_between") return pathSteps(answer.rows[0]);
  if (answer.query === "threat_nexus") return nexusTable(answer.rows);
  if (answer.query === "entity_profile") {
    const p = answer.rows[0];
    return h("p", {}, link(entityHash(p.id), p.name), " ", typeBadge(p.type), ` - ${p.documents.length} documents`);
  }
  return genericTable(answer.rows);
}

export function ranQuery(answer) {
  return h("section", { class: "ran", "aria-label": "Query that ran" },
    h("p", {}, "Ran ", h("code", { id: "ran-query" }, answer.query), " with"),
    h("dl", { id: "ran-parameters" }, Object.entries(answer.parameters).flatMap(([k, v]) => [
      h("dt", {}, k),
      h("dd", {}, answer.understood[k] ? [h("code", {}, String(v)), ` ← “${answer.understood[k].text}” (${answer.understood[k].name})`] : h("code", {}, JSON.stringify(v))),
    ])));
}

function suggestionList(answer) {
  return h("div", { class: "suggest" }, h("p", {}, "No canned query reads this question. The closest ones:"),
    h("ul", { id: "ask-suggestions" }, answer.suggestions.map((s) => h("li", {},
      link(`#/ask?q=${encodeURIComponent(s.example)}`, s.example), h("span", { class: "meta" }, ` - ${s.query}: ${s.description}`)))));
}

export async function askView(_parts, params) {
  const q = params.get("q") || "";
  show(h("h1", {}, "Question"), h("p", { class: "question" }, q), loading());
  try {
    const answer = await get("/ask", { q });
    show(h("h1", {}, "Question"), h("p", { class: "question" }, q),
      answer.matched ? [ranQuery(answer), h("h2", {}, `Answer (${answer.count})`), answerBody(answer)] : suggestionList(answer));
  } catch (err) {
    show(h("h1", {}, "Question"), h("p", { class: "question" }, q), errorBox(err));
  }
  document.getElementById("view").dataset.rendered = "ask";
}

// Search: a question /ask reads is answered; otherwise entities whose name or alias contains the text.
export async function searchView(_parts, params) {
  const q = params.get("q") || "";
  const type = params.get("type") || "";
  if (!q && !type) {
    show(h("h1", {}, "Explore the nexus"),
      h("p", {}, "Search a name or alias above (suggestions as you type; arrows and Enter to pick), or ask a question:"),
      h("ul", { class: "examples" }, ["who funds what in Mali", "who funds what in Mali against drug trafficking",
        "which projects target arms trafficking in Gao", "how is UNODC connected to AIRCOP", "partners of ECOWAS",
        "qui finance quoi au Niger", "what is drug trafficking linked to"].map((e) => h("li", {}, link(`#/ask?q=${encodeURIComponent(e)}`, e)))));
    document.getElementById("view").dataset.rendered = "home";
    return;
  }
  show(h("h1", {}, `Search: ${q}`), loading());
  try {
    const [answer, page] = await Promise.all([q ? get("/ask", { q }) : null, get("/entities", { q, type, limit: 100 })]);
    if (answer && answer.matched) {
      location.replace(`#/ask?q=${encodeURIComponent(q)}`);
      return;
    }
    show(h("h1", {}, `Search: ${q}${type ? ` (${type})` : ""}`),
      page.items.length
        ? h("ul", { class: "results", id: "search-results" }, page.items.map((e) => h("li", {}, link(entityHash(e.id), e.name), " ", typeBadge(e.type),
          e.aliases && e.aliases.length ? h("span", { class: "meta" }, ` also ${e.aliases.join(", ")}`) : null)))
        : empty(`No entity's name or alias contains “${q}”.`),
      answer && answer.suggestions.length && !page.items.length ? suggestionList(answer) : null);
  } catch (err) {
    show(h("h1", {}, "Search"), errorBox(err));
  }
  document.getElementById("view").dataset.rendered = "search";
}
