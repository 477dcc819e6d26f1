// i18n.js — Vietnamese first, English on request. t('key', {n: 3}) looks the
// key up in the chosen language, falls back to Vietnamese, and fills {names}.
// The choice is kept in localStorage and set on <html lang>.
import vi from './i18n/vi.js';
import en from './i18n/en.js';

const DICTS = { vi, en };
const KEY = 'motcua.lang';
let lang = 'vi';
try { const saved = localStorage.getItem(KEY); if (saved && DICTS[saved]) lang = saved; } catch { /* private mode */ }
const listeners = new Set();

export function getLang() { return lang; }
export function locale() { return lang === 'vi' ? 'vi-VN' : 'en-GB'; }

export function setLang(l) {
  if (!DICTS[l] || l === lang) return;
  lang = l;
  try { localStorage.setItem(KEY, l); } catch { /* ignore */ }
  document.documentElement.lang = l;
  translateStatic();
  for (const fn of listeners) fn(l);
}

export function onLangChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

export function has(key) { return key in DICTS[lang] || key in vi; }

export function t(key, params) {
  let s = DICTS[lang][key];
  if (s === undefined) s = vi[key];
  if (s === undefined) return key;
  if (typeof s === 'function') return s(params || {});
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] !== undefined ? String(params[k]) : m));
  return s;
}

// The static markup of index.html carries data-i18n keys.
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

document.documentElement.lang = lang;
