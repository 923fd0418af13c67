// The JSON API, as the explorer calls it: errors carry the API's own `detail`.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

export function apiKey() {
  return sessionStorage.getItem("nexus-api-key") || "";
}

export function setApiKey(value) {
  if (value) sessionStorage.setItem("nexus-api-key", value);
  else sessionStorage.removeItem("nexus-api-key");
}

// FastAPI's 422 detail is a list of {loc, msg}; ours is a string.
export function detailText(detail) {
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc || []).filter((p) => p !== "body" && p !== "query").join(".")}: ${d.msg}`)
      .join("; ");
  }
  if (detail && typeof detail === "object") return JSON.stringify(detail);
  return String(detail);
}

export async function request(method, path, { params, json, form } = {}) {
  let url = path;
  if (params) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") search.set(k, v);
    const qs = search.toString();
    if (qs) url += "?" + qs;
  }
  const headers = { Accept: "application/json" };
  const key = apiKey();
  if (key) headers["X-API-Key"] = key;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body });
  } catch (err) {
    throw new ApiError(0, `the server did not answer (${err.message})`);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const detail = data && data.detail !== undefined ? detailText(data.detail) : text || response.statusText;
    throw new ApiError(response.status, detail);
  }
  return data;
}

export const get = (path, params) => request("GET", path, { params });
export const post = (path, json) => request("POST", path, { json });
export const runQuery = (name, params) => post(`/queries/${encodeURIComponent(name)}`, params);
export const entityPath = (id) => `/entities/${encodeURIComponent(id)}`;

const documentCache = new Map();

// A document's metadata, fetched once per page load (evidence lists cite documents by id).
export function documentInfo(id) {
  if (!documentCache.has(id)) {
    documentCache.set(id, get(`/documents/${encodeURIComponent(id)}`).catch(() => ({ id, title: null })));
  }
  return documentCache.get(id);
}

export function forgetDocument(id) {
  documentCache.delete(id);
}

let entityLists = {};

// Every entity of a type, for the pickers (regions, threats); at most 500.
export function entitiesOfType(type) {
  if (!entityLists[type]) {
    entityLists[type] = get("/entities", { type, limit: 500 }).then((page) => page.items);
  }
  return entityLists[type];
}

export function forgetEntityLists() {
  entityLists = {};
}
