// lookup.js — public lookup of a dossier by the code printed on its receipt
// (and the lookup key, when the province requires one). No login needed.
import { h, icon, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { fmtDateTime } from '../format.js';
import { path } from '../router.js';
import { crumbs, pageHead, field, input, statusBadge, timeLeftChip, errorBox } from '../ui.js';
import { procName, dueOf, stepName } from '../dossier.js';

export default async function page({ root, setTitle, query, signal }) {
  setTitle(t('lookup.title'));
  const code = field({ label: t('lookup.code'), hint: t('lookup.code_hint'), required: true, control: input({ name: 'code', id: 'lk-code', value: query.get('code') || '', maxlength: 64, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters' }) });
  const key = field({ label: t('lookup.key'), hint: t('lookup.key_hint'), required: true, control: input({ name: 'key', id: 'lk-key', value: query.get('key') || '', maxlength: 64, autocomplete: 'off' }) });
  const out = h('div', { 'aria-live': 'polite' });
  try {
    const k = sessionStorage.getItem('motcua.lookup.key');
    if (k) { key.input.value = k; sessionStorage.removeItem('motcua.lookup.key'); }
  } catch { /* ignore */ }
  const form = h('form', { novalidate: true, role: 'search', onsubmit: (ev) => { ev.preventDefault(); run(true); } },
    h('div', { class: 'form-grid' }, code.el, key.el),
    h('button', { class: 'btn', type: 'submit' }, icon('search'), t('lookup.submit')));

  root.append(h('div', { class: 'wrap page' },
    crumbs([{ href: '/', label: t('nav.home') }, { label: t('lookup.title') }]),
    pageHead(t('lookup.title'), t('lookup.sub')),
    h('div', { class: 'card' }, form),
    h('div', { class: 'section-gap' }, out)));

  async function run(push) {
    const c = code.input.value.trim();
    const k = key.input.value.trim();
    code.setError(null); key.setError(null);
    if (!c) { code.setError(t('lookup.need_code')); code.input.focus(); return; }
    if (!k) { key.setError(t('lookup.need_key')); key.input.focus(); return; }
    if (push) history.replaceState(null, '', path('/tra-cuu', {}, { code: c }));
    replace(out, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const d = await get('/lookup', { code: c, key: k }, { signal });
      const due = dueOf(d);
      replace(out, h('div', { class: 'layout-2' },
        h('section', { class: 'card', 'aria-labelledby': 'lk-res' },
          h('div', { class: 'card-title' }, h('h2', { id: 'lk-res' }, procName(d)), statusBadge(d.status)),
          h('dl', { class: 'dl' },
            h('dt', null, t('dossier.code')), h('dd', { class: 'mono' }, d.code),
            h('dt', null, t('dossier.received')), h('dd', null, d.received_at ? fmtDateTime(d.received_at) : t('dossier.not_received')),
            h('dt', null, t('dossier.due')), h('dd', null, due ? fmtDateTime(due) : t('dossier.due_after_receive')),
            d.ended_at ? [h('dt', null, t('dossier.ended')), h('dd', null, fmtDateTime(d.ended_at))]
              : d.time_left ? [h('dt', null, t('dossier.time_left')), h('dd', null, timeLeftChip(d.time_left))] : null)),
        h('section', { class: 'card', 'aria-labelledby': 'lk-hist' }, h('h2', { id: 'lk-hist' }, t('lookup.steps')), publicSteps(d.steps))));
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(out, err.status === 404 ? h('div', { class: 'notice warn', role: 'alert' }, h('strong', null, t('lookup.not_found_title')), t('lookup.not_found')) : errorBox(err));
    }
  }
  if (query.get('code') && key.input.value) await run(false);
  else if (query.get('code')) key.input.focus();
}

// The public history: each step, where it was handled, when it started and ended.
function publicSteps(steps) {
  if (!steps || !steps.length) return h('p', { class: 'muted' }, t('lookup.no_steps'));
  return h('ol', { class: 'timeline' }, steps.map((s) => h('li', { class: s.ended_at ? 'tl-ok' : '' },
    h('div', { class: 'tl-title' }, stepName(s)),
    h('div', { class: 'tl-meta' }, [s.unit_name, `${fmtDateTime(s.started_at)} → ${s.ended_at ? fmtDateTime(s.ended_at) : t('lookup.in_progress')}`].filter(Boolean).join(' · ')))));
}
