// Talking to the server's JSON API, and the filter the form describes.

export function filterParams(form) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    const text = String(value).trim();
    if (text) params.set(name, text);
  }
  return params;
}

export function withParams(params, extra) {
  const merged = new URLSearchParams(params);
  for (const [name, value] of Object.entries(extra)) {
    if (value === null || value === undefined || value === '') merged.delete(name);
    else merged.set(name, String(value));
  }
  return merged;
}

const inflight = new Map();

// GET a JSON endpoint; a newer request under the same key aborts the older one.
export async function getJSON(key, path, params) {
  if (inflight.has(key)) inflight.get(key).abort();
  const controller = new AbortController();
  inflight.set(key, controller);
  try {
    const response = await fetch(`${path}?${params}`, {
      signal: controller.signal,
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    const body = await response.json();
    if (!response.ok) {
      const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
      throw new Error(message);
    }
    return body;
  } finally {
    if (inflight.get(key) === controller) inflight.delete(key);
  }
}

export function isAbort(error) {
  return error && error.name === 'AbortError';
}
