// desk-dossier.js — one dossier at the desk: what the citizen sent (e-form
// data, papers), the history and per-step timing, the legal slips, and the
// actions allowed now — only those the server lists for this user at this
// moment. Each action asks for what it needs (a reason, a unit, a file) in a
// dialog; a 409 (no longer allowed) reloads the dossier and says why.
import { h, icon, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, upload, itemsOf } from '../api.js';
import { path } from '../router.js';
import { crumbs, statusBadge, timeLeftChip, toast, dialog, field, textarea, select, input, errorBox } from '../ui.js';
import { procName, applicantName, summaryList, timeline, stepsTable, attachmentList, formData, applicantList,
  allowedActions, actionLabel, supplementRequest, procedureOf } from '../dossier.js';
import { todayIso } from '../format.js';

// What each action asks for: reason (required by the server for refuse,
// request_supplement, stop and apology; printed on the slip), note, a unit,
// a date, a result file.
const ACTIONS = {
  receive: { tone: 'ok', note: true },
  refuse: { tone: 'danger', reason: 'act.reason_refuse' },
  request_supplement: { tone: 'warn', reason: 'act.what_missing' },
  complete_supplement: { tone: '', note: true },
  forward: { tone: 'ok', note: true },
  send_back: { tone: 'warn', note: true, noteRequired: true },
  transfer: { tone: '', note: true, unit: true },
  request_payment: { tone: '', note: true },
  confirm_payment: { tone: 'ok', note: true },
  stop: { tone: 'danger', reason: 'act.reason_stop' },
  apology: { tone: 'warn', reason: 'act.reason_apology', date: true },
  return_result: { tone: 'ok', note: true, result: true },
  withdraw: { tone: 'danger', note: true, noteRequired: true },
};
const ORDER = ['receive', 'forward', 'return_result', 'confirm_payment', 'request_payment', 'request_supplement', 'complete_supplement', 'transfer', 'send_back', 'apology', 'stop', 'refuse', 'withdraw'];

export default async function page(ctx) {
  const { root, params, setTitle, signal } = ctx;
  const d = await get(`/dossiers/${encodeURIComponent(params.code)}`, null, { signal });
  const proc = await procedureOf(d);
  setTitle(`${d.code} — ${procName(d)}`);
  const acts = allowedActions(d).filter((a) => a !== 'rate');
  acts.sort((a, b) => (ORDER.indexOf(a) + 100 * (ORDER.indexOf(a) < 0)) - (ORDER.indexOf(b) + 100 * (ORDER.indexOf(b) < 0)));
  const reload = async () => { const { render } = await import('../router.js'); render(); };
  const sup = d.status === 5 ? supplementRequest(d) : null;

  const bar = h('div', { class: 'action-bar', role: 'group', 'aria-labelledby': 'act-label' },
    h('span', { class: 'label', id: 'act-label' }, t('desk.actions_now')),
    acts.length ? acts.map((a) => {
      const spec = ACTIONS[a] || { tone: '', note: true };
      const cls = { ok: 'btn ok', danger: 'btn danger', warn: 'btn warn', '': 'btn secondary' }[spec.tone] || 'btn secondary';
      return h('button', { class: `${cls} sm`, type: 'button', 'data-action': a, onclick: () => act(d, a, spec, reload) }, actionLabel(a));
    }) : h('span', { class: 'muted' }, d.ended_at ? t('desk.closed') : t('desk.no_actions')));

  root.append(h('div', { class: 'wrap page' },
    crumbs([{ href: '/can-bo', label: t('desk.title') }, { label: d.code }]),
    h('div', { class: 'dossier-head' },
      h('div', null, h('h1', null, procName(d)),
        h('p', { class: 'row' }, h('span', { class: 'dossier-code' }, d.code), applicantName(d) ? h('span', { class: 'muted' }, '· ', applicantName(d)) : null)),
      h('div', { class: 'row' }, statusBadge(d.status), !d.ended_at && d.time_left ? timeLeftChip(d.time_left) : null)),
    bar,
    sup ? h('div', { class: 'notice warn section' }, h('strong', null, t('desk.waiting_supplement')), sup.reason || sup.note || '') : null,
    h('div', { class: 'layout-2' },
      h('div', { class: 'stack' },
        h('section', { class: 'card', 'aria-labelledby': 'dd-app' }, h('h2', { id: 'dd-app' }, t('dossier.applicant')), applicantList(d)),
        h('section', { class: 'card', 'aria-labelledby': 'dd-form' }, h('h2', { id: 'dd-form' }, t('dossier.form')), formData(d, proc)),
        h('section', { class: 'card', 'aria-labelledby': 'dd-files' }, h('h2', { id: 'dd-files' }, t('dossier.files')), attachmentList(d, proc)),
        h('section', { class: 'card', 'aria-labelledby': 'dd-steps' }, h('h2', { id: 'dd-steps' }, t('dossier.steps')), stepsTable(d.steps))),
      h('div', { class: 'stack' },
        h('section', { class: 'card', 'aria-labelledby': 'dd-sum' }, h('h2', { id: 'dd-sum' }, t('dossier.summary')), summaryList(d)),
        h('section', { class: 'card', 'aria-labelledby': 'dd-slips' }, h('h2', { id: 'dd-slips' }, t('slip.title')), slipLinks(d)),
        h('section', { class: 'card', 'aria-labelledby': 'dd-hist' }, h('h2', { id: 'dd-hist' }, t('dossier.history')), timeline(d.events))))));
}

