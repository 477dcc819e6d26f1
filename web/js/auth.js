// auth.js — who is logged in. The session itself is the HttpOnly cookie the
// server sets at login; here we only keep the user it belongs to.
import { get, post, setCsrf } from './api.js';

let user = null;
const listeners = new Set();
// A hint (not a secret) that this browser logged in, so that visitors who
// never did are not sent to /auth/me for nothing.
const HINT = 'motcua.session';
function hint(on) { try { if (on) localStorage.setItem(HINT, '1'); else localStorage.removeItem(HINT); } catch { /* ignore */ } }
function hinted() { try { return localStorage.getItem(HINT) === '1'; } catch { return true; } }

export function currentUser() { return user; }
export function onAuthChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }
function changed() { for (const fn of listeners) fn(user); }

export const STAFF_ROLES = ['officer', 'specialist', 'unit_leader', 'province_leader', 'admin'];
export const DESK_ROLES = ['officer', 'specialist', 'unit_leader'];
export const IOC_ROLES = ['unit_leader', 'province_leader', 'admin'];

export function hasRole(...roles) { return !!user && roles.includes(user.role); }
export function isStaff() { return !!user && STAFF_ROLES.includes(user.role); }

export async function loadUser() {
  if (!hinted()) { user = null; changed(); return null; }
  try {
    const r = await get('/auth/me', null, { quiet401: true });
    user = r.user || r;
    setCsrf(r.csrf_token || (r.user && r.user.csrf_token));
  } catch { user = null; setCsrf(null); hint(false); }
  changed();
  return user;
}

export async function login(username, password, totp) {
  const body = { username, password, session: 'cookie' };
  if (totp) body.totp = totp;
  const r = await post('/auth/login', body, { quiet401: true });
  user = r.user;
  setCsrf(r.csrf_token);
  hint(true);
  changed();
  return user;
}

export async function logout() {
  try { await post('/auth/logout', {}, { quiet401: true }); } catch { /* already gone */ }
  user = null;
  setCsrf(null);
  hint(false);
  changed();
}

// Back from an OpenID Connect login (VNeID): the server set the session cookie.
export async function afterSso() { hint(true); return loadUser(); }

export function forget() { user = null; setCsrf(null); hint(false); changed(); }

// Where each role starts after logging in.
export function homeFor(u) {
  if (!u) return '/';
  if (DESK_ROLES.includes(u.role)) return '/can-bo';
  if (u.role === 'province_leader') return '/ioc';
  if (u.role === 'admin') return '/quan-tri';
  return '/ho-so-cua-toi';
}
