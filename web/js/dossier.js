// dossier.js — pieces shown wherever a dossier is: its summary facts, the
// history (timeline), the per-step timing (form 06), the attachments and the
// e-form data; and the names of the workflow actions.
import { h, icon } from './dom.js';
import { t, has, getLang } from './i18n.js';
import { get } from './api.js';
import { fmtDateTime, fmtBytes, statusLabel, statusTone, fmtDaysHours } from './format.js';
import { showValue } from './eform.js';
import { statusBadge, timeLeftChip } from './ui.js';

export const procName = (d) => d.procedure_name || (d.procedure && d.procedure.name) || d.procedure_code || '';
export const procCode = (d) => d.procedure_code || (d.procedure && (d.procedure.code || d.procedure)) || '';
export const unitName = (d) => (d.handling_unit && d.handling_unit.name) || (d.receiving_unit && d.receiving_unit.name) || '';
export const receivingUnitName = (d) => (d.receiving_unit && d.receiving_unit.name) || unitName(d);
export const applicantName = (d) => d.applicant_name || (d.applicant && d.applicant.name) || '';
export const dueOf = (d) => d.due_at || d.return_date || d.appointment_at || null;

export function actionLabel(a) { return has(`action.${a}`) ? t(`action.${a}`) : a; }
export function eventLabel(e) {
  const a = e.action || e.event || e.kind;
  if (a && has(`event.${a}`)) return t(`event.${a}`);
  if (e.status) return statusLabel(e.status);
  return a || '';
}

// The dossier's procedure (its e-form, components), cached for a minute.
const procs = new Map();
export async function procedureOf(d) {
  const code = procCode(d);
  if (!code) return null;
  const hit = procs.get(code);
  if (hit && Date.now() - hit.at < 60000) return hit.p;
  const p = get(`/procedures/${encodeURIComponent(code)}`).catch(() => null);
  procs.set(code, { p, at: Date.now() });
  return p;
}

export function summaryList(d, extra = []) {
  const due = dueOf(d);
  return h('dl', { class: 'dl' },
    h('dt', null, t('dossier.code')), h('dd', null, h('span', { class: 'dossier-code' }, d.code)),
    h('dt', null, t('dossier.procedure')), h('dd', null, procName(d)),
    h('dt', null, t('dossier.status')), h('dd', null, statusBadge(d.status)),
    receivingUnitName(d) ? [h('dt', null, t('dossier.receiving_unit')), h('dd', null, receivingUnitName(d))] : null,
    unitName(d) && unitName(d) !== receivingUnitName(d) ? [h('dt', null, t('dossier.unit')), h('dd', null, unitName(d))] : null,
    d.step && d.step.unit && !d.ended_at ? [h('dt', null, t('dossier.now_at')), h('dd', null, [d.step.unit.name, d.step.role ? t(`role.${d.step.role}`) : ''].filter(Boolean).join(' · '))] : null,
    h('dt', null, t('dossier.channel')), h('dd', null, t(`channel.${d.channel || 2}`)),
    h('dt', null, t('dossier.submitted')), h('dd', null, fmtDateTime(d.submitted_at)),
    h('dt', null, t('dossier.received')), h('dd', null, d.received_at ? fmtDateTime(d.received_at) : t('dossier.not_received')),
    h('dt', null, t('dossier.due')), h('dd', null, due ? fmtDateTime(due) : t('dossier.due_after_receive')),
    d.apology_due_at ? [h('dt', null, t('dossier.new_due')), h('dd', null, fmtDateTime(d.apology_due_at))] : null,
    d.time_left && !d.ended_at ? [h('dt', null, t('dossier.time_left')), h('dd', null, timeLeftChip(d.time_left))] : null,
    d.supplements ? [h('dt', null, t('dossier.supplements')), h('dd', null, String(d.supplements))] : null,
    d.ended_at ? [h('dt', null, t('dossier.ended')), h('dd', null, fmtDateTime(d.ended_at), ' ',
      d.on_time === true || d.on_time === 1 ? h('span', { class: 'badge ok' }, t('dossier.on_time')) : d.on_time === false || d.on_time === 0 ? h('span', { class: 'badge bad' }, t('dossier.late')) : null)] : null,
    extra);
}

// The extra data of an event (JSON text in data_json), e.g. {"reason": "…"}.
export function eventData(e) {
  if (e.data && typeof e.data === 'object') return e.data;
  if (typeof e.data_json === 'string') { try { return JSON.parse(e.data_json) || {}; } catch { return {}; } }
  return (e.data_json && typeof e.data_json === 'object') ? e.data_json : {};
}

const ACTION_TONE = { refuse: 'bad', stop: 'bad', withdraw: 'bad', request_supplement: 'warn', apology: 'warn', send_back: 'warn', return_result: 'ok', rate: 'ok' };

export function timeline(events) {
  if (!events || !events.length) return h('p', { class: 'muted' }, t('dossier.no_events'));
  return h('ol', { class: 'timeline' }, events.map((e) => {
    const tone = ACTION_TONE[e.action] || (e.status ? statusTone(e.status) : '');
    const cls = tone === 'ok' ? 'tl-ok' : tone === 'bad' ? 'tl-bad' : tone === 'warn' ? 'tl-warn' : '';
    const who = e.actor_name || '';
    const role = e.actor_role && e.actor_role !== 'citizen' ? t(`role.${e.actor_role}`) : '';
    const data = eventData(e);
    const reason = data.reason || e.reason;
    return h('li', { class: cls },
      h('div', { class: 'tl-title' }, eventLabel(e)),
      h('div', { class: 'tl-meta' }, fmtDateTime(e.at || e.started_at), who ? ` · ${who}` : '', role ? ` (${role})` : '', e.unit_name ? ` · ${e.unit_name}` : ''),
      reason ? h('div', { class: 'tl-note' }, h('strong', null, t('dossier.reason'), ': '), reason) : null,
      e.note ? h('div', { class: 'tl-note' }, e.note) : null);
  }));
}

