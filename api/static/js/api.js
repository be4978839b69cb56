// Talking to the trainweek API: JSON in and out, and RFC 9457 problem+json errors as text.

const ACCEPT = { Accept: "application/json, application/problem+json" };

// GET a JSON document; throws on a network failure or an error status, with the server's reason.
export async function getJson(url, { headers = {} } = {}) {
  const response = await fetch(url, { headers: { ...ACCEPT, ...headers } });
  const data = await readJson(response);
  if (!response.ok) throw new Error(problemText(response, data));
  return data;
}

// POST a JSON body; answers { response, data } whatever the status, so callers can read a 422.
export async function postJson(url, body, { signal, headers = {} } = {}) {
  return sendJson("POST", url, body, { signal, headers });
}

// Any method, with or without a JSON body; answers { response, data } whatever the status.
export async function sendJson(method, url, body, { signal, headers = {} } = {}) {
  const init = { method, headers: { ...ACCEPT, ...headers }, signal };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  return { response, data: await readJson(response) };
}

// The one line a person should read from a problem document (or the bare status).
export function problemText(response, data) {
  if (data && data.detail) return data.detail;
  return `${response.status} ${response.statusText || "error"}`;
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null; // an empty or non-JSON body: the status says enough
  }
}
