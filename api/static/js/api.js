// The /api/v1 routes, with the one error shape turned into an Error that keeps its status.
// Every question the page asks goes to the plan chosen in the plan selector (``scope``).
const API = "/api/v1";

// The plan the page is scoped to (null: every plan loaded), and the routes that take it.
export const scope = { plan: null };
const SCOPED = ["/feeders", "/impacts", "/dependencies", "/paths", "/chain", "/banner", "/search", "/nodes", "/tables", "/stats", "/export"];
const scoped = (path) => SCOPED.some((p) => path === p || path.startsWith(p + "/") || path.startsWith(p + "?"));

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error ? body.error.code : undefined;
  }
}

// The address of a route with its query (also what a download link points at).
export function apiUrl(path, params = {}) {
  const url = new URL(API + path, location.origin);
  const all = scope.plan && scoped(path) && !("plan" in params) ? { ...params, plan: scope.plan } : params;
  for (const [key, value] of Object.entries(all)) {
    for (const one of [].concat(value)) if (one !== undefined && one !== null) url.searchParams.append(key, one);
  }
  return url;
}

async function answer(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function api(path, params = {}) {
  return answer(await fetch(apiUrl(path, params)));
}

// A request that changes something: a JSON body, and the bearer token when there is one.
export async function send(method, path, { body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return answer(await fetch(apiUrl(path), init));
}

// Whether ``token`` is the service's (GET /auth: 204, or 401 for any other token).
export async function tokenAccepted(token) {
  const response = await fetch(apiUrl("/auth"), { headers: { Authorization: `Bearer ${token}` } });
  if (response.status === 204) return true;
  if (response.status === 401) return false;
  return answer(response);
}

export const nodePath = (id) => "/nodes/" + encodeURIComponent(id);
