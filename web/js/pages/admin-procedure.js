// admin-procedure.js — edit one procedure (or add one: code "moi"): the
// catalogue facts, fees and components as editable rows, and the e-form and
// workflow as JSON with a live preview of what the citizen and the officers
// will see. The server checks everything again; its error names the member
// ("fees[2].amount") and is shown next to it or in the summary.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, put } from '../api.js';
import { navigate, path } from '../router.js';
import { field, input, select, textarea, toast, errorSummary } from '../ui.js';
import { buildForm } from '../eform.js';
import { adminFrame } from './admin-nav.js';
import { UNIT_KINDS } from './catalogue.js';

const LEVELS = ['province', 'department', 'district', 'commune'];
const TIME_UNITS = ['working_days', 'working_hours', 'days', 'same_day'];
const ONLINE = ['full', 'partial', 'none'];
const RESULTS = ['paper', 'electronic', 'both'];
const CITIZEN = ['citizen', 'business', 'both'];
const OUTPUT_ONLY = ['id', 'time_label', 'created_at', 'updated_at'];

export default async function page({ root, params, setTitle, signal }) {
  const isNew = params.code === 'moi';
  const p = isNew ? { unit_kinds: ['commune'], time_amount: 5, time_unit: 'working_days', online_level: 'partial', result_type: 'both', citizen_kind: 'citizen', level: 'commune', active: true, fees: [], components: [], eform: { fields: [] }, workflow: null }
    : await get(`/procedures/${encodeURIComponent(params.code)}`, null, { signal });
  setTitle(isNew ? t('admin.proc_add') : p.name);
  const F = {};
  const txt = (k, label, attrs = {}) => { F[k] = field({ label, required: attrs.required, control: input({ id: `pf-${k}`, value: p[k] ?? '', ...attrs, required: null }) }); return F[k].el; };
  const sel = (k, label, opts, prefix) => { F[k] = field({ label, control: select(opts.map((o) => ({ value: o, label: t(`${prefix}.${o}`), selected: p[k] === o })), { id: `pf-${k}` }) }); return F[k].el; };
  const chk = (k, label) => {
    const cb = h('input', { type: 'checkbox', id: `pf-${k}`, checked: !!p[k] });
    const err = h('p', { class: 'field-error', hidden: true });
    F[k] = { input: cb, el: h('div', { class: 'field check' }, cb, h('label', { for: cb.id }, label), err), setError: (m) => { err.hidden = !m; err.textContent = m || ''; }, id: cb.id };
    return F[k].el;
  };
  const kindBoxes = UNIT_KINDS.map((k) => h('input', { type: 'checkbox', id: `pf-uk-${k}`, value: k, checked: (p.unit_kinds || []).includes(k) }));
  const kindErr = h('p', { class: 'field-error', hidden: true });
  F.unit_kinds = { el: null, input: kindBoxes[0], id: kindBoxes[0].id, setError: (m) => { kindErr.hidden = !m; kindErr.textContent = m || ''; } };

  const fees = rowsEditor('fees', p.fees || [], [
    { k: 'code', label: t('admin.code') }, { k: 'name', label: t('admin.name'), wide: true },
    { k: 'amount', label: t('proc.fee_amount'), type: 'number' },
    { k: 'kind', label: t('proc.fee_kind'), options: ['phi', 'le_phi'], prefix: 'feekind' }]);
  const comps = rowsEditor('components', p.components || [], [
    { k: 'code', label: t('admin.code') }, { k: 'name', label: t('admin.name'), wide: true },
    { k: 'required', label: t('proc.required'), type: 'checkbox', def: true }, { k: 'from_store', label: t('proc.from_store'), type: 'checkbox' }]);

  const eformTa = textarea({ id: 'pf-eform', class: 'input code-edit', spellcheck: 'false' });
  eformTa.value = JSON.stringify(p.eform || { fields: [] }, null, 2);
  F.eform = field({ label: t('admin.eform_json'), hint: t('admin.eform_hint'), control: eformTa });
  const wfTa = textarea({ id: 'pf-workflow', class: 'input code-edit', spellcheck: 'false' });
  wfTa.value = p.workflow ? JSON.stringify(p.workflow, null, 2) : '';
  F.workflow = field({ label: t('admin.workflow_json'), hint: t('admin.workflow_hint'), control: wfTa });
  const eformPreview = h('div', { class: 'preview' });
  const wfPreview = h('div', { class: 'preview' });
  const drawEform = () => {
    try {
      const def = JSON.parse(eformTa.value || 'null');
      F.eform.setError(null);
      replace(eformPreview, def && def.fields && def.fields.length ? buildForm(def, {}, { idPrefix: 'pv' }).el : h('p', { class: 'muted' }, t('admin.eform_empty')));
    } catch (e) { F.eform.setError(t('admin.bad_json', { msg: e.message })); }
  };
  const drawWf = () => {
    try {
      const def = wfTa.value.trim() ? JSON.parse(wfTa.value) : null;
      F.workflow.setError(null);
      const steps = (def && def.steps) || [];
      replace(wfPreview, h('ol', { class: 'timeline' },
        h('li', null, h('div', { class: 'tl-title' }, t('step.tiep_nhan')), h('div', { class: 'tl-meta' }, t('role.officer'))),
        (steps.length ? steps : [{ name: t('step.xu_ly'), role: 'specialist' }, { name: t('step.phe_duyet'), role: 'unit_leader' }]).map((s) =>
          h('li', null, h('div', { class: 'tl-title' }, s.name), h('div', { class: 'tl-meta' }, [t(`role.${s.role}`), s.unit, s.share ? `${Math.round(s.share * 100)}%` : ''].filter(Boolean).join(' · ')))),
        h('li', { class: 'tl-ok' }, h('div', { class: 'tl-title' }, t('step.tra_ket_qua')), h('div', { class: 'tl-meta' }, t('role.officer')))),
      steps.length ? null : h('p', { class: 'small muted' }, t('admin.workflow_default')));
    } catch (e) { F.workflow.setError(t('admin.bad_json', { msg: e.message })); }
  };
  eformTa.addEventListener('input', drawEform);
  wfTa.addEventListener('input', drawWf);
  drawEform(); drawWf();

  const summary = h('div');
  const saveBtn = h('button', { class: 'btn', type: 'submit' }, t('common.save'));
  const form = h('form', { novalidate: true, onsubmit: save },
    summary,
    h('section', { class: 'card' }, h('h2', null, t('admin.proc_general')),
      h('div', { class: 'form-grid' },
        txt('code', t('admin.code'), { disabled: !isNew, maxlength: 64, required: true }),
        txt('name', t('admin.name'), { maxlength: 500, required: true }),
        txt('field_code', t('admin.field_code'), { maxlength: 40, required: true }),
        txt('field_name', t('admin.field_name'), { maxlength: 200 }),
        sel('level', t('admin.level'), LEVELS, 'level'),
        sel('citizen_kind', t('admin.citizen_kind'), CITIZEN, 'citizenkind'),
        h('fieldset', { class: 'field span-2' }, h('legend', null, t('cat.unit_kind')), kindErr,
          h('div', { class: 'row' }, kindBoxes.map((cb) => h('span', { class: 'check' }, cb, h('label', { for: cb.id }, t(`unitkind.${cb.value}`)))))),
        chk('active', t('admin.active')))),
    h('section', { class: 'card' }, h('h2', null, t('admin.proc_time')),
      h('div', { class: 'form-grid' },
        txt('time_amount', t('admin.time_amount'), { inputmode: 'numeric' }),
        sel('time_unit', t('admin.time_unit'), TIME_UNITS, 'timeunit_name'),
        chk('rule_1500', t('admin.rule_1500')))),
    h('section', { class: 'card' }, h('h2', null, t('admin.proc_online')),
      h('div', { class: 'form-grid' },
        sel('online_level', t('proc.online'), ONLINE, 'online'),
        sel('result_type', t('proc.result'), RESULTS, 'result'),
        chk('full_eligible', t('admin.full_eligible')),
        chk('payment_integrated', t('admin.payment_integrated')))),
    h('section', { class: 'card' }, h('h2', null, t('proc.legal')),
      h('div', { class: 'form-grid' },
        txt('decided_on', t('proc.decided_on'), { type: 'date' }),
        txt('effective_on', t('proc.effective_on'), { type: 'date' }),
        txt('published_on', t('proc.published_on'), { type: 'date' }))),
    h('section', { class: 'card' }, h('h2', null, t('proc.fees')), fees.el),
    h('section', { class: 'card' }, h('h2', null, t('proc.components')), comps.el),
    h('section', { class: 'card' }, h('h2', null, t('admin.eform')),
      h('div', { class: 'form-grid' }, h('div', null, F.eform.el), h('div', null, h('p', { class: 'label' }, t('admin.preview')), eformPreview))),
    h('section', { class: 'card' }, h('h2', null, t('admin.workflow')),
      h('div', { class: 'form-grid' }, h('div', null, F.workflow.el), h('div', null, h('p', { class: 'label' }, t('admin.preview')), wfPreview))),
    h('div', { class: 'actions' }, saveBtn, h('a', { class: 'btn secondary', href: '/quan-tri/thu-tuc' }, t('common.cancel')),
      isNew ? null : h('a', { class: 'btn ghost', href: path('/thu-tuc/:code', { code: p.code }) }, t('admin.view_public'))));

  root.append(adminFrame('/quan-tri/thu-tuc', isNew ? t('admin.proc_add') : p.name, form));

  async function save(ev) {
    ev.preventDefault();
    for (const f of Object.values(F)) f.setError(null);
    replace(summary);
    const doc = { ...p };
    for (const k of OUTPUT_ONLY) delete doc[k];
    for (const k of ['code', 'name', 'field_code', 'field_name', 'decided_on', 'effective_on', 'published_on']) doc[k] = F[k].input.value.trim() || null;
    for (const k of ['level', 'citizen_kind', 'time_unit', 'online_level', 'result_type']) doc[k] = F[k].input.value;
    for (const k of ['active', 'rule_1500', 'full_eligible', 'payment_integrated']) doc[k] = F[k].input.checked;
    doc.time_amount = Number(F.time_amount.input.value);
    doc.unit_kinds = kindBoxes.filter((c) => c.checked).map((c) => c.value);
    doc.fees = fees.value().map((f) => ({ ...f, amount: Number(f.amount) || 0 }));
    doc.components = comps.value();
    const problems = [];
    try { doc.eform = JSON.parse(eformTa.value || 'null'); } catch (e) { F.eform.setError(t('admin.bad_json', { msg: e.message })); problems.push({ id: F.eform.id, message: t('admin.bad_json', { msg: e.message }) }); }
    try { doc.workflow = wfTa.value.trim() ? JSON.parse(wfTa.value) : null; } catch (e) { F.workflow.setError(t('admin.bad_json', { msg: e.message })); problems.push({ id: F.workflow.id, message: t('admin.bad_json', { msg: e.message }) }); }
    if (!doc.name) { F.name.setError(t('eform.required')); problems.push({ id: F.name.id, label: t('admin.name'), message: t('eform.required') }); }
    if (!doc.code) { F.code.setError(t('eform.required')); problems.push({ id: F.code.id, label: t('admin.code'), message: t('eform.required') }); }
    if (problems.length) { replace(summary, errorSummary(problems)); summary.firstChild.focus(); return; }
    saveBtn.disabled = true;
    try {
      if (isNew) await post('/procedures', doc); else await put(`/procedures/${encodeURIComponent(p.code)}`, doc);
      toast(t('admin.saved'), 'ok');
      navigate(path('/quan-tri/thu-tuc/:code', { code: doc.code }), { replace: true });
    } catch (err) {
      saveBtn.disabled = false;
      const top = String(err.field || '').split(/[.[]/)[0];
      const target = F[top];
      if (target) target.setError(err.message);
      const s = errorSummary([{ id: target ? target.id : (top === 'fees' ? 'fees-add' : top === 'components' ? 'components-add' : F.name.id), message: err.message }]);
      replace(summary, s);
      s.focus();
    }
  }
}

// Editable rows (fees, components): one line of inputs per item, add and remove.
function rowsEditor(name, items, cols) {
  const body = h('tbody');
  const rows = [];
  function addRow(item = {}) {
    const inputs = {};
    const tr = h('tr', null, cols.map((c) => {
      let el;
      const id = `${name}-${rows.length}-${c.k}`;
      if (c.type === 'checkbox') el = h('input', { type: 'checkbox', id, checked: item[c.k] ?? c.def ?? false });
      else if (c.options) el = select(c.options.map((o) => ({ value: o, label: t(`${c.prefix}.${o}`), selected: item[c.k] === o })), { id });
      else el = input({ id, value: item[c.k] ?? '', inputmode: c.type === 'number' ? 'numeric' : null });
      el.setAttribute('aria-label', c.label);
      inputs[c.k] = el;
      return h('td', { 'data-label': c.label, class: c.wide ? 'cell-main' : null }, el);
    }), h('td', null, h('button', { class: 'btn ghost sm', type: 'button', onclick: () => { tr.remove(); rows.splice(rows.indexOf(entry), 1); } }, t('apply.remove'))));
    const entry = { tr, inputs };
    rows.push(entry);
    body.append(tr);
  }
  items.forEach(addRow);
  return {
    el: h('div', null,
      h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
        h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c.label)), h('th', null, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
        body)),
      h('div', { class: 'actions section' }, h('button', { class: 'btn secondary sm', type: 'button', id: `${name}-add`, onclick: () => addRow() }, t('admin.add_row')))),
    value: () => rows.map((r) => Object.fromEntries(cols.map((c) => [c.k, c.type === 'checkbox' ? r.inputs[c.k].checked : r.inputs[c.k].value.trim()]))),
  };
}
