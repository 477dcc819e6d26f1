// apply.js — filing a dossier online, in three steps: (1) the applicant, the
// place of filing, the e-form and the papers; (2) "check your answers";
// (3) sending: the dossier is submitted, then each paper is uploaded with a
// progress bar, then the receipt page opens. Mistakes are shown next to the
// field (checked here first, then by the server). What was typed is kept in
// sessionStorage until the dossier is sent. An officer at the desk uses the
// same page to file an in-person dossier for a citizen.
import { h, icon, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, upload, itemsOf } from '../api.js';
import { fmtBytes, procTime, fmtMoney } from '../format.js';
import { navigate, path } from '../router.js';
import { buildForm, showValue } from '../eform.js';
import { crumbs, errorBox, errorSummary, field, select, progressBar, toast, announce } from '../ui.js';
import { currentUser } from '../auth.js';

const FILE_MAX = 20 * 1024 * 1024;
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

function applicantDef() {
  return { fields: [
    { name: 'name', label: t('apply.full_name'), type: 'text', required: true, max_length: 200 },
    { name: 'id_number', label: t('apply.id_number'), type: 'id_number', required: true, help: t('apply.id_number_help') },
    { name: 'phone', label: t('apply.phone'), type: 'phone', required: true, help: t('apply.phone_help') },
    { name: 'email', label: t('apply.email'), type: 'email' },
    { name: 'address', label: t('apply.address'), type: 'text', required: true, max_length: 300 },
  ] };
}

