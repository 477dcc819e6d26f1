// api.js — the one way the pages talk to motcua's /api/v1. Same-origin
// requests carry the session cookie. Every failure becomes an ApiError with
// the server's error body: code, message, field, fields (e-form problems),
// allowed (actions allowed now, on 409).
import { t, has } from './i18n.js';

const BASE = '/api/v1';
let unauthorizedHook = null;
let csrf = null;

// The anti-CSRF token of the session (given by login and /auth/me): sent back
// in X-CSRF-Token with every request that changes something.
export function setCsrf(token) { csrf = token || null; }

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    // Known codes get the interface's own words (the server's are often English);
    // e-form problems and unknown codes keep the server's message.
    const own = e.code && has(`apierr.${e.code}`) ? t(`apierr.${e.code}`) : null;
    super(own || e.message || t('err.generic'));
    this.serverMessage = e.message || null;
    this.status = status;
    this.code = e.code || (status === 0 ? 'network' : 'http.' + status);
    this.field = e.field || null;
    this.fields = Array.isArray(e.fields) ? e.fields : [];
    this.allowed = Array.isArray(e.allowed) ? e.allowed : null;
    this.detail = e;
  }
}

export function onUnauthorized(fn) { unauthorizedHook = fn; }

export function qs(query) {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

// Send a body as it is (a File or text), e.g. an import; JSON reply.
export async function sendRaw(method, path, body, contentType, opts = {}) {
  return request(method, path, { ...opts, raw: body, contentType });
}

export async function request(method, path, { query, body, signal, quiet401, raw, contentType } = {}) {
  const opts = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin', signal };
  if (method !== 'GET' && csrf) opts.headers['X-CSRF-Token'] = csrf;
  if (raw !== undefined) {
    opts.headers['Content-Type'] = contentType;
    opts.body = raw;
  } else if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(BASE + path + qs(query), opts);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, { error: { code: 'network', message: t('err.network') } });
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const e = new ApiError(res.status, data);
    if (res.status === 401 && !quiet401 && unauthorizedHook) unauthorizedHook(e);
    throw e;
  }
  return data;
}

export const get = (path, query, opts = {}) => request('GET', path, { ...opts, query });
export const post = (path, body, opts = {}) => request('POST', path, { ...opts, body: body ?? {} });
export const put = (path, body, opts = {}) => request('PUT', path, { ...opts, body });
export const patch = (path, body, opts = {}) => request('PATCH', path, { ...opts, body });
export const del = (path, opts = {}) => request('DELETE', path, opts);

// Upload a file as the raw body, reporting progress (0..1). Resolves with the
// JSON reply; rejects with ApiError. Returns {promise, abort}.
export function upload(path, file, { query, onProgress } = {}) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', BASE + path + qs(query));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (ev) => { if (ev.lengthComputable && onProgress) onProgress(ev.loaded / ev.total); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) { if (onProgress) onProgress(1); resolve(data); } else reject(new ApiError(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, { error: { code: 'network', message: t('err.network') } }));
    xhr.onabort = () => reject(new ApiError(0, { error: { code: 'aborted', message: t('err.aborted') } }));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

// Lists come either bare or in the page envelope {items, total, limit, offset}.
export function itemsOf(r) { return Array.isArray(r) ? r : (r && Array.isArray(r.items) ? r.items : []); }
