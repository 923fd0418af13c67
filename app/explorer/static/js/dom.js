// Small DOM helpers: every text goes in through textContent (no HTML built from data).

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function view() {
  return document.getElementById("view");
}

// Replace the main view; the first heading gets the page title.
export function show(...children) {
  const main = view();
  main.replaceChildren();
  delete main.dataset.rendered;
  append(main, children);
  const heading = main.querySelector("h1");
  document.title = (heading ? heading.textContent + " - " : "") + "Sahel Nexus Graph";
  return main;
}

export function loading(text = "Loading…") {
  return h("p", { class: "status", role: "status" }, text);
}

export function empty(text) {
  return h("p", { class: "empty" }, text);
}

export function errorBox(err) {
  const status = err && err.status ? `${err.status}: ` : "";
  return h("p", { class: "error", role: "alert" }, status + (err && err.detail ? err.detail : String(err)));
}

export function link(hash, text, attrs = {}) {
  return h("a", { href: hash, ...attrs }, text);
}

export function typeBadge(type) {
  return h("span", { class: `badge type-${type}` }, type);
}

// Replace an element's children (arrays flattened, nulls skipped).
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}