export default async function page({ root, params, setTitle, signal }) {
  const p = await get(`/procedures/${encodeURIComponent(params.code)}`, null, { signal });
  const me = currentUser();
  const officer = me.role === 'officer';
  setTitle(t('apply.title_of', { name: p.name }));
  const draftKey = `motcua.draft.${p.code}`;
  let draft = {};
  try { draft = JSON.parse(sessionStorage.getItem(draftKey) || '{}'); } catch { draft = {}; }

  // A citizen files as the account holder (the server takes the applicant from
  // the account); an officer names the person at the desk.
  const applicant = buildForm(officer ? applicantDef() : { fields: [] }, draft.applicant || {}, { idPrefix: 'ap' });
  const eform = buildForm(p.eform, draft.form || (officer ? {} : fromAccount(p.eform, me)), { idPrefix: 'ef' });

  // Where to file: the units of the kinds that handle this procedure.
  const kinds = Array.isArray(p.unit_kinds) ? p.unit_kinds : String(p.unit_kinds || '').split(',').filter(Boolean);
  const unitSel = select([{ value: '', label: t('form.choose') }], { id: 'ap-unit', name: 'unit' });
  const unitField = field({ label: t('apply.unit'), hint: t('apply.unit_help'), required: true, control: unitSel });
  const units = [];
  for (const k of kinds) {
    try { units.push(...itemsOf(await get('/units', { kind: k, limit: 200 }, { signal }))); } catch (err) { if (err.name === 'AbortError') throw err; }
  }
  for (const u of units) unitSel.append(h('option', { value: u.code, selected: draft.unit === u.code }, u.name));
  if (units.length === 1) unitSel.value = units[0].code;
  const channelSel = select([1, 3].map((c) => ({ value: String(c), label: t(`channel.${c}`) })), { id: 'ap-channel' });

  // Papers: one uploader per component.
  const comps = (p.components || []).map((c) => makeUploader(c));

  const stepper = h('ol', { class: 'stepper', 'aria-label': t('apply.steps') });
  const body = h('div');
  const content = h('div', { class: 'wrap page' },
    crumbs([{ href: '/', label: t('nav.home') }, { href: '/thu-tuc', label: t('cat.title') },
      { href: path('/thu-tuc/:code', { code: p.code }), label: p.name }, { label: t('apply.crumb') }]),
    h('div', { class: 'page-head' }, h('h1', null, p.name),
      h('p', null, t('apply.lead', { time: procTime(p), fee: fmtMoney((p.fees || []).reduce((s, f) => s + (f.amount || 0), 0)) }))),
    stepper, body);
  root.append(content);

  function saveDraft() {
    try { sessionStorage.setItem(draftKey, JSON.stringify({ applicant: applicant.raw(), form: eform.raw(), unit: unitSel.value })); } catch { /* full */ }
  }
  content.addEventListener('input', saveDraft);
  content.addEventListener('change', saveDraft);

  function setStep(n) {
    replace(stepper, [t('apply.step_form'), t('apply.step_check'), t('apply.step_done')].map((label, i) =>
      h('li', { class: i < n ? 'done' : '', 'aria-current': i === n ? 'step' : null }, label)));
  }

  // ---- step 1: the form ----------------------------------------------------
  const summary = h('div');
  const formEl = h('form', { novalidate: true, id: 'apply-form', onsubmit: (ev) => { ev.preventDefault(); toReview(); } },
    summary,
    officer ? h('section', { class: 'card section', 'aria-labelledby': 'ap-h-who' },
      h('h2', { id: 'ap-h-who' }, t('apply.who_officer')),
      h('p', { class: 'muted small' }, t('apply.required_note')),
      applicant.el)
      : h('div', { class: 'notice section' }, h('strong', null, t('apply.as_account', { name: me.full_name })),
        me.id_number ? t('apply.as_account_id', { id: me.id_number }) : t('apply.as_account_noid'), ' ', t('apply.required_note')),
    // Citizens choose where to file; an officer files at the own desk.
    h('section', { class: 'card section', 'aria-labelledby': 'ap-h-where' },
      h('h2', { id: 'ap-h-where' }, officer ? t('apply.channel') : t('apply.where')),
      h('div', { class: 'form-grid' }, officer ? field({ label: t('apply.channel'), control: channelSel }).el : unitField.el)),
    eform.fields.length ? h('section', { class: 'card section', 'aria-labelledby': 'ap-h-form' },
      h('h2', { id: 'ap-h-form' }, (p.eform && p.eform.title) || t('apply.form')),
      p.eform && p.eform.description ? h('p', { class: 'muted' }, p.eform.description) : null,
      eform.el) : null,
    comps.length ? h('section', { class: 'card section', 'aria-labelledby': 'ap-h-files' },
      h('h2', { id: 'ap-h-files' }, t('apply.files')),
      h('p', { class: 'muted small' }, t('apply.files_note', { max: fmtBytes(FILE_MAX) })),
      h('div', { class: 'stack' }, comps.map((c) => c.el))) : null,
    h('div', { class: 'actions section' },
      h('button', { class: 'btn', type: 'submit' }, t('apply.continue')),
      h('a', { class: 'btn secondary', href: path('/thu-tuc/:code', { code: p.code }) }, t('common.cancel'))));

  function showForm(focusId) {
    setStep(0);
    replace(body, formEl);
    if (focusId) { const el = document.getElementById(focusId); if (el) { el.focus(); el.scrollIntoView({ block: 'center' }); } }
  }

  function validateAll() {
    const problems = [...applicant.validate()];
    unitField.setError(unitSel.value || officer ? null : t('apply.need_unit'));
    if (!unitSel.value && !officer) problems.push({ id: unitField.id, label: t('apply.unit'), message: t('apply.need_unit') });
    problems.push(...eform.validate());
    for (const c of comps) { const m = c.check(); if (m) problems.push(m); }
    return problems;
  }

  function showProblems(problems) {
    replace(summary, problems.length ? errorSummary(problems) : null);
    if (problems.length) { const s = summary.firstChild; s.scrollIntoView({ block: 'start' }); s.focus({ preventScroll: true }); }
  }

  function toReview() {
    const problems = validateAll();
    if (problems.length) { showProblems(problems); return; }
    replace(summary);
    showReview();
  }

  // ---- step 2: check your answers -----------------------------------------
  function showReview() {
    setStep(1);
    const change = (id) => h('button', { class: 'link-btn', type: 'button', onclick: () => showForm(id) }, t('apply.change'), h('span', { class: 'visually-hidden' }, ' ', document.querySelector(`label[for="${id}"]`)?.textContent || ''));
    const av = applicant.values();
    const fv = eform.values();
    const unit = units.find((u) => u.code === unitSel.value);
    const sendBtn = h('button', { class: 'btn', type: 'button', id: 'apply-send' }, icon('upload'), t('apply.send'));
    const status = h('div', { 'aria-live': 'polite' });
    sendBtn.addEventListener('click', () => send(sendBtn, status));
    replace(body, h('div', { class: 'stack' },
      h('div', { class: 'notice' }, h('h2', { class: 'notice-title', id: 'rv-title', tabindex: '-1' }, t('apply.check_title')), t('apply.check_text')),
      h('section', { class: 'card', 'aria-labelledby': 'rv-who' },
        h('h2', { id: 'rv-who' }, t('apply.who')),
        h('dl', { class: 'dl' }, officer ? applicant.fields.flatMap((f) => [h('dt', null, f.label), h('dd', null, showValue(f, av[f.name]), change(`ap-${f.name}`))])
          : [h('dt', null, t('apply.full_name')), h('dd', null, me.full_name), me.id_number ? [h('dt', null, t('apply.id_number')), h('dd', null, me.id_number)] : null],
          officer ? [h('dt', null, t('apply.channel')), h('dd', null, t(`channel.${channelSel.value}`))]
            : [h('dt', null, t('apply.unit')), h('dd', null, unit ? unit.name : unitSel.value, change('ap-unit'))])),
      eform.fields.length ? h('section', { class: 'card', 'aria-labelledby': 'rv-form' },
        h('h2', { id: 'rv-form' }, (p.eform && p.eform.title) || t('apply.form')),
        h('dl', { class: 'dl' }, eform.fields.flatMap((f) => [h('dt', null, f.label), h('dd', null, showValue(f, fv[f.name]), change(`ef-${f.name}`))]))) : null,
      comps.length ? h('section', { class: 'card', 'aria-labelledby': 'rv-files' },
        h('h2', { id: 'rv-files' }, t('apply.files')),
        h('dl', { class: 'dl' }, comps.flatMap((c) => [h('dt', null, c.comp.name),
          h('dd', null, c.files.length ? c.files.map((f) => f.file.name).join(', ') : t('apply.no_file'), change(c.inputId))]))) : null,
      h('div', { class: 'card stack' },
        h('h2', null, t('apply.declare_title')),
        h('p', null, t('apply.declare_text')),
        status,
        h('div', { class: 'actions' }, sendBtn, h('button', { class: 'btn secondary', type: 'button', onclick: () => showForm() }, t('apply.back'))))));
    window.scrollTo(0, 0);
    document.getElementById('rv-title').focus({ preventScroll: true });
    announce(t('apply.check_title'));
  }

  // ---- step 3: send ------------------------------------------------------
  let created = null;
  async function send(btn, status) {
    btn.disabled = true;
    replace(status, h('p', { class: 'muted' }, t('apply.sending')));
    if (!created) {
      const bodyJson = {
        procedure: p.code, channel: officer ? Number(channelSel.value) : 2, unit: officer ? undefined : unitSel.value,
        applicant: officer ? applicant.values() : undefined, form: eform.values(),
      };
      try {
        created = await post('/dossiers', bodyJson);
      } catch (err) {
        btn.disabled = false;
        replace(status);
        if (err.fields.length || err.field) {
          // Back to the form with the server's problems next to their fields.
          const list = err.fields.length ? err.fields : [{ field: err.field, message: err.message }];
          applicant.clearErrors(); eform.clearErrors(); unitField.setError(null);
          const placed = [];
          for (const x of list) {
            const f = String(x.field || '');
            let at = null;
            if (f.startsWith('applicant.')) at = applicant.setErrors([x], 'applicant')[0];
            else if (f === 'unit') { unitField.setError(x.message); at = { id: unitField.id, label: t('apply.unit'), message: x.message }; }
            else at = eform.setErrors([x])[0];
            placed.push(at || { id: 'apply-form', message: f ? `${f}: ${x.message}` : x.message });
          }
          showForm();
          showProblems(placed);
        } else {
          replace(status, errorBox(err));
        }
        return;
      }
    }
    // Upload the papers, one after another, each with its own progress bar.
    const pending = comps.flatMap((c) => c.files.filter((f) => !f.done).map((f) => ({ c, f })));
    const rows = pending.map(({ c, f }) => {
      f.bar = progressBar(0);
      f.state = h('span', { class: 'small muted' }, t('apply.waiting'));
      return h('li', null, h('span', { class: 'fname' }, f.file.name), f.bar, f.state);
    });
    replace(status, h('p', null, t('apply.created', { code: created.code })), rows.length ? h('ul', { class: 'upload-files', 'aria-label': t('apply.uploading') }, rows) : null);
    let failed = 0;
    for (const { c, f } of pending) {
      f.state.textContent = t('apply.uploading');
      const span = f.bar.firstChild;
      const { promise } = upload(`/dossiers/${encodeURIComponent(created.code)}/attachments`, f.file, {
        query: { component: c.comp.code, kind: 'component', name: f.file.name },
        onProgress: (x) => { span.style.width = `${Math.round(x * 100)}%`; f.state.textContent = `${Math.round(x * 100)}%`; },
      });
      try {
        await promise;
        f.done = true;
        f.bar.classList.add('ok');
        f.state.textContent = t('apply.uploaded');
      } catch (err) {
        failed += 1;
        f.bar.classList.add('bad');
        f.state.textContent = err.message;
      }
    }
    if (failed) {
      btn.disabled = false;
      btn.textContent = t('apply.retry_uploads');
      status.append(h('div', { class: 'notice warn' }, t('apply.upload_failed', { n: failed }),
        h('div', { class: 'actions' }, h('a', { class: 'btn secondary sm', href: receiptPath(created.code) }, t('apply.go_receipt')))));
      return;
    }
    try { sessionStorage.removeItem(draftKey); } catch { /* ignore */ }
    toast(t('apply.sent_toast', { code: created.code }), 'ok');
    navigate(officer ? path('/can-bo/ho-so/:code', { code: created.code }) : receiptPath(created.code));
  }

  showForm();
}

