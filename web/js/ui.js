// ui.js — the shared pieces of every page: toasts, dialogs, status badges,
// time-left chips, form fields with inline errors, error summaries, pagers,
// loading and error states.
import { h, icon, newId, replace } from './dom.js';
import { t } from './i18n.js';
import { statusLabel, statusTone, timeLeft } from './format.js';

export function toast(message, tone = '') {
  const box = document.getElementById('toasts');
  const el = h('div', { class: ['toast', tone], role: tone === 'bad' ? 'alert' : 'status' }, message);
  box.append(el);
  setTimeout(() => el.remove(), 5000);
}

export function announce(message) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  setTimeout(() => { live.textContent = message; }, 50);
}

export function statusBadge(code, label) {
  return h('span', { class: ['badge', statusTone(code)] }, label || statusLabel(code));
}

export function timeLeftChip(tl) {
  const x = timeLeft(tl);
  if (!x) return h('span', { class: 'tleft idle' }, '—');
  return h('span', { class: ['tleft', x.tone] }, icon(x.icon), x.text);
}

export function loading(text) {
  return h('div', { class: 'empty', role: 'status' }, text || t('common.loading'));
}

export function errorBox(err, retry) {
  return h('div', { class: 'notice bad', role: 'alert' },
    h('strong', null, err.status === 403 ? t('err.forbidden_title') : err.status === 404 ? t('err.not_found_title') : t('err.title')),
    h('span', null, err.message || t('err.generic')),
    retry ? h('div', { class: 'actions' }, h('button', { class: 'btn secondary sm', type: 'button', onclick: retry }, t('common.retry'))) : null);
}

export function emptyState(title, text, ...extra) {
  return h('div', { class: 'empty' }, h('strong', null, title), text ? h('p', null, text) : null, ...extra);
}

// A form field: label, optional hint, error slot, control. Returns {el, input, setError}.
export function field({ label, hint, required, control, id, cls }) {
  id = id || control.id || newId('f');
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-err`;
  const err = h('p', { class: 'field-error', id: errId, hidden: true });
  if (hintId) control.setAttribute('aria-describedby', hintId);
  if (required) control.setAttribute('aria-required', 'true');
  const el = h('div', { class: ['field', cls] },
    h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hint ? h('span', { class: 'hint', id: hintId }, hint) : null,
    err, control);
  function setError(msg) {
    if (msg) {
      err.textContent = msg;
      err.hidden = false;
      el.classList.add('has-error');
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [errId, hintId].filter(Boolean).join(' '));
    } else {
      err.hidden = true;
      el.classList.remove('has-error');
      control.removeAttribute('aria-invalid');
      if (hintId) control.setAttribute('aria-describedby', hintId); else control.removeAttribute('aria-describedby');
    }
  }
  return { el, input: control, setError, id };
}

export function input(attrs = {}) { return h('input', { class: 'input', type: 'text', ...attrs }); }
export function select(options, attrs = {}) {
  return h('select', { class: 'input', ...attrs },
    options.map((o) => h('option', { value: o.value, selected: o.selected }, o.label)));
}
export function textarea(attrs = {}) { return h('textarea', { class: 'input', ...attrs }); }

// Error summary at the top of a form: links move the focus to the field.
export function errorSummary(items) {
  const box = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', null, t('form.errors_title', { n: items.length })),
    h('ul', null, items.map((it) => h('li', null,
      h('a', { href: `#${it.id}`, onclick: (ev) => { ev.preventDefault(); const el = document.getElementById(it.id); if (el) el.focus(); } },
        it.label ? `${it.label}: ${it.message}` : it.message)))));
  return box;
}

// A modal dialog built on <dialog>: content and buttons; resolves with the
// value returned by onSubmit (or null when cancelled). onSubmit may throw to
// keep the dialog open (after showing an error itself).
export function dialog({ title, body, submitLabel, submitClass = 'btn', onSubmit, cancelLabel }) {
  return new Promise((resolve) => {
    const headId = newId('dlg');
    const form = h('form', { method: 'dialog', novalidate: true });
    const submit = h('button', { class: submitClass, type: 'submit' }, submitLabel || t('common.confirm'));
    const cancel = h('button', { class: 'btn secondary', type: 'button' }, cancelLabel || t('common.cancel'));
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': headId },
      form);
    form.append(
      h('div', { class: 'dialog-head' }, h('h2', { id: headId }, title)),
      h('div', { class: 'dialog-body' }, body),
      h('div', { class: 'dialog-foot' }, cancel, submit));
    let done = false;
    const finish = (v) => { if (done) return; done = true; dlg.close(); dlg.remove(); resolve(v); };
    cancel.addEventListener('click', () => finish(null));
    dlg.addEventListener('cancel', (ev) => { ev.preventDefault(); finish(null); });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      try {
        const v = onSubmit ? await onSubmit() : true;
        finish(v === undefined ? true : v);
      } catch (e) {
        submit.disabled = false;
        if (e && e.message && !e.shown) toast(e.message, 'bad');
      }
    });
    document.body.append(dlg);
    dlg.showModal();
    const first = dlg.querySelector('.dialog-body input, .dialog-body select, .dialog-body textarea');
    (first || submit).focus();
  });
}

export function pager({ total, limit, offset, onPage }) {
  if (total <= limit) return h('div');
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return h('nav', { class: 'pager', 'aria-label': t('common.pages') },
    h('span', { class: 'muted small' }, t('common.page_of', { page, pages, total })),
    h('div', { class: 'actions' },
      h('button', { class: 'btn secondary sm', type: 'button', disabled: page <= 1, onclick: () => onPage(offset - limit) }, t('common.prev')),
      h('button', { class: 'btn secondary sm', type: 'button', disabled: page >= pages, onclick: () => onPage(offset + limit) }, t('common.next'))));
}

export function crumbs(items) {
  return h('nav', { class: 'crumbs', 'aria-label': t('common.breadcrumb') },
    h('ol', null, items.map((it, i) => h('li', null,
      it.href && i < items.length - 1 ? h('a', { href: it.href }, it.label) : h('span', { 'aria-current': i === items.length - 1 ? 'page' : null }, it.label)))));
}

export function pageHead(title, sub, ...extra) {
  return h('div', { class: 'page-head' }, h('h1', null, title), sub ? h('p', null, sub) : null, ...extra);
}

// Render an async section: shows loading, then fn's result or an error with retry.
export async function section(container, fn) {
  replace(container, loading());
  try {
    const el = await fn();
    replace(container, el);
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    replace(container, errorBox(err, () => section(container, fn)));
  }
}

export function progressBar(ratio, tone) {
  const span = h('span');
  span.style.width = `${Math.max(0, Math.min(1, ratio || 0)) * 100}%`;
  return h('div', { class: ['bar', tone], role: 'presentation' }, span);
}
