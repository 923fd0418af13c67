// As-you-type entity suggestions (/entities) on a text input: arrows move, Enter picks, Escape closes.
import { get } from "./api.js";
import { h } from "./dom.js";

let counter = 0;

export function attachAutocomplete(input, list, { type = () => "", onPick, limit = 8 } = {}) {
  let items = [];
  let active = -1;
  let timer = null;
  let seq = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", i === index ? "true" : "false"));
    if (index >= 0 && list.children[index]) input.setAttribute("aria-activedescendant", list.children[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function pick(item) {
    close();
    onPick(item);
  }

  async function refresh() {
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < 2) {
      close();
      return;
    }
    let page;
    try {
      page = await get("/entities", { q, type: type(), limit });
    } catch {
      close();
      return;
    }
    if (mine !== seq) return; // a later keystroke already asked
    items = page.items;
    list.replaceChildren(
      ...items.map((item) =>
        h("li", { id: `opt-${++counter}`, role: "option", "aria-selected": "false", dataset: { id: item.id },
          onmousedown: (e) => { e.preventDefault(); pick(item); } },
        h("span", { class: "opt-name" }, item.name), " ", h("span", { class: `badge type-${item.type}` }, item.type))),
    );
    if (!items.length) list.append(h("li", { class: "none", role: "option", "aria-disabled": "true" }, "no entity matches"));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      highlight(Math.min(active + 1, items.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      highlight(Math.max(active - 1, -1));
    } else if (e.key === "Enter" && active >= 0 && items[active]) {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  return { close };
}

// A labelled text input with suggestions, for forms (path view): the chosen entity's id is kept.
export function entityField(id, labelText, value = "", type = "") {
  const input = h("input", { id, name: id, type: "text", value, role: "combobox", "aria-autocomplete": "list",
    "aria-expanded": "false", "aria-controls": `${id}-list`, autocomplete: "off", required: true });
  const list = h("ul", { id: `${id}-list`, class: "suggestions", role: "listbox", hidden: true });
  attachAutocomplete(input, list, { type: () => type, onPick: (item) => { input.value = item.name; input.dataset.id = item.id; } });
  input.addEventListener("input", () => delete input.dataset.id);
  return { input, element: h("div", { class: "field" }, h("label", { for: id }, labelText), h("div", { class: "combo" }, input, list)) };
}