// The e-form fields a citizen's account already answers (by the catalogue's
// usual names for the applicant's own data), filled in to save typing.
function fromAccount(def, me) {
  const known = { ho_ten: me.full_name, ho_ten_nguoi_nop: me.full_name, so_dinh_danh: me.id_number, email: me.email, dien_thoai: me.phone };
  const out = {};
  for (const f of (def && def.fields) || []) if (known[f.name]) out[f.name] = known[f.name];
  return out;
}

function receiptPath(code) { return path('/ho-so/:code/bien-nhan', { code }); }

// An uploader for one component: choose files, see them, remove them.
function makeUploader(comp) {
  const inputId = `up-${comp.code}`;
  const list = h('ul', { class: 'upload-files' });
  const err = h('p', { class: 'field-error', id: `${inputId}-err`, hidden: true });
  const input = h('input', { type: 'file', id: inputId, class: 'file-hidden', multiple: true, accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png', 'aria-describedby': `${inputId}-req` });
  const box = h('div', { class: 'upload' },
    h('div', { class: 'upload-head' },
      h('div', null,
        h('label', { for: inputId, class: 'label' }, h('strong', null, comp.name), comp.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
        h('div', { class: 'small muted', id: `${inputId}-req` }, comp.required ? t('proc.required') : t('proc.optional'))),
      h('span', { class: 'file-pick' }, input, h('label', { for: inputId, class: 'btn secondary sm', 'aria-hidden': 'true' }, icon('upload'), t('apply.choose_file')))),
    err, list);
  const self = { comp, files: [], el: box, inputId };
  function setError(msg) {
    err.hidden = !msg; err.textContent = msg || '';
    box.classList.toggle('has-error', !!msg);
    if (msg) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', err.id); } else { input.removeAttribute('aria-invalid'); input.removeAttribute('aria-describedby'); }
  }
  function draw() {
    replace(list, self.files.map((f, i) => h('li', null,
      icon('file'), h('span', { class: 'fname' }, f.file.name), h('span', { class: 'small muted' }, fmtBytes(f.file.size)),
      h('button', { class: 'btn ghost sm', type: 'button', onclick: () => { self.files.splice(i, 1); draw(); input.focus(); } },
        t('apply.remove'), h('span', { class: 'visually-hidden' }, ' ', f.file.name)))));
  }
  input.addEventListener('change', () => {
    const bad = [];
    for (const file of input.files) {
      if (file.size > FILE_MAX) bad.push(t('apply.file_too_big', { name: file.name, max: fmtBytes(FILE_MAX) }));
      else if (file.type && !FILE_TYPES.includes(file.type)) bad.push(t('apply.file_bad_type', { name: file.name }));
      else self.files.push({ file, done: false });
    }
    input.value = '';
    setError(bad.join(' '));
    draw();
  });
  self.check = () => {
    if (comp.required && !self.files.length) {
      setError(t('apply.need_file'));
      return { id: inputId, label: comp.name, message: t('apply.need_file') };
    }
    setError(null);
    return null;
  };
  return self;
}
