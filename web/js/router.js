// router.js — history routing for the one-page app. Routes are data:
// {pattern '/thu-tuc/:code', load: () => import(page), roles, wall}. Links to
// same-origin paths are followed without reloading; after each page the main
// heading takes the focus and the live region announces the new title.
//
// The server answers a path with index.html only when its last segment has no
// dot, so paths ending in a code (codes contain dots) end with a slash:
// /thu-tuc/1.001193/ — path() builds them.
import { h, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { currentUser } from './auth.js';

const routes = [];
let root = null;
let current = null;         // {route, params, cleanup[], ctrl}
let seq = 0;
let firstRender = true;
const afterHooks = [];

export function addRoute(pattern, load, opts = {}) {
  const names = [];
  const rx = new RegExp('^' + pattern.replace(/\/$/, '').replace(/:(\w+)/g, (m, n) => { names.push(n); return '([^/]+)'; }) + '/?$');
  routes.push({ pattern, rx, names, load, ...opts });
}

// Build a path, encoding each parameter, with the trailing slash rule above.
export function path(pattern, params = {}, query) {
  let p = pattern.replace(/:(\w+)/g, (m, n) => encodeURIComponent(params[n] ?? ''));
  const last = p.slice(p.lastIndexOf('/') + 1);
  if (last.includes('.')) p += '/';
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    if (s) p += '?' + s;
  }
  return p;
}

export function onAfterRender(fn) { afterHooks.push(fn); }

export function navigate(to, { replace: rep = false } = {}) {
  if (rep) history.replaceState(null, '', to); else history.pushState(null, '', to);
  render();
}

export function currentPath() { return location.pathname; }

function match(pathname) {
  for (const r of routes) {
    const m = r.rx.exec(pathname);
    if (m) {
      const params = {};
      r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

function teardown() {
  if (!current) return;
  current.ctrl.abort();
  for (const fn of current.cleanup) { try { fn(); } catch { /* page already gone */ } }
  current = null;
}

export async function render() {
  const my = ++seq;
  teardown();
  // The old page stays visible while the new one loads, but takes no clicks.
  if (root) root.setAttribute('aria-busy', 'true');
  const url = new URL(location.href);
  const m = match(url.pathname) || match('/__notfound');
  const ctrl = new AbortController();
  const state = { route: m.route, params: m.params, cleanup: [], ctrl, mounted: [] };
  current = state;
  const user = currentUser();
  document.body.classList.toggle('wall', false);
  const ctx = {
    params: m.params,
    query: url.searchParams,
    signal: ctrl.signal,
    user,
    onCleanup: (fn) => state.cleanup.push(fn),
    onMount: (fn) => state.mounted.push(fn),
    setTitle: (s) => { document.title = `${s} — ${t('shell.title')}`; },
    alive: () => my === seq,
  };
  const outlet = h('div', { class: 'route' });
  try {
    if (m.route.roles && !user) {
      navigate(path('/dang-nhap', {}, { next: url.pathname + url.search }), { replace: true });
      return;
    }
    if (m.route.roles && !m.route.roles.includes(user.role)) {
      const mod = await import('./pages/forbidden.js');
      await mod.default({ ...ctx, root: outlet });
    } else {
      const mod = await m.route.load();
      if (my !== seq) return;
      await mod.default({ ...ctx, root: outlet });
    }
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    if (my !== seq) return;
    root.removeAttribute('aria-busy');
    const mod = await import('./pages/forbidden.js');
    replace(outlet);
    await mod.failed({ ...ctx, root: outlet }, err);
  }
  if (my !== seq) return;
  root.removeAttribute('aria-busy');
  replace(root, outlet);
  for (const fn of state.mounted) fn();
  for (const fn of afterHooks) fn(url.pathname);
  const h1 = root.querySelector('h1');
  if (!firstRender && !location.hash) {
    window.scrollTo(0, 0);
    if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus({ preventScroll: true }); }
  }
  firstRender = false;
  const live = document.getElementById('live');
  if (live) live.textContent = document.title;
}

export function start(container) {
  root = container;
  window.addEventListener('popstate', () => render());
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
    const u = new URL(a.href, location.href);
    if (u.origin !== location.origin || u.pathname.startsWith('/api/')) return;
    const last = u.pathname.slice(u.pathname.lastIndexOf('/') + 1);
    if (last.includes('.')) return;          // a file, not a page
    if (u.pathname === location.pathname && u.search === location.search && u.hash) return;
    ev.preventDefault();
    navigate(u.pathname + u.search + u.hash);
  });
  onLangChange(() => render());
  return render();
}
