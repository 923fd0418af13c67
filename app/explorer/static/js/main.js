// The explorer's router: every view is a hash URL (#/entity/<id>, #/funding?region=Mali, …) that can be pasted.
import { setApiKey, apiKey } from "./api.js";
import { askView, searchView } from "./ask.js";
import { attachAutocomplete } from "./autocomplete.js";
import { briefView } from "./brief.js";
import { errorBox, h, show } from "./dom.js";
import { documentsView, documentView } from "./documents.js";
import { entityHash, entityView } from "./entity.js";
import { fundingView } from "./funding.js";
import { nexusView } from "./nexus.js";
import { pathView } from "./path.js";
import { uploadView } from "./upload.js";

const ROUTES = {
  "": searchView, search: searchView, ask: askView, entity: entityView, funding: fundingView, path: pathView,
  nexus: nexusView, documents: documentsView, document: documentView, add: uploadView, brief: briefView,
};

export function parseHash(hash) {
  const raw = hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?", 2);
  const [name = "", ...parts] = path.split("/").map(decodeURIComponent);
  return { name, parts, params: new URLSearchParams(query) };
}

async function route() {
  const { name, parts, params } = parseHash(location.hash);
  const viewFn = ROUTES[name];
  document.querySelectorAll("nav a").forEach((a) => a.toggleAttribute("aria-current",
    a.getAttribute("href") === `#/${name}`));
  if (!viewFn) {
    show(h("h1", {}, "Not found"), errorBox({ detail: `no view named '${name}'` }));
    document.getElementById("view").dataset.rendered = "not-found";
    return;
  }
  try {
    await viewFn(parts, params);
  } catch (err) {
    show(h("h1", {}, "Error"), errorBox(err));
  }
  const main = document.getElementById("view");
  if (document.activeElement === document.body) main.focus({ preventScroll: true });
}

function setUpSearch() {
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-input");
  const type = document.getElementById("search-type");
  const list = document.getElementById("search-suggestions");
  const ac = attachAutocomplete(input, list, { type: () => type.value, onPick: (item) => { location.hash = entityHash(item.id); } });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    ac.close();
    const q = new URLSearchParams();
    if (input.value.trim()) q.set("q", input.value.trim());
    if (type.value) q.set("type", type.value);
    location.hash = "#/search?" + q;
  });
  const key = document.getElementById("api-key");
  key.value = apiKey();
  key.addEventListener("change", () => setApiKey(key.value.trim()));
}

setUpSearch();
window.addEventListener("hashchange", route);
route();
