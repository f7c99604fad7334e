// Calls to the dyad JSON API (docs/openapi.yaml).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function get(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const url = q.toString() ? `${path}?${q}` : path;
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  return answer(res);
}

export async function postText(path, text) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain; charset=utf-8', Accept: 'application/json' },
    body: text,
  });
  return answer(res);
}

async function answer(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, `HTTP ${res.status}`);
  }
  if (!res.ok) throw new ApiError(res.status, (body && body.error && body.error.message) || `HTTP ${res.status}`);
  return body;
}
