// admin-users.js — accounts and roles: list with search, add an account
// (staff belong to a unit), disable or enable, unlock after failed logins,
// issue a one-time password-reset token.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, patch, itemsOf } from '../api.js';
import { navigate, path } from '../router.js';
import { field, input, select, dialog, toast, errorBox, pager, loading, emptyState } from '../ui.js';
import { adminFrame } from './admin-nav.js';

const ROLES = ['citizen', 'officer', 'specialist', 'unit_leader', 'province_leader', 'admin'];
const LIMIT = 25;

export default async function page({ root, setTitle, query, signal }) {
  setTitle(t('admin.users'));
  const q = query.get('q') || '';
  const role = query.get('role') || '';
  let offset = 0;
  const list = h('div');
  const qIn = h('input', { class: 'input', type: 'search', id: 'us-q', value: q, maxlength: 64, placeholder: t('admin.users_ph') });
  const roleSel = select([{ value: '', label: t('admin.any_role') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`), selected: r === role }))], { id: 'us-role', class: 'input short' });
  const go = () => navigate(path('/quan-tri/nguoi-dung', {}, { q: qIn.value.trim(), role: roleSel.value }), { replace: true });
  roleSel.addEventListener('change', go);
  root.append(adminFrame('/quan-tri/nguoi-dung', t('admin.users'),
    h('p', { class: 'muted' }, t('admin.users_lead')),
    h('div', { class: 'card row' },
      h('form', { class: 'search-bar grow', role: 'search', onsubmit: (ev) => { ev.preventDefault(); go(); } },
        h('label', { for: 'us-q', class: 'visually-hidden' }, t('admin.users_ph')), qIn, roleSel, h('button', { class: 'btn secondary', type: 'submit' }, t('common.search'))),
      h('button', { class: 'btn sm', type: 'button', onclick: () => addUser() }, t('admin.user_add'))),
    list));

  async function load() {
    replace(list, loading());
    try {
      const r = await get('/users', { q, role, limit: LIMIT, offset }, { signal });
      const items = itemsOf(r);
      if (!items.length) { replace(list, h('div', { class: 'card' }, emptyState(t('admin.users_none'), ''))); return; }
      replace(list, h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
        h('thead', null, h('tr', null, ['admin.username', 'admin.full_name', 'admin.role', 'admin.unit', 'admin.state', 'common.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, items.map((u) => h('tr', null,
          h('td', { class: 'cell-main mono' }, u.username),
          h('td', { 'data-label': t('admin.full_name') }, u.full_name),
          h('td', { 'data-label': t('admin.role') }, t(`role.${u.role}`)),
          h('td', { 'data-label': t('admin.unit') }, (u.unit && u.unit.name) || u.unit_name || '—'),
          h('td', { 'data-label': t('admin.state') }, u.disabled ? h('span', { class: 'badge' }, t('admin.disabled')) : u.locked ? h('span', { class: 'badge warn' }, t('admin.locked')) : h('span', { class: 'badge ok' }, t('admin.active'))),
          h('td', { 'data-label': t('common.actions') }, h('div', { class: 'actions' },
            h('button', { class: 'btn ghost sm', type: 'button', onclick: () => setDisabled(u, !u.disabled) }, u.disabled ? t('admin.enable') : t('admin.disable')),
            u.locked ? h('button', { class: 'btn ghost sm', type: 'button', onclick: () => unlock(u) }, t('admin.unlock')) : null,
            h('button', { class: 'btn ghost sm', type: 'button', onclick: () => resetToken(u) }, t('admin.reset'))))))))),
      pager({ total: r.total ?? items.length, limit: LIMIT, offset, onPage: (o) => { offset = o; load(); } }));
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(list, err.status === 404 && err.code === 'http.not_found'
        ? h('div', { class: 'notice warn' }, h('strong', null, t('admin.users_no_api_title')), t('admin.users_no_api'))
        : errorBox(err, load));
    }
  }

  async function setDisabled(u, disabled) {
    try { await patch(`/users/${encodeURIComponent(u.username)}`, { disabled }); toast(t('admin.saved'), 'ok'); load(); } catch (err) { toast(err.message, 'bad'); }
  }
  async function unlock(u) {
    try { await post(`/users/${encodeURIComponent(u.username)}/unlock`, {}); toast(t('admin.saved'), 'ok'); load(); } catch (err) { toast(err.message, 'bad'); }
  }
  async function resetToken(u) {
    try {
      const r = await post(`/users/${encodeURIComponent(u.username)}/reset-token`, {});
      await dialog({ title: t('admin.reset_title', { user: u.username }), body: h('div', null, h('p', null, t('admin.reset_text')), h('p', { class: 'receipt' }, h('span', { class: 'code' }, r.token))), submitLabel: t('common.close'), cancelLabel: t('common.close') });
    } catch (err) { toast(err.message, 'bad'); }
  }

  async function addUser() {
    const f = {
      username: field({ label: t('admin.username'), required: true, control: input({ id: 'nu-username', maxlength: 64, autocomplete: 'off' }) }),
      full_name: field({ label: t('admin.full_name'), required: true, control: input({ id: 'nu-name', maxlength: 200 }) }),
      role: field({ label: t('admin.role'), required: true, control: select(ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })), { id: 'nu-role' }) }),
      unit_code: field({ label: t('admin.unit_code'), hint: t('admin.unit_code_hint'), control: input({ id: 'nu-unit', maxlength: 64 }) }),
      password: field({ label: t('login.password'), required: true, hint: t('admin.password_hint'), control: input({ id: 'nu-pass', type: 'password', autocomplete: 'new-password', maxlength: 256 }) }),
      email: field({ label: t('apply.email'), control: input({ id: 'nu-email', type: 'email', maxlength: 254 }) }),
    };
    const status = h('div');
    const ok = await dialog({
      title: t('admin.user_add'), body: h('div', null, Object.values(f).map((x) => x.el), status), submitLabel: t('common.save'),
      onSubmit: async () => {
        for (const x of Object.values(f)) x.setError(null);
        const body = Object.fromEntries(Object.entries(f).map(([k, x]) => [k, x.input.value.trim() || undefined]));
        try { await post('/users', body); } catch (err) {
          if (f[err.field]) { f[err.field].setError(err.message); f[err.field].input.focus(); } else replace(status, errorBox(err));
          throw Object.assign(err, { shown: true });
        }
      },
    });
    if (ok) { toast(t('admin.saved'), 'ok'); load(); }
  }
  await load();
}
