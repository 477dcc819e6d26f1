// catalogue.js — procedure search. The server folds the text (no diacritics
// needed: "khai sinh" = "khai sinh", "dang ky" finds "đăng ký"); filters by
// field, the kind of unit that handles it, and online level. The URL holds
// the search, so Back and shared links work.
import { h, icon, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, itemsOf } from '../api.js';
import { fmtNum, onlineLabel, procTime } from '../format.js';
import { highlight } from '../fold.js';
import { navigate, path } from '../router.js';
import { field, select, pageHead, pager, loading, errorBox, emptyState, crumbs } from '../ui.js';

const LIMIT = 20;
export const UNIT_KINDS = ['province', 'department', 'district', 'commune'];

export default async function page({ root, setTitle, query, signal }) {
  setTitle(t('cat.title'));
  const state = {
    q: query.get('q') || '', field: query.get('field') || '', unit_kind: query.get('unit_kind') || '',
    online: query.get('online') || '', offset: Number(query.get('offset')) || 0,
  };
  const qInput = h('input', { class: 'input', type: 'search', id: 'cat-q', name: 'q', value: state.q, maxlength: 200, autocomplete: 'off', placeholder: t('cat.placeholder') });
  const fieldSel = select([{ value: '', label: t('cat.any_field') }], { id: 'cat-field', name: 'field' });
  const kindSel = select([{ value: '', label: t('cat.any_unit') }, ...UNIT_KINDS.map((k) => ({ value: k, label: t(`unitkind.${k}`), selected: state.unit_kind === k }))], { id: 'cat-kind', name: 'unit_kind' });
  const onlineSel = select([
    { value: '', label: t('cat.any_online') },
    ...['online', 'full', 'partial', 'none'].map((v) => ({ value: v, label: t(`cat.online_${v}`), selected: state.online === v })),
  ], { id: 'cat-online', name: 'online' });
  const results = h('div', { 'aria-live': 'polite', 'aria-busy': 'false' });

  // Changes stay on the page (the address follows, the focus stays where it is).
  const go = (patch, { scroll = false } = {}) => {
    Object.assign(state, patch);
    history.replaceState(null, '', path('/thu-tuc', {}, { q: state.q, field: state.field, unit_kind: state.unit_kind, online: state.online, offset: state.offset || '' }));
    search({}).then(() => { if (scroll) results.scrollIntoView({ block: 'start' }); });
  };
  let timer = null;
  qInput.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => search({ q: qInput.value.trim(), offset: 0 }, true), 300); });
  for (const [sel, key] of [[fieldSel, 'field'], [kindSel, 'unit_kind'], [onlineSel, 'online']])
    sel.addEventListener('change', () => go({ [key]: sel.value, q: qInput.value.trim(), offset: 0 }));

  const form = h('form', { class: 'search-bar', role: 'search', onsubmit: (ev) => { ev.preventDefault(); clearTimeout(timer); go({ q: qInput.value.trim(), offset: 0 }); } },
    h('label', { for: 'cat-q', class: 'visually-hidden' }, t('cat.search_label')),
    qInput, h('button', { class: 'btn', type: 'submit' }, t('common.search')));

  // On a phone the filters fold away under the search box.
  const wide = window.matchMedia('(min-width: 721px)').matches;
  const active = [state.field, state.unit_kind, state.online].filter(Boolean).length;
  root.append(h('div', { class: 'wrap page' },
    crumbs([{ href: '/', label: t('nav.home') }, { label: t('cat.title') }]),
    pageHead(t('cat.title'), t('cat.sub')),
    form,
    h('div', { class: 'layout-side section-gap' },
      h('aside', { class: 'card filters', 'aria-labelledby': 'cat-filters' },
        h('details', { open: wide || active > 0 },
          h('summary', { class: 'filters-title', id: 'cat-filters' }, t('cat.filters'), active ? ` (${active})` : ''),
          h('div', { class: 'section-gap' },
            field({ label: t('cat.field'), control: fieldSel }).el,
            field({ label: t('cat.unit_kind'), control: kindSel }).el,
            field({ label: t('cat.online'), control: onlineSel }).el,
            h('button', {
          class: 'link-btn', type: 'button',
          onclick: () => { fieldSel.value = ''; kindSel.value = ''; onlineSel.value = ''; go({ field: '', unit_kind: '', online: '', offset: 0 }); },
        }, t('cat.clear'))))),
      h('div', null, results))));

  get('/fields', null, { signal }).then((r) => {
    for (const f of itemsOf(r)) fieldSel.append(h('option', { value: f.code, selected: f.code === state.field }, `${f.name} (${fmtNum(f.procedures)})`));
  }).catch(() => {});

  // Typing searches in place (history is replaced, not pushed, to keep Back useful).
  let seq = 0;
  async function search(patch, typed) {
    Object.assign(state, patch);
    const mine = ++seq;
    if (typed) history.replaceState(null, '', path('/thu-tuc', {}, { q: state.q, field: state.field, unit_kind: state.unit_kind, online: state.online }));
    results.setAttribute('aria-busy', 'true');
    replace(results, loading(t('cat.searching')));
    try {
      const r = await get('/procedures', { q: state.q, field: state.field, unit_kind: state.unit_kind, online: state.online, limit: LIMIT, offset: state.offset }, { signal });
      if (mine !== seq) return;       // a newer search is under way
      const items = itemsOf(r);
      const total = r.total ?? items.length;
      replace(results,
        h('p', { class: 'result-count', role: 'status' }, state.q ? t('cat.count_q', { n: fmtNum(total), q: state.q }) : t('cat.count', { n: fmtNum(total) })),
        items.length ? h('ul', { class: 'proc-list' }, items.map((p) => procItem(p, state.q)))
          : emptyState(t('cat.none_title'), t('cat.none_text')),
        pager({ total, limit: LIMIT, offset: state.offset, onPage: (o) => go({ offset: o }, { scroll: true }) }));
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(results, errorBox(err, () => search({})));
    }
    results.setAttribute('aria-busy', 'false');
  }
  await search({});
}

export function procItem(p, q) {
  const name = highlight(p.name, q).map((part) => (part.hit ? h('mark', null, part.text) : part.text));
  return h('li', { class: 'proc-item' },
    h('h3', null, h('a', { href: path('/thu-tuc/:code', { code: p.code }) }, name)),
    h('div', { class: 'proc-meta' },
      h('span', { class: 'tag' }, p.code),
      p.field_name ? h('span', null, p.field_name) : null,
      p.level ? h('span', null, t(`level.${p.level}`)) : null,
      h('span', { class: 'with-ico' }, icon('clock'), procTime(p)),
      h('span', { class: ['badge', p.online_level === 'full' ? 'ok' : p.online_level === 'partial' ? 'info' : ''] }, onlineLabel(p.online_level))));
}