// The legal slips (forms 01–07 of the circular) that exist for this dossier.
function slipLinks(d) {
  const evs = new Set((d.events || []).map((e) => e.action || e.event));
  const forms = [];
  if (d.received_at || evs.has('receive')) forms.push('01');
  if (evs.has('request_supplement')) forms.push('02');
  if (evs.has('refuse') || d.status === 3) forms.push('03');
  if (evs.has('apology')) forms.push('04');
  if (evs.has('stop') || d.status === 8) forms.push('05');
  forms.push('06');
  return h('ul', { class: 'attach-list' }, forms.map((f) => h('li', null,
    h('a', { href: path('/can-bo/ho-so/:code/phieu/:form', { code: d.code, form: f }) }, icon('doc'), ' ', t(`slip.f${f}`)),
    h('span', { class: 'small muted' }, t('slip.form_no', { n: f })))));
}

async function act(d, action, spec, reload) {
  const parts = [];
  let reason = null; let note = null; let unitSel = null; let dateIn = null; let fileIn = null;
  if (spec.reason) {
    reason = field({ label: t(spec.reason), hint: t('act.reason_hint'), required: true, control: textarea({ id: 'act-reason', maxlength: 2000, rows: 3 }) });
    parts.push(reason);
  }
  if (spec.unit) {
    unitSel = select([{ value: '', label: t('form.choose') }], { id: 'act-unit' });
    get('/units', { limit: 200 }).then((r) => {
      for (const u of itemsOf(r)) if (u.code !== (d.handling_unit && d.handling_unit.code)) unitSel.append(h('option', { value: u.code }, u.name));
    }).catch(() => {});
    parts.push(field({ label: t('act.to_unit'), required: true, control: unitSel }));
  }
  if (spec.date) {
    dateIn = input({ type: 'date', id: 'act-date', min: todayIso(1) });
    parts.push(field({ label: t('act.new_date'), required: true, control: dateIn }));
  }
  if (spec.result) {
    fileIn = h('input', { type: 'file', id: 'act-file', class: 'file-input', accept: '.pdf,.jpg,.jpeg,.png' });
    parts.push(field({ label: t('act.result_file'), hint: t('act.result_file_hint'), control: fileIn }));
  }
  if (spec.note) {
    note = field({ label: t(spec.noteRequired ? 'act.reason_back' : 'act.note'), required: !!spec.noteRequired, control: textarea({ id: 'act-note', maxlength: 2000, rows: 3 }) });
    parts.push(note);
  }
  const status = h('div');
  const ok = await dialog({
    title: actionLabel(action),
    body: h('div', null, h('p', { class: 'muted' }, t(`act.explain_${action}`)), parts.map((p) => p.el), status),
    submitLabel: actionLabel(action),
    submitClass: spec.tone === 'danger' ? 'btn danger' : 'btn',
    onSubmit: async () => {
      const fail = (f, msg) => { f.setError(msg); f.input.focus(); throw Object.assign(new Error(msg), { shown: true }); };
      for (const p of parts) p.setError(null);
      replace(status);
      if (reason && !reason.input.value.trim()) fail(reason, t('act.need_reason'));
      if (note && spec.noteRequired && !note.input.value.trim()) fail(note, t('act.need_reason'));
      if (unitSel && !unitSel.value) fail(parts.find((p) => p.input === unitSel), t('apply.need_unit'));
      if (dateIn && !dateIn.value) fail(parts.find((p) => p.input === dateIn), t('eform.required'));
      const body = { version: d.version };
      if (reason) body.reason = reason.input.value.trim();
      if (note && note.input.value.trim()) body.note = note.input.value.trim();
      if (unitSel) body.to_unit = unitSel.value;
      if (dateIn) body.new_due = dateIn.value;
      try {
        if (fileIn && fileIn.files[0]) {
          await upload(`/dossiers/${encodeURIComponent(d.code)}/attachments`, fileIn.files[0], { query: { kind: 'result', name: fileIn.files[0].name } }).promise;
          delete body.version;   // the upload itself moved the version on
        }
        await post(`/dossiers/${encodeURIComponent(d.code)}/actions/${action}`, body);
      } catch (err) {
        const target = { reason, note, to_unit: parts.find((p) => p.input === unitSel), new_due: parts.find((p) => p.input === dateIn) }[err.field];
        if (err.status === 409 || err.code === 'dossier.not_your_turn') {
          replace(status, h('div', { class: 'notice warn', role: 'alert' }, h('strong', null, t('act.not_allowed')),
            err.allowed && err.allowed.length ? t('act.allowed_now', { list: err.allowed.map(actionLabel).join(', ') }) : err.message,
            h('div', { class: 'actions' }, h('button', { class: 'btn secondary sm', type: 'button', onclick: () => { document.querySelector('dialog.dialog')?.close(); reload(); } }, t('act.reload')))));
        } else if (target && target.setError) {
          target.setError(err.message);
        } else {
          replace(status, errorBox(err));
        }
        throw Object.assign(err, { shown: true });
      }
      return true;
    },
  });
  if (ok) { toast(t('act.done', { action: actionLabel(action) }), 'ok'); reload(); }
}
