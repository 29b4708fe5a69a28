// The dashboard talks only to /api/v1 (docs/API.md), like any other client.
// The session is an HttpOnly cookie the browser sends by itself; every write
// echoes the session's CSRF token in X-CSRF-Token.

let csrfToken = '';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'offline', e.message);
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    throw new ApiError(res.status, err.code || 'http_' + res.status, err.message || res.statusText);
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  put: (path, body) => request('PUT', path, body ?? {}),
  del: (path) => request('DELETE', path),
};

// The signed-in user, or null.
export async function currentSession() {
  try {
    const s = await api.get('/api/v1/session');
    csrfToken = s.csrf_token;
    return s;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

export async function signIn(login, password) {
  const s = await api.post('/api/v1/session', { login, password });
  csrfToken = s.csrf_token;
  return s;
}

export async function signInWithLink(linkToken) {
  const s = await api.post('/api/v1/session', { link_token: linkToken });
  csrfToken = s.csrf_token;
  return s;
}

export async function signOut() {
  await api.del('/api/v1/session');
  csrfToken = '';
}

export const municipalityPath = (id, rest = '') => `/api/v1/municipalities/${encodeURIComponent(id)}${rest}`;
