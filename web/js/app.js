// app.js — boot: the site chrome (language switch, user, navigation by role),
// the route table, and the start of the router.
import { h, replace } from './dom.js';
import { t, getLang, setLang, translateStatic, onLangChange } from './i18n.js';
import { loadUser, currentUser, onAuthChange, logout, forget, DESK_ROLES, IOC_ROLES } from './auth.js';
import { onUnauthorized, get } from './api.js';
import { addRoute, start, navigate, onAfterRender, path } from './router.js';

const CITIZEN = ['citizen'];
const DESK = [...DESK_ROLES, 'admin'];
const IOC = [...IOC_ROLES];
const ADMIN = ['admin'];

addRoute('/', () => import('./pages/home.js'));
addRoute('/thu-tuc', () => import('./pages/catalogue.js'));
addRoute('/thu-tuc/:code', () => import('./pages/procedure.js'));
addRoute('/thu-tuc/:code/nop', () => import('./pages/apply.js'), { roles: ['citizen', 'officer'] });
addRoute('/ho-so/:code/bien-nhan', () => import('./pages/receipt.js'), { roles: ['citizen', 'officer'] });
addRoute('/ho-so-cua-toi', () => import('./pages/mine.js'), { roles: CITIZEN });
addRoute('/ho-so-cua-toi/:code', () => import('./pages/my-dossier.js'), { roles: CITIZEN });
addRoute('/tra-cuu', () => import('./pages/lookup.js'));
addRoute('/dang-nhap', () => import('./pages/login.js'));
addRoute('/can-bo', () => import('./pages/desk.js'), { roles: DESK });
addRoute('/can-bo/ho-so/:code', () => import('./pages/desk-dossier.js'), { roles: DESK });
addRoute('/can-bo/ho-so/:code/phieu/:form', () => import('./pages/slip.js'), { roles: DESK });
addRoute('/ioc', () => import('./pages/ioc.js'), { roles: IOC });
addRoute('/quan-tri', () => import('./pages/admin-units.js'), { roles: ADMIN });
addRoute('/quan-tri/don-vi', () => import('./pages/admin-units.js'), { roles: ADMIN });
addRoute('/quan-tri/thu-tuc', () => import('./pages/admin-procedures.js'), { roles: ADMIN });
addRoute('/quan-tri/thu-tuc/:code', () => import('./pages/admin-procedure.js'), { roles: ADMIN });
addRoute('/quan-tri/lich', () => import('./pages/admin-calendar.js'), { roles: ADMIN });
addRoute('/quan-tri/nguoi-dung', () => import('./pages/admin-users.js'), { roles: ADMIN });
addRoute('/__notfound', () => import('./pages/notfound.js'));

function navItems(u) {
  const items = [
    { href: '/thu-tuc', key: 'nav.catalogue' },
    { href: '/tra-cuu', key: 'nav.lookup' },
  ];
  if (!u || u.role === 'citizen') items.push({ href: '/ho-so-cua-toi', key: 'nav.mine' });
  if (u && DESK.includes(u.role)) items.push({ href: '/can-bo', key: 'nav.desk' });
  if (u && IOC.includes(u.role)) items.push({ href: '/ioc', key: 'nav.ioc' });
  if (u && ADMIN.includes(u.role)) items.push({ href: '/quan-tri', key: 'nav.admin' });
  return items;
}

function renderNav() {
  const list = document.getElementById('nav-list');
  const here = location.pathname;
  replace(list, navItems(currentUser()).map((it) => {
    const active = here === it.href || here.startsWith(it.href + '/');
    return h('li', null, h('a', { href: it.href, 'aria-current': active ? 'page' : null }, t(it.key)));
  }));
}

function renderUser() {
  const slot = document.getElementById('user-slot');
  const u = currentUser();
  if (!u) {
    replace(slot, h('a', { class: 'btn sm', href: path('/dang-nhap') }, t('nav.login')));
    return;
  }
  replace(slot,
    h('div', { class: 'user-chip' }, h('strong', null, u.full_name || u.username), h('span', null, t(`role.${u.role}`))),
    h('button', {
      class: 'btn secondary sm', type: 'button',
      onclick: async () => { await logout(); navigate('/'); },
    }, t('nav.logout')));
}

function renderLang() {
  const slot = document.getElementById('lang-slot');
  const mk = (code, label, name) => h('button', {
    type: 'button', lang: code, 'aria-pressed': getLang() === code ? 'true' : 'false',
    'aria-label': name, onclick: () => setLang(code),
  }, label);
  replace(slot, h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('shell.language') },
    mk('vi', 'VI', 'Tiếng Việt'), mk('en', 'EN', 'English')));
}

function setupNavToggle() {
  const btn = document.getElementById('nav-toggle');
  const nav = document.getElementById('site-nav');
  btn.hidden = false;
  btn.addEventListener('click', () => {
    const open = btn.getAttribute('aria-expanded') !== 'true';
    btn.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
  onAfterRender(() => { btn.setAttribute('aria-expanded', 'false'); nav.classList.remove('open'); });
}

// The province's name, from the root of the unit tree, when the API has it.
async function loadProvince() {
  try {
    const r = await get('/units', { kind: 'province', limit: 1 }, { quiet401: true });
    const p = r && r.items && r.items[0];
    if (p && p.name) {
      document.getElementById('footer-title').textContent = `${t('shell.footer_title')} — ${p.name}`;
      document.querySelector('.topstrip-inner > span').textContent = t('shell.topline_of', { name: p.name });
    }
  } catch { /* the generic titles stay */ }
}

async function boot() {
  translateStatic();
  renderLang();
  setupNavToggle();
  onUnauthorized(() => {
    if (currentUser()) {
      forget();
      navigate(path('/dang-nhap', {}, { next: location.pathname + location.search, expired: 1 }), { replace: true });
    }
  });
  onAuthChange(() => { renderUser(); renderNav(); });
  onLangChange(() => { renderLang(); renderUser(); renderNav(); loadProvince(); });
  onAfterRender(renderNav);
  await loadUser();
  renderUser();
  // An OpenID login that failed comes back as /?auth_error=CODE.
  const authError = new URLSearchParams(location.search).get('auth_error');
  if (authError) {
    const { toast } = await import('./ui.js');
    toast(t('login.sso_failed'), 'bad');
  }
  loadProvince();
  await start(document.getElementById('main'));
}

boot();