// Form 06 in small: each step, who holds it, its allotted and used time, on time or late.
export function stepsTable(steps) {
  if (!steps || !steps.length) return h('p', { class: 'muted' }, t('dossier.no_steps'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
    h('thead', null, h('tr', null, ['dossier.step', 'dossier.step_holder', 'dossier.step_start', 'dossier.step_due', 'dossier.step_end', 'dossier.step_verdict']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, steps.map((s) => {
      const holder = [s.unit_name, s.actor_name || (s.role ? t(`role.${s.role}`) : '')].filter(Boolean).join(' · ');
      let verdict;
      if (!s.started_at) verdict = h('span', { class: 'badge' }, t('dossier.step_waiting'));
      else if (!s.ended_at) verdict = s.time_left ? timeLeftChip(s.time_left) : h('span', { class: 'badge info' }, t('dossier.step_doing'));
      else if (s.on_time === false || s.on_time === 0) verdict = h('span', { class: 'badge bad' }, t('dossier.late'), s.late_seconds ? ` ${lateText(s.late_seconds)}` : '');
      else if (s.on_time === null || s.on_time === undefined) verdict = h('span', { class: 'badge' }, t('dossier.step_done'));
      else verdict = h('span', { class: 'badge ok' }, t('dossier.on_time'));
      return h('tr', null,
        h('td', { class: 'cell-main' }, h('strong', null, stepName(s))),
        h('td', { 'data-label': t('dossier.step_holder') }, holder || '—'),
        h('td', { 'data-label': t('dossier.step_start') }, fmtDateTime(s.started_at)),
        h('td', { 'data-label': t('dossier.step_due') }, fmtDateTime(s.due_at)),
        h('td', { 'data-label': t('dossier.step_end') }, fmtDateTime(s.ended_at)),
        h('td', { 'data-label': t('dossier.step_verdict') }, verdict));
    }))));
}

export function stepName(s) {
  const code = s.step_code || s.code;
  const name = s.step_name || s.name;
  if (code && (getLang() !== 'vi' || !name) && has(`step.${code}`)) return t(`step.${code}`);
  return name || code || '';
}

function lateText(seconds) {
  const hours = Math.round(seconds / 3600);
  return fmtDaysHours(Math.floor(hours / 8), hours % 8);
}

export function attachmentList(d, proc, { empty } = {}) {
  const list = d.attachments || [];
  if (!list.length) return h('p', { class: 'muted' }, empty || t('dossier.no_files'));
  const comps = new Map(((proc && proc.components) || []).map((c) => [c.code, c.name]));
  return h('ul', { class: 'attach-list' }, list.map((a) => {
    const href = a.url || `/api/v1/dossiers/${encodeURIComponent(d.code)}/attachments/${encodeURIComponent(a.id)}`;
    return h('li', null,
      h('div', { class: 'row' }, icon('file'),
        h('div', null,
          h('a', { href, download: a.name || true }, a.name || t('dossier.file')),
          h('div', { class: 'small muted' }, [comps.get(a.component) || a.component, a.size ? fmtBytes(a.size) : null, a.kind && a.kind !== 'component' ? t(`attkind.${a.kind}`) : null, a.at ? fmtDateTime(a.at) : null].filter(Boolean).join(' · ')))),
      a.digitised ? h('span', { class: 'badge ok plain' }, t('dossier.digitised')) : null);
  }));
}

export function formData(d, proc) {
  const data = d.form || {};
  const def = proc && proc.eform;
  const fields = (def && def.fields) || Object.keys(data).map((k) => ({ name: k, label: k, type: 'text' }));
  if (!fields.length) return h('p', { class: 'muted' }, t('dossier.no_form'));
  return h('dl', { class: 'dl' }, fields.flatMap((f) => [h('dt', null, f.label), h('dd', null, showValue(f, data[f.name]))]));
}

export function applicantList(d) {
  const a = d.applicant || {};
  const rows = [['name', 'apply.full_name'], ['id_number', 'apply.id_number'], ['phone', 'apply.phone'], ['email', 'apply.email'], ['address', 'apply.address']];
  return h('dl', { class: 'dl' }, rows.filter(([k]) => a[k]).flatMap(([k, label]) => [h('dt', null, t(label)), h('dd', null, a[k])]));
}

export function urgencyOf(d) {
  const tl = d.time_left;
  if (!tl || d.ended_at || tl.ended || !tl.known || tl.paused) return 'idle';
  if (tl.late) return 'bad';
  if (tl.soon) return 'warn';
  return 'ok';
}


// The workflow actions the logged-in user may take now (the server decides).
export function allowedActions(d) {
  const a = d.allowed || d.actions || [];
  return a.map((x) => (typeof x === 'string' ? x : x.action || x.code)).filter(Boolean);
}

// The note of the latest supplement request, for the citizen.
export function supplementRequest(d) {
  const ev = [...(d.events || [])].reverse().find((e) => e.action === 'request_supplement');
  if (!ev) return null;
  const data = eventData(ev);
  return { reason: data.reason, note: ev.note, at: ev.at };
}
