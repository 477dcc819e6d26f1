// admin-procedures.js — the catalogue as the administrator sees it: every
// procedure (active or not) with its e-form and workflow at a glance; open
// one to edit; add; import and export the whole catalogue.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, itemsOf, sendRaw } from '../api.js';
import { fmtNum, onlineLabel, procTime } from '../format.js';
import { navigate, path } from '../router.js';
import { pager, loading, errorBox, emptyState, toast } from '../ui.js';
import { adminFrame } from './admin-nav.js';

const LIMIT = 25;

export default async function page({ root, setTitle, query, signal }) {
  setTitle(t('admin.procedures'));
  const q = query.get('q') || '';
  let offset = Number(query.get('offset')) || 0;
  const list = h('div');
  const qIn = h('input', { class: 'input', type: 'search', id: 'ap-q', value: q, maxlength: 200, placeholder: t('cat.placeholder') });
  const fileIn = h('input', { type: 'file', id: 'ap-import', class: 'file-input', accept: '.json,.csv,application/json,text/csv' });
  const importStatus = h('div', { 'aria-live': 'polite' });
  fileIn.addEventListener('change', async () => {
    const file = fileIn.files[0];
    if (!file) return;
    replace(importStatus, h('p', { class: 'muted' }, t('admin.importing')));
    try {
      const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
      const data = await sendRaw('POST', '/procedures/import', file, isCsv ? 'text/csv' : 'application/json');
      replace(importStatus, h('div', { class: 'notice ok' }, t('admin.imported', { n: data.imported ?? data.count ?? '' })));
      toast(t('admin.imported', { n: data.imported ?? data.count ?? '' }), 'ok');
      load();
    } catch (err) { replace(importStatus, errorBox(err)); }
    fileIn.value = '';
  });

  root.append(adminFrame('/quan-tri/thu-tuc', t('admin.procedures'),
    h('p', { class: 'muted' }, t('admin.procedures_lead')),
    h('div', { class: 'card stack' },
      h('form', { class: 'search-bar', role: 'search', onsubmit: (ev) => { ev.preventDefault(); navigate(path('/quan-tri/thu-tuc', {}, { q: qIn.value.trim() }), { replace: true }); } },
        h('label', { for: 'ap-q', class: 'visually-hidden' }, t('cat.search_label')), qIn, h('button', { class: 'btn secondary', type: 'submit' }, t('common.search'))),
      h('div', { class: 'row' },
        h('a', { class: 'btn sm', href: path('/quan-tri/thu-tuc/:code', { code: 'moi' }) }, t('admin.proc_add')),
        h('a', { class: 'btn secondary sm', href: '/api/v1/procedures/export?format=json', download: 'procedures.json', 'data-external': '' }, t('admin.export_json')),
        h('a', { class: 'btn secondary sm', href: '/api/v1/procedures/export?format=csv', download: 'procedures.csv', 'data-external': '' }, t('admin.export_csv')),
        h('label', { for: 'ap-import', class: 'btn secondary sm' }, t('admin.import')), fileIn),
      importStatus),
    list));

  async function load() {
    replace(list, loading());
    try {
      const r = await get('/procedures', { q, limit: LIMIT, offset, include_inactive: 1 }, { signal });
      const items = itemsOf(r);
      if (!items.length) { replace(list, h('div', { class: 'card' }, emptyState(t('cat.none_title'), t('cat.none_text')))); return; }
      replace(list, h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
        h('thead', null, h('tr', null, ['admin.code', 'admin.name', 'cat.field', 'proc.time', 'proc.online', 'admin.state'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, items.map((p) => h('tr', null,
          h('td', { class: 'mono', 'data-label': t('admin.code') }, p.code),
          h('td', { class: 'cell-main' }, h('a', { class: 'row-link', href: path('/quan-tri/thu-tuc/:code', { code: p.code }) }, p.name)),
          h('td', { 'data-label': t('cat.field') }, p.field_name || p.field_code),
          h('td', { 'data-label': t('proc.time') }, procTime(p)),
          h('td', { 'data-label': t('proc.online') }, onlineLabel(p.online_level)),
          h('td', { 'data-label': t('admin.state') }, p.active === false ? h('span', { class: 'badge' }, t('admin.inactive')) : h('span', { class: 'badge ok' }, t('admin.active')))))))),
      h('p', { class: 'small muted' }, t('cat.count', { n: fmtNum(r.total ?? items.length) })),
      pager({ total: r.total ?? items.length, limit: LIMIT, offset, onPage: (o) => { offset = o; load(); } }));
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(list, errorBox(err, load));
    }
  }
  await load();
}
