// admin-units.js — administrative units as a tree on a chosen date, with
// their history (validity, predecessors and successors of merges and
// splits); add and edit a unit.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, put } from '../api.js';
import { fmtDate, todayIso } from '../format.js';
import { navigate, path } from '../router.js';
import { field, input, select, section, toast, dialog, errorBox } from '../ui.js';
import { adminFrame } from './admin-nav.js';

const KINDS = ['province', 'department', 'district', 'commune', 'other'];

export default async function page({ root, setTitle, query, signal }) {
  setTitle(t('admin.units'));
  const at = query.get('at') || todayIso();
  const history = at === 'all';
  const detail = h('div');
  const treeBox = h('div');
  const atIn = input({ type: 'date', id: 'u-at', value: history ? '' : at, class: 'input short' });
  root.append(adminFrame('/quan-tri/don-vi', t('admin.units'),
    h('p', { class: 'muted' }, t('admin.units_lead')),
    h('div', { class: 'card row' },
      field({ label: t('admin.units_at'), control: atIn }).el,
      h('button', { class: 'btn secondary sm', type: 'button', onclick: () => navigate(path('/quan-tri/don-vi', {}, { at: atIn.value })) }, t('admin.show')),
      h('button', { class: history ? 'btn sm' : 'btn secondary sm', type: 'button', 'aria-pressed': String(history), onclick: () => navigate(path('/quan-tri/don-vi', {}, { at: history ? '' : 'all' })) }, t('admin.units_history')),
      h('button', { class: 'btn sm', type: 'button', onclick: () => editUnit(null) }, t('admin.unit_add'))),
    h('div', { class: 'layout-2' }, h('div', { class: 'card' }, treeBox), h('div', null, detail))));
  replace(detail, h('div', { class: 'card muted' }, t('admin.units_pick')));

  await section(treeBox, async () => {
    const r = await get('/units/tree', { at }, { signal });
    const roots = r.roots || [];
    return h('div', null,
      h('p', { class: 'small muted' }, history ? t('admin.units_all_dates') : t('admin.units_on', { d: fmtDate(r.at) })),
      h('ul', { class: 'tree', role: 'tree', 'aria-label': t('admin.units') }, roots.map((u) => node(u, 0))));
  });

  function node(u, depth) {
    const kids = u.children || [];
    const ended = u.valid_to && u.valid_to <= todayIso();
    const row = h('div', { class: ['tree-row', ended ? 'ended' : ''] },
      h('button', { class: 'link-btn tree-name', type: 'button', onclick: () => show(u.code) }, u.name),
      h('span', { class: 'tag' }, t(`unitkind.${u.kind}`)),
      h('span', { class: 'small muted mono' }, u.code),
      u.valid_from || u.valid_to ? h('span', { class: 'small muted' }, `${u.valid_from ? fmtDate(u.valid_from) : '…'} → ${u.valid_to ? fmtDate(u.valid_to) : '…'}`) : null);
    if (!kids.length) return h('li', { role: 'treeitem' }, row);
    return h('li', { role: 'treeitem', 'aria-expanded': 'true' },
      h('details', { open: depth < 1 && !ended }, h('summary', null, row, h('span', { class: 'small muted nowrap' }, ` (${kids.length})`)),
        h('ul', { class: 'tree', role: 'group' }, kids.map((k) => node(k, depth + 1)))));
  }

  async function show(code) {
    await section(detail, async () => {
      const u = await get(`/units/${encodeURIComponent(code)}`, null, { signal });
      const links = (list) => (list && list.length ? h('ul', null, list.map((x) => h('li', null,
        h('button', { class: 'link-btn', type: 'button', onclick: () => show(x.code) }, x.name), x.effective ? ` (${fmtDate(x.effective)})` : ''))) : '—');
      return h('section', { class: 'card sticky-cta', 'aria-labelledby': 'u-detail' },
        h('h2', { id: 'u-detail' }, u.name),
        h('dl', { class: 'dl' },
          h('dt', null, t('admin.code')), h('dd', { class: 'mono' }, u.code),
          h('dt', null, t('admin.kind')), h('dd', null, t(`unitkind.${u.kind}`)),
          h('dt', null, t('admin.parent')), h('dd', null, u.parent ? u.parent.name : '—'),
          h('dt', null, t('admin.valid_from')), h('dd', null, fmtDate(u.valid_from)),
          h('dt', null, t('admin.valid_to')), h('dd', null, u.valid_to ? fmtDate(u.valid_to) : t('admin.open_ended')),
          h('dt', null, t('admin.children')), h('dd', null, String(u.children_count ?? 0)),
          h('dt', null, t('admin.predecessors')), h('dd', null, links(u.predecessors)),
          h('dt', null, t('admin.successors')), h('dd', null, links(u.successors))),
        h('div', { class: 'actions section' }, h('button', { class: 'btn secondary sm', type: 'button', onclick: () => editUnit(u) }, t('common.edit'))));
    });
    detail.querySelector('h2')?.setAttribute('tabindex', '-1');
    detail.querySelector('h2')?.focus();
  }

  async function editUnit(u) {
    const f = {
      code: field({ label: t('admin.code'), required: true, control: input({ id: 'uf-code', value: u ? u.code : '', disabled: !!u, maxlength: 64 }) }),
      name: field({ label: t('admin.name'), required: true, control: input({ id: 'uf-name', value: u ? u.name : '', maxlength: 200 }) }),
      kind: field({ label: t('admin.kind'), required: true, control: select(KINDS.map((k) => ({ value: k, label: t(`unitkind.${k}`), selected: u && u.kind === k })), { id: 'uf-kind' }) }),
      parent_code: field({ label: t('admin.parent_code'), control: input({ id: 'uf-parent', value: u && u.parent ? u.parent.code : '', maxlength: 64 }) }),
      valid_from: field({ label: t('admin.valid_from'), control: input({ id: 'uf-from', type: 'date', value: u ? u.valid_from || '' : '' }) }),
      valid_to: field({ label: t('admin.valid_to'), control: input({ id: 'uf-to', type: 'date', value: u ? u.valid_to || '' : '' }) }),
      successor_codes: field({ label: t('admin.successor_codes'), hint: t('admin.successor_hint'), control: input({ id: 'uf-succ', value: u ? (u.successors || []).map((s) => s.code).join(', ') : '' }) }),
    };
    const status = h('div');
    const ok = await dialog({
      title: u ? t('admin.unit_edit', { name: u.name }) : t('admin.unit_add'),
      body: h('div', null, Object.values(f).map((x) => x.el), status),
      submitLabel: t('common.save'),
      onSubmit: async () => {
        for (const x of Object.values(f)) x.setError(null);
        const body = {
          name: f.name.input.value.trim(), kind: f.kind.input.value,
          parent_code: f.parent_code.input.value.trim() || null,
          valid_from: f.valid_from.input.value || null, valid_to: f.valid_to.input.value || null,
          successor_codes: f.successor_codes.input.value.split(',').map((s) => s.trim()).filter(Boolean),
        };
        body.code = u ? u.code : f.code.input.value.trim();
        try {
          if (u) await put(`/units/${encodeURIComponent(u.code)}`, body); else await post('/units', body);
        } catch (err) {
          const target = f[err.field];
          if (target) { target.setError(err.message); target.input.focus(); } else replace(status, errorBox(err));
          throw Object.assign(err, { shown: true });
        }
      },
    });
    if (ok) { toast(t('admin.saved'), 'ok'); navigate(location.pathname + location.search, { replace: true }); }
  }
}
