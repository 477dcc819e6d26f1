// home.js — the portal's front page for a citizen who has never used one:
// one search box, the four things people come to do, the fields of procedures,
// and how online filing works in four steps.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { get, itemsOf } from '../api.js';
import { fmtNum } from '../format.js';
import { navigate, path } from '../router.js';
import { currentUser } from '../auth.js';

export default async function page({ root, setTitle, signal }) {
  setTitle(t('home.title'));
  const q = h('input', { class: 'input', type: 'search', name: 'q', id: 'home-q', maxlength: 200, autocomplete: 'off', placeholder: t('home.search_placeholder') });
  const stats = h('div', { class: 'hero-stats' });
  const fieldsBox = h('div', { class: 'field-tiles' });
  const u = currentUser();

  const lkCode = h('input', { class: 'input', id: 'hl-code', maxlength: 64, autocomplete: 'off', spellcheck: 'false' });
  const lkKey = h('input', { class: 'input', id: 'hl-key', maxlength: 32, autocomplete: 'off', inputmode: 'numeric' });
  const quick = h('form', {
    class: 'hero-card', 'aria-labelledby': 'hl-title',
    onsubmit: (ev) => {
      ev.preventDefault();
      // The key (a phone or identity number) is not put in the address bar.
      try { sessionStorage.setItem('motcua.lookup.key', lkKey.value.trim()); } catch { /* ignore */ }
      navigate(path('/tra-cuu', {}, { code: lkCode.value.trim() }));
    },
  },
  h('h2', { id: 'hl-title' }, t('home.quick_title')),
  h('label', { for: 'hl-code' }, t('lookup.code')), lkCode,
  h('label', { for: 'hl-key' }, t('lookup.key')), lkKey,
  h('button', { class: 'btn block', type: 'submit' }, t('lookup.submit')));

  root.append(
    h('section', { class: 'hero' }, h('div', { class: 'wrap hero-grid' },
      h('div', null,
        h('h1', null, t('home.hero_title')),
        h('p', null, t('home.hero_text')),
        h('form', { class: 'search-bar', role: 'search', onsubmit: (ev) => { ev.preventDefault(); navigate(path('/thu-tuc', {}, { q: q.value.trim() })); } },
          h('label', { for: 'home-q', class: 'visually-hidden' }, t('home.search_label')),
          q,
          h('button', { class: 'btn', type: 'submit' }, icon('search'), h('span', null, t('common.search')))),
        h('p', { class: 'hero-note' }, t('home.search_note')),
        stats),
      quick)),
    h('div', { class: 'wrap page stack' },
      h('section', { 'aria-labelledby': 'home-do' },
        h('h2', { id: 'home-do' }, t('home.what_title')),
        h('div', { class: 'tiles' },
          tile('/thu-tuc', 'search', t('home.tile_find'), t('home.tile_find_text')),
          tile('/thu-tuc?online=online', 'upload', t('home.tile_apply'), t('home.tile_apply_text')),
          tile('/tra-cuu', 'doc', t('home.tile_lookup'), t('home.tile_lookup_text')),
          (!u || u.role === 'citizen') ? tile('/ho-so-cua-toi', 'user', t('home.tile_mine'), t('home.tile_mine_text')) : null)),
      h('section', { 'aria-labelledby': 'home-fields' },
        h('h2', { id: 'home-fields' }, t('home.fields_title')),
        fieldsBox),
      h('section', { 'aria-labelledby': 'home-how' },
        h('h2', { id: 'home-how' }, t('home.how_title')),
        h('ol', { class: 'steps-how' },
          [1, 2, 3, 4].map((i) => h('li', null, h('strong', null, t(`home.how_${i}`)), h('span', null, t(`home.how_${i}_text`))))))));

  try {
    const fields = itemsOf(await get('/fields', null, { signal }));
    const total = fields.reduce((s, f) => s + (f.procedures || 0), 0);
    const online = fields.reduce((s, f) => s + (f.online || 0), 0);
    if (total) stats.append(
      h('div', null, h('strong', null, fmtNum(total)), h('span', null, t('home.stat_procedures'))),
      h('div', null, h('strong', null, fmtNum(online)), h('span', null, t('home.stat_online'))),
      h('div', null, h('strong', null, fmtNum(fields.length)), h('span', null, t('home.stat_fields'))));
    if (!fields.length) fieldsBox.append(h('p', { class: 'muted' }, t('home.fields_none')));
    fieldsBox.append(...fields.filter((f) => f.procedures > 0).map((f) =>
      h('a', { href: path('/thu-tuc', {}, { field: f.code }) }, f.name, h('span', null, t('home.n_procedures', { n: fmtNum(f.procedures) })))));
  } catch (err) {
    if (err.name === 'AbortError') return;
    fieldsBox.append(h('p', { class: 'muted' }, t('home.fields_unavailable')));
  }
}

function tile(href, ic, title, text) {
  return h('a', { class: 'tile', href }, icon(ic), h('strong', null, title), h('span', null, text));
}
