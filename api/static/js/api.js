// The /api/v1 routes, with the one error shape turned into an Error that keeps its status.
const API = "/api/v1";

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
  for (const [key, value] of Object.entries(params)) {
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

// The service's OpenAPI schema: which routes it has (the correction writes exist only when
// it was started with PLANGRAPH_API_TOKEN).
export async function schema() {
  return answer(await fetch(new URL("/openapi.json", location.origin)));
}

export const nodePath = (id) => "/nodes/" + encodeURIComponent(id);
