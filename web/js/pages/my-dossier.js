// my-dossier.js — one of the citizen's dossiers: where it stands, the return
// date, the history; completing a supplement when one is asked for; rating
// the service once the result is out; withdrawing while that is allowed.
import { h, icon, replace } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, upload } from '../api.js';
import { fmtDateTime, fmtBytes } from '../format.js';
import { crumbs, statusBadge, timeLeftChip, toast, dialog, field, textarea, select, errorBox, progressBar } from '../ui.js';
import { procName, summaryList, timeline, attachmentList, formData, allowedActions, supplementRequest, procedureOf } from '../dossier.js';

export default async function page(ctx) {
  const { root, params, setTitle, signal } = ctx;
  const d = await get(`/dossiers/${encodeURIComponent(params.code)}`, null, { signal });
  const proc = await procedureOf(d);
  setTitle(`${procName(d)} — ${d.code}`);
  const acts = allowedActions(d);
  const reload = async () => { const { render } = await import('../router.js'); render(); };

  const blocks = [];
  const results = (d.attachments || []).filter((a) => a.kind === 'result');
  if (results.length) {
    blocks.push(h('div', { class: 'notice ok', id: 'result' }, h('strong', null, t('mine.result_ready')),
      h('ul', { class: 'attach-list' }, results.map((a) => h('li', null,
        h('a', { class: 'btn ok sm', href: `/api/v1/dossiers/${encodeURIComponent(d.code)}/attachments/${encodeURIComponent(a.id)}`, download: a.name || true }, icon('file'), t('mine.download_result', { name: a.name })))))));
  }
  if (acts.includes('complete_supplement')) blocks.push(supplementCard(d, proc, reload));
  if (acts.includes('rate')) blocks.push(ratingCard(d, reload));
  if (d.rating && !acts.includes('rate')) {
    const score = typeof d.rating === 'object' ? d.rating.score : d.rating;
    blocks.push(h('div', { class: 'notice ok' }, h('strong', null, t('rate.thanks')), t('rate.given', { n: score, word: t(`rate.word_${score}`) })));
  }

  root.append(h('div', { class: 'wrap page' },
    crumbs([{ href: '/', label: t('nav.home') }, { href: '/ho-so-cua-toi', label: t('nav.mine') }, { label: d.code }]),
    h('div', { class: 'dossier-head page-head' },
      h('div', null, h('h1', null, procName(d)), h('p', { class: 'mono' }, d.code)),
      h('div', { class: 'row' }, statusBadge(d.status), !d.ended_at && d.time_left ? timeLeftChip(d.time_left) : null)),
    blocks.length ? h('div', { class: 'stack section' }, blocks) : null,
    h('div', { class: 'layout-2 section' },
      h('div', { class: 'stack' },
        h('section', { class: 'card', 'aria-labelledby': 'md-sum' }, h('h2', { id: 'md-sum' }, t('dossier.summary')), summaryList(d)),
        h('section', { class: 'card', 'aria-labelledby': 'md-form' }, h('h2', { id: 'md-form' }, t('dossier.form')), formData(d, proc)),
        h('section', { class: 'card', 'aria-labelledby': 'md-files' }, h('h2', { id: 'md-files' }, t('dossier.files')), attachmentList(d, proc))),
      h('div', { class: 'stack' },
        h('section', { class: 'card', 'aria-labelledby': 'md-hist' }, h('h2', { id: 'md-hist' }, t('dossier.history')), timeline(d.events)),
        acts.includes('withdraw') ? h('section', { class: 'card' },
          h('h2', null, t('mine.withdraw_title')), h('p', { class: 'muted small' }, t('mine.withdraw_text')),
          h('button', { class: 'btn warn', type: 'button', onclick: () => withdraw(d, reload) }, t('action.withdraw'))) : null))));
}

async function withdraw(d, reload) {
  const reason = field({ label: t('mine.withdraw_reason'), required: true, control: textarea({ maxlength: 1000 }) });
  const ok = await dialog({
    title: t('mine.withdraw_title'), body: reason.el, submitLabel: t('action.withdraw'), submitClass: 'btn danger',
    onSubmit: async () => {
      if (!reason.input.value.trim()) { reason.setError(t('eform.required')); reason.input.focus(); throw Object.assign(new Error(''), { shown: true }); }
      await post(`/dossiers/${encodeURIComponent(d.code)}/actions/withdraw`, { note: reason.input.value.trim() });
    },
  });
  if (ok) { toast(t('mine.withdrawn'), 'ok'); reload(); }
}

