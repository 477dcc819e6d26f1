// desk.js — the one-stop officer's inbox: the dossiers of the officer's unit
// and role, most urgent first, each row marked by the time left in words
// ("còn 2 ngày", "quá hạn 1 ngày 3 giờ") and by colour. Tabs by stage;
// search by code or name; refreshes itself every minute.
import { h, icon, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, itemsOf } from '../api.js';
import { fmtDate, fmtDateTime, fmtNum } from '../format.js';
import { navigate, path } from '../router.js';
import { statusBadge, timeLeftChip, emptyState, pager, loading, errorBox } from '../ui.js';
import { procName, applicantName, dueOf, urgencyOf } from '../dossier.js';
import { currentUser } from '../auth.js';

const LIMIT = 25;
const REFRESH_MS = 60000;
// The tabs. "Mine" is the inbox (the dossiers whose current step is at my unit
// and role); the others look at everything my unit holds or held (a unit
// leader: the subtree; province leaders and admins: the whole province).
export const BOXES = [
  { id: 'todo', key: 'desk.box_todo', inbox: true },
  { id: 'new', key: 'desk.box_new', state: 'submitted' },
  { id: 'processing', key: 'desk.box_processing', state: 'processing' },
  { id: 'supplement', key: 'desk.box_supplement', state: 'supplement_requested' },
  { id: 'to_return', key: 'desk.box_to_return', state: 'processed' },
  { id: 'late', key: 'desk.box_late', late: 1 },
  { id: 'all', key: 'desk.box_all' },
];

function scopeFor(role, box) {
  if (role === 'officer' || role === 'specialist') return box.inbox ? 'inbox' : 'unit';
  if (role === 'unit_leader') return box.inbox ? 'inbox' : 'subtree';
  return 'all';
}

export default async function page({ root, setTitle, query, signal, onCleanup }) {
  setTitle(t('desk.title'));
  const me = currentUser();
  const boxes = BOXES.filter((b) => !b.inbox || ['officer', 'specialist', 'unit_leader'].includes(me.role));
  const box = boxes.find((b) => b.id === query.get('box')) || boxes[0];
  const q = query.get('q') || '';
  let offset = Number(query.get('offset')) || 0;
  const list = h('div', { 'aria-live': 'polite' });
  const counts = new Map();
  const tabs = h('nav', { class: 'tabs', 'aria-label': t('desk.boxes') });
  const drawTabs = () => replace(tabs, boxes.map((b) => h('a', {
    href: path('/can-bo', {}, { box: b === boxes[0] ? '' : b.id, q }), 'aria-current': b.id === box.id ? 'page' : null,
  }, t(b.key), counts.has(b.id) ? h('span', { class: 'count' }, fmtNum(counts.get(b.id))) : null)));
  drawTabs();
  const qIn = h('input', { class: 'input', type: 'search', id: 'desk-q', value: q, maxlength: 100, placeholder: t('desk.search_ph') });
  const updated = h('span', { class: 'small muted' });
  const unitLabel = (me.unit && me.unit.name) || me.unit_name || '';

  root.append(h('div', { class: 'wrap page' },
    h('div', { class: 'row-between page-head' },
      h('div', null, h('h1', null, t('desk.title')), h('p', null, [unitLabel, t(`role.${me.role}`)].filter(Boolean).join(' · '))),
      me.role === 'officer' ? h('a', { class: 'btn secondary', href: '/thu-tuc' }, icon('upload'), t('desk.new_in_person')) : null),
    tabs,
    h('div', { class: 'row-between section' },
      h('form', { class: 'search-bar grow', role: 'search', onsubmit: (ev) => { ev.preventDefault(); navigate(path('/can-bo', {}, { box: box === boxes[0] ? '' : box.id, q: qIn.value.trim() })); } },
        h('label', { for: 'desk-q', class: 'visually-hidden' }, t('desk.search_label')), qIn,
        h('button', { class: 'btn secondary', type: 'submit' }, t('common.search'))),
      h('div', { class: 'row' }, updated, h('button', { class: 'btn ghost sm', type: 'button', onclick: () => load() }, icon('refresh'), t('common.refresh')))),
    h('div', { class: 'legend small section' },
      h('span', { class: 'tleft bad' }, icon('alert'), t('desk.legend_late')),
      h('span', { class: 'tleft warn' }, icon('clock'), t('desk.legend_soon')),
      h('span', { class: 'tleft ok' }, icon('clock'), t('desk.legend_ok'))),
    h('div', { class: 'section' }, list)));

  async function load(quietly) {
    if (!quietly) replace(list, loading());
    try {
      const r = await get('/dossiers', { scope: scopeFor(me.role, box), state: box.state, late: box.late, q, sort: 'urgency', limit: LIMIT, offset }, { signal });
      const items = itemsOf(r);
      counts.set(box.id, r.total ?? items.length);
      drawTabs();
      updated.textContent = t('desk.updated', { at: fmtDateTime(new Date()) });
      if (!items.length) { replace(list, h('div', { class: 'card' }, emptyState(t('desk.empty_title'), q ? t('desk.empty_q') : t('desk.empty_text')))); return; }
      replace(list,
        h('div', { class: 'table-wrap' }, h('table', { class: 'table inbox stack-sm', id: 'inbox' },
          h('caption', { class: 'visually-hidden' }, t(box.key)),
          h('thead', null, h('tr', null, ['desk.col_dossier', 'desk.col_procedure', 'desk.col_status', 'desk.col_received', 'desk.col_due', 'desk.col_left'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', null, items.map((d) => h('tr', { class: `u-${urgencyOf(d)}`, 'data-code': d.code },
            h('td', { class: 'cell-main' }, h('a', { class: 'row-link mono', href: path('/can-bo/ho-so/:code', { code: d.code }) }, d.code), h('div', { class: 'small' }, applicantName(d))),
            h('td', { 'data-label': t('desk.col_procedure') }, procName(d)),
            h('td', { 'data-label': t('desk.col_status') }, statusBadge(d.status)),
            h('td', { 'data-label': t('desk.col_received') }, fmtDate(d.received_at || d.submitted_at)),
            h('td', { 'data-label': t('desk.col_due') }, dueOf(d) ? fmtDate(dueOf(d)) : '—'),
            h('td', { 'data-label': t('desk.col_left') }, d.ended_at ? h('span', { class: 'muted' }, t('mine.ended')) : timeLeftChip(d.time_left))))))),
        pager({ total: r.total ?? items.length, limit: LIMIT, offset, onPage: (o) => { offset = o; load(); } }));
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(list, errorBox(err, () => load()));
    }
  }
  // The number in each tab (one small request per tab).
  async function loadCounts() {
    await Promise.all(boxes.filter((b) => b !== box).map(async (b) => {
      try {
        const r = await get('/dossiers', { scope: scopeFor(me.role, b), state: b.state, late: b.late, limit: 1 }, { signal });
        counts.set(b.id, r.total ?? 0);
      } catch { /* the tab shows no number */ }
    }));
    drawTabs();
  }
  await load();
  loadCounts();
  const timer = setInterval(() => { if (!document.hidden) { load(true); loadCounts(); } }, REFRESH_MS);
  onCleanup(() => clearInterval(timer));
}
