// Threat nexus: a threat, the threats linked to it, and the projects and regions between them.
import { entitiesOfType, runQuery } from "./api.js";
import { empty, errorBox, h, link, loading, show, fill } from "./dom.js";
import { documentHash } from "./evidence.js";
import { entityHash } from "./entity.js";

export function nexusTable(rows) {
  return h("div", { class: "table-wrap" }, h("table", { id: "nexus-table" },
    h("thead", {}, h("tr", {}, ["Linked threat", "Evidence", "Projects addressing both", "Regions"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows.map((r) => h("tr", {},
      h("td", {}, link(entityHash(r.linked_id), r.linked)),
      h("td", {}, h("ul", { class: "quotes" }, (r.evidence || []).map((e) => h("li", {}, h("q", {}, e.quote), " ",
        link(documentHash(e.document), e.document, { class: "doc-link" }))))),
      h("td", {}, (r.projects || []).join("; ") || "–"),
      h("td", {}, (r.regions || []).join("; ") || "–"))))));
}

export async function nexusView(_parts, params) {
  const threat = params.get("threat") || "";
  show(h("h1", {}, "Threat nexus"), loading());
  let threats;
  try {
    threats = await entitiesOfType("Threat");
  } catch (err) {
    show(h("h1", {}, "Threat nexus"), errorBox(err));
    return;
  }
  const select = h("select", { id: "nexus-threat" }, h("option", { value: "" }, "choose a threat"),
    threats.map((t) => h("option", { value: t.name, selected: t.name === threat }, t.name)));
  const form = h("form", { class: "pickers", onsubmit: (e) => {
    e.preventDefault();
    if (select.value) location.hash = "#/nexus?threat=" + encodeURIComponent(select.value);
  } }, h("div", { class: "field" }, h("label", { for: "nexus-threat" }, "Threat"), select), h("button", { type: "submit" }, "Show"));
  const results = h("section", { id: "nexus-results", "aria-live": "polite" });
  show(h("h1", {}, "Threat nexus"), form, results);
  if (threat) {
    fill(results, loading());
    try {
      const answer = await runQuery("threat_nexus", { threat });
      fill(results, answer.rows.length ? nexusTable(answer.rows) : empty(`No threat is linked to ${threat}.`));
    } catch (err) {
      fill(results, errorBox(err));
    }
  }
  document.getElementById("view").dataset.rendered = "nexus";
}
