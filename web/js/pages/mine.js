// mine.js — "my dossiers": every dossier of the logged-in citizen with its
// status, return date and time left; each opens its history.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, itemsOf } from '../api.js';
import { fmtDate } from '../format.js';
import { path } from '../router.js';
import { crumbs, pageHead, statusBadge, timeLeftChip, emptyState, pager, loading, errorBox } from '../ui.js';
import { procName, dueOf } from '../dossier.js';

const LIMIT = 20;

export default async function page({ root, setTitle, signal, query }) {
  setTitle(t('mine.title'));
  const box = h('div');
  let offset = Number(query.get('offset')) || 0;
  root.append(h('div', { class: 'wrap page' },
    crumbs([{ href: '/', label: t('nav.home') }, { label: t('mine.title') }]),
    pageHead(t('mine.title'), t('mine.sub'), h('div', { class: 'actions' }, h('a', { class: 'btn', href: '/thu-tuc?online=online' }, t('mine.new')))),
    box));

  async function load() {
    replace(box, loading());
    try {
      const r = await get('/dossiers', { sort: 'newest', limit: LIMIT, offset }, { signal });
      const items = itemsOf(r);
      if (!items.length) {
        replace(box, h('div', { class: 'card' }, emptyState(t('mine.none_title'), t('mine.none_text'), h('a', { class: 'btn', href: '/thu-tuc' }, t('mine.find')))));
        return;
      }
      replace(box, h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm', id: 'mine-table' },
        h('caption', { class: 'visually-hidden' }, t('mine.title')),
        h('thead', null, h('tr', null, ['mine.col_dossier', 'mine.col_status', 'mine.col_submitted', 'mine.col_due', 'mine.col_left'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, items.map((d) => h('tr', null,
          h('td', { class: 'cell-main' }, h('a', { class: 'row-link', href: path('/ho-so-cua-toi/:code', { code: d.code }) }, procName(d)), h('div', { class: 'small muted mono' }, d.code)),
          h('td', { 'data-label': t('mine.col_status') }, statusBadge(d.status)),
          h('td', { 'data-label': t('mine.col_submitted') }, fmtDate(d.submitted_at)),
          h('td', { 'data-label': t('mine.col_due') }, dueOf(d) ? fmtDate(dueOf(d)) : '—'),
          h('td', { 'data-label': t('mine.col_left') }, d.ended_at ? h('span', { class: 'muted' }, t('mine.ended')) : timeLeftChip(d.time_left))))))),
        pager({ total: r.total ?? items.length, limit: LIMIT, offset, onPage: (o) => { offset = o; load(); } }));
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(box, errorBox(err, load));
    }
  }
  await load();
}
