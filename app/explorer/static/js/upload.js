// Add a report: upload a file or paste text, with an API key; show what was extracted and merged.
import { apiKey, forgetEntityLists, request, setApiKey } from "./api.js";
import { errorBox, h, link, loading, show, fill } from "./dom.js";
import { documentHash } from "./evidence.js";
import { entityHash } from "./entity.js";

function field(id, label, input) {
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

export function uploadView() {
  const file = h("input", { id: "up-file", type: "file", accept: ".txt,.md,.html,.htm,.pdf,.docx" });
  const text = h("textarea", { id: "up-text", rows: 8, placeholder: "…or paste the text of a report here" });
  const title = h("input", { id: "up-title", type: "text" });
  const date = h("input", { id: "up-date", type: "text", placeholder: "YYYY-MM-DD" });
  const language = h("select", { id: "up-language" }, h("option", { value: "" }, "detect"), h("option", { value: "en" }, "English"),
    h("option", { value: "fr" }, "French"));
  const key = h("input", { id: "up-key", type: "password", autocomplete: "off", value: apiKey() });
  const result = h("section", { id: "upload-result", "aria-live": "polite" });
  const submit = h("button", { type: "submit" }, "Add the report");
  const form = h("form", { class: "upload", onsubmit: async (e) => {
    e.preventDefault();
    if (key.value) setApiKey(key.value);
    const fields = { title: title.value.trim(), date: date.value.trim(), language: language.value };
    submit.disabled = true;
    fill(result, loading("Extracting… (the models load on the first report, about 10 s)"));
    try {
      let answer;
      if (file.files.length) {
        const data = new FormData();
        data.append("file", file.files[0]);
        for (const [k, v] of Object.entries(fields)) if (v) data.append(k, v);
        answer = await request("POST", "/documents", { form: data });
      } else {
        const body = { text: text.value };
        for (const [k, v] of Object.entries(fields)) if (v) body[k] = v;
        answer = await request("POST", "/documents", { json: body });
      }
      forgetEntityLists();
      const merged = Object.entries(answer.merged || {});
      fill(result, h("div", { class: "ok", role: "status" },
        h("h2", {}, `Document ${answer.status}`),
        h("p", {}, `${answer.entities} entities, ${answer.relations} relations. `, link(documentHash(answer.id), "Open the document", { id: "open-document" })),
        merged.length ? [h("h3", {}, "Merged onto entities already in the graph"),
          h("ul", {}, merged.map(([name, id]) => h("li", {}, `${name} → `, link(entityHash(id), id))))] : null,
        answer.conflicts && answer.conflicts.length ? [h("h3", {}, "Conflicts"), h("ul", {}, answer.conflicts.map((c) => h("li", {}, c)))] : null));
    } catch (err) {
      fill(result, errorBox(err));
    } finally {
      submit.disabled = false;
    }
  } },
  field("up-file", "File (.txt .md .html .pdf .docx)", file),
  field("up-text", "Text", text),
  h("div", { class: "row" }, field("up-title", "Title (optional)", title), field("up-date", "Date (optional)", date),
    field("up-language", "Language", language)),
  field("up-key", "API key", key),
  submit);
  show(h("h1", {}, "Add a report"), form, result);
  document.getElementById("view").dataset.rendered = "add";
}