function supplementCard(d, proc, reload) {
  const req = supplementRequest(d) || {};
  const files = [];
  // Each file completes one component of the dossier.
  const comps = (proc && proc.components) || [];
  const compSel = select(comps.map((c) => ({ value: c.code, label: c.name })), { id: 'sup-comp' });
  const compName = (code) => (comps.find((c) => c.code === code) || {}).name || code;
  const list = h('ul', { class: 'upload-files' });
  const input = h('input', { type: 'file', id: 'sup-file', class: 'file-hidden', multiple: true, accept: '.pdf,.jpg,.jpeg,.png', 'aria-describedby': 'sup-file-hint' });
  const note = field({ label: t('sup.note'), hint: t('sup.note_hint'), control: textarea({ id: 'sup-note', maxlength: 2000 }) });
  const status = h('div', { 'aria-live': 'polite' });
  const draw = () => replace(list, files.map((f, i) => h('li', null, icon('file'), h('span', { class: 'fname' }, f.file.name), h('span', { class: 'small muted' }, `${compName(f.component)} · ${fmtBytes(f.file.size)}`), f.bar || null,
    h('button', { class: 'btn ghost sm', type: 'button', onclick: () => { files.splice(i, 1); draw(); } }, t('apply.remove')))));
  input.addEventListener('change', () => { for (const file of input.files) files.push({ file, component: compSel.value }); input.value = ''; draw(); });
  const send = h('button', { class: 'btn', type: 'button', id: 'sup-send' }, t('sup.send'));
  send.addEventListener('click', async () => {
    if (!files.length && !note.input.value.trim()) { note.setError(t('sup.need_something')); note.input.focus(); return; }
    note.setError(null);
    send.disabled = true;
    try {
      for (const f of files.filter((x) => !x.done)) {
        f.bar = progressBar(0); draw();
        const span = f.bar.firstChild;
        await upload(`/dossiers/${encodeURIComponent(d.code)}/attachments`, f.file, {
          query: { kind: 'supplement', name: f.file.name, component: f.component },
          onProgress: (x) => { span.style.width = `${Math.round(x * 100)}%`; },
        }).promise;
        f.done = true; f.bar.classList.add('ok');
      }
      await post(`/dossiers/${encodeURIComponent(d.code)}/actions/complete_supplement`, { note: note.input.value.trim() || undefined });
      toast(t('sup.sent'), 'ok');
      reload();
    } catch (err) {
      send.disabled = false;
      replace(status, errorBox(err));
    }
  });
  return h('section', { class: 'card', id: 'supplement', 'aria-labelledby': 'sup-h' },
    h('div', { class: 'notice warn' },
      h('strong', { id: 'sup-h' }, t('sup.title')),
      h('span', null, t('sup.asked_at', { at: fmtDateTime(req.at) })),
      req.reason ? h('p', { class: 'tl-note', id: 'sup-reason' }, req.reason) : null,
      req.note ? h('p', { class: 'tl-note' }, req.note) : null),
    h('div', { class: 'section stack' },
      comps.length ? field({ label: t('sup.component'), control: compSel }).el : null,
      h('div', { class: 'field' }, h('label', { for: 'sup-file' }, t('sup.files')), h('span', { class: 'hint', id: 'sup-file-hint' }, t('sup.files_hint')),
        h('span', { class: 'file-pick' }, input, h('label', { for: 'sup-file', class: 'btn secondary sm', 'aria-hidden': 'true' }, icon('upload'), t('apply.choose_file'))), list),
      note.el, status, h('div', { class: 'actions' }, send)));
}

function ratingCard(d, reload) {
  const words = h('p', { class: 'rating-words', 'aria-live': 'polite' });
  const err = h('p', { class: 'field-error', hidden: true, id: 'rate-err' });
  const stars = h('div', { class: 'stars' });
  // row-reverse: the DOM runs 5 → 1 so that "checked ~ label" colours the lower stars.
  for (let n = 5; n >= 1; n--) {
    const id = `rate-${n}`;
    const inp = h('input', { type: 'radio', name: 'rating', id, value: String(n) });
    inp.addEventListener('change', () => { words.textContent = t(`rate.word_${n}`); err.hidden = true; });
    stars.append(inp, h('label', { for: id, title: t(`rate.word_${n}`) }, '★', h('span', { class: 'visually-hidden' }, t('rate.stars', { n, word: t(`rate.word_${n}`) }))));
  }
  const comment = field({ label: t('rate.comment'), control: textarea({ id: 'rate-comment', maxlength: 2000, rows: 3 }) });
  const send = h('button', { class: 'btn', type: 'submit', id: 'rate-send' }, t('rate.send'));
  const status = h('div');
  const form = h('form', {
    novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      const checked = form.querySelector('input[name="rating"]:checked');
      if (!checked) { err.textContent = t('rate.need_score'); err.hidden = false; form.querySelector('#rate-1').focus(); return; }
      send.disabled = true;
      try {
        await post(`/dossiers/${encodeURIComponent(d.code)}/actions/rate`, { score: Number(checked.value), comment: comment.input.value.trim() || undefined });
        toast(t('rate.thanks'), 'ok');
        reload();
      } catch (e) { send.disabled = false; replace(status, errorBox(e)); }
    },
  },
  h('fieldset', null, h('legend', null, t('rate.question')), err, stars, words),
  comment.el, status, h('div', { class: 'actions' }, send));
  return h('section', { class: 'card', id: 'rating', 'aria-labelledby': 'rate-h' },
    h('h2', { id: 'rate-h' }, t('rate.title')), h('p', { class: 'muted' }, t('rate.lead')), form);
}
