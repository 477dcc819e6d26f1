// eform.js — render a procedure's e-form (src/core/eform.h) as accessible
// fields, collect typed values, and check them in the browser with the same
// rules and Vietnamese messages as the server, so mistakes show next to the
// field before sending. The server checks again (and alone knows some rules,
// e.g. the province and birth-year parts of an identity number); its 422
// problems are shown at the same places with setErrors().
import { h } from './dom.js';
import { t } from './i18n.js';
import { field } from './ui.js';
import { todayIso } from './format.js';

const DEFAULT_MAX = { text: 1000, textarea: 10000 };

function control(f, id, value) {
  const common = { id, name: f.name, class: 'input' };
  if (f.placeholder) common.placeholder = f.placeholder;
  switch (f.type) {
    case 'textarea':
      return h('textarea', { ...common, rows: 4, maxlength: f.max_length || DEFAULT_MAX.textarea }, value ?? '');
    case 'date': {
      const el = h('input', { ...common, type: 'date', class: 'input short', value: value ?? '' });
      if (f.not_after) el.max = f.not_after === 'today' ? todayIso() : f.not_after;
      if (f.not_before) el.min = f.not_before === 'today' ? todayIso() : f.not_before;
      return el;
    }
    case 'id_number':
      return h('input', { ...common, class: 'input narrow', inputmode: 'numeric', autocomplete: 'off', maxlength: 12, value: value ?? '' });
    case 'phone':
      return h('input', { ...common, class: 'input narrow', type: 'tel', autocomplete: 'tel', maxlength: 20, value: value ?? '' });
    case 'email':
      return h('input', { ...common, type: 'email', autocomplete: 'email', maxlength: 254, value: value ?? '' });
    case 'select':
      return h('select', { ...common },
        h('option', { value: '' }, t('form.choose')),
        (f.options || []).map((o) => h('option', { value: o.value, selected: value === o.value }, o.label)));
    case 'number':
    case 'integer':
      return h('input', { ...common, class: 'input short', inputmode: f.type === 'integer' ? 'numeric' : 'decimal', value: value ?? '' });
    case 'checkbox':
      return h('input', { id, name: f.name, type: 'checkbox', checked: value === true });
    default:
      return h('input', { ...common, maxlength: f.max_length || DEFAULT_MAX.text, value: value ?? '' });
  }
}

// Parse a number typed the Vietnamese way ("1.234,5") or the English way ("1234.5").
export function parseNumber(s) {
  s = String(s).trim().replace(/\s/g, '');
  if (!s) return null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return NaN;
  return Number(s);
}

export function normalizePhone(s) {
  let d = String(s).trim().replace(/(?<=\d)[\s.-]+(?=\d)/g, '');
  if (d.startsWith('+84')) d = '0' + d.slice(3);
  else if (/^84\d{9,10}$/.test(d)) d = '0' + d.slice(2);
  return d;
}

const EMAIL_RX = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

// One field's value → a problem message, or null. v is what value() returns.
export function check(f, v) {
  const given = !(v === undefined || v === null || (typeof v === 'string' && !v.trim()));
  if (f.type === 'checkbox') {
    if (f.required && v !== true) return t('eform.required_check');
    return null;
  }
  if (!given) return f.required ? t('eform.required') : null;
  switch (f.type) {
    case 'text': case 'textarea': {
      const max = f.max_length || DEFAULT_MAX[f.type];
      if (Array.from(v).length > max) return t('eform.too_long', { n: max });
      if (f.pattern) {
        try { if (!new RegExp(f.pattern, 'u').test(v)) return t('eform.pattern'); } catch { /* the server decides */ }
      }
      return null;
    }
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(new Date(`${v}T00:00:00Z`).getTime())) return t('eform.bad_date');
      const after = f.not_after === 'today' ? todayIso() : f.not_after;
      const before = f.not_before === 'today' ? todayIso() : f.not_before;
      if (after && v > after) return t('eform.date_after', { d: after.split('-').reverse().join('/') });
      if (before && v < before) return t('eform.date_before', { d: before.split('-').reverse().join('/') });
      return null;
    }
    case 'id_number':
      return /^\d{12}$/.test(v) ? null : t('eform.bad_id_number');
    case 'phone': {
      const d = normalizePhone(v);
      return /^0[35789]\d{8}$/.test(d) || /^02\d{9}$/.test(d) ? null : t('eform.bad_phone');
    }
    case 'email':
      return v.length <= 254 && EMAIL_RX.test(v) ? null : t('eform.bad_email');
    case 'select':
      return (f.options || []).some((o) => o.value === v) ? null : t('eform.bad_option');
    case 'number': case 'integer': {
      if (typeof v !== 'number' || Number.isNaN(v)) return f.type === 'integer' ? t('eform.not_integer') : t('eform.not_number');
      if (f.type === 'integer' && !Number.isInteger(v)) return t('eform.not_integer');
      if (f.min !== undefined && v < f.min) return t('eform.min', { n: f.min });
      if (f.max !== undefined && v > f.max) return t('eform.max', { n: f.max });
      return null;
    }
    default:
      return null;
  }
}

// Build the form. Returns {el, values(), validate(), setErrors(problems), focusFirstError(), controls}.
export function buildForm(def, initial = {}, { idPrefix = 'ef' } = {}) {
  const fields = (def && Array.isArray(def.fields)) ? def.fields : [];
  const controls = new Map();
  const el = h('div', { class: 'form-grid' });
  for (const f of fields) {
    const id = `${idPrefix}-${f.name}`;
    const input = control(f, id, initial[f.name]);
    let entry;
    if (f.type === 'checkbox') {
      const errId = `${id}-err`;
      const err = h('p', { class: 'field-error', id: errId, hidden: true });
      const wrap = h('div', { class: 'field span-2' }, err,
        h('div', { class: 'check' }, input, h('label', { for: id }, f.label, f.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null)),
        f.help ? h('span', { class: 'hint' }, f.help) : null);
      entry = {
        el: wrap, input, id,
        setError: (msg) => {
          err.hidden = !msg; err.textContent = msg || '';
          wrap.classList.toggle('has-error', !!msg);
          if (msg) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', errId); } else { input.removeAttribute('aria-invalid'); input.removeAttribute('aria-describedby'); }
        },
      };
    } else {
      entry = field({ label: f.label, hint: f.help, required: !!f.required, control: input, id, cls: f.type === 'textarea' ? 'span-2' : null });
    }
    entry.def = f;
    entry.value = () => readValue(f, input);
    // Check a field when the person leaves it, and clear the message as soon as it is right.
    const onBlur = () => { if (input.value !== '' || entry.touched) entry.setError(check(f, entry.value())); entry.touched = true; };
    input.addEventListener(f.type === 'checkbox' || f.type === 'select' ? 'change' : 'blur', onBlur);
    input.addEventListener('input', () => { if (input.getAttribute('aria-invalid') && !check(f, entry.value())) entry.setError(null); });
    controls.set(f.name, entry);
    el.append(entry.el);
  }
  return {
    el, controls, fields,
    values() {
      const out = {};
      for (const [name, c] of controls) {
        const v = c.value();
        if (v === undefined || v === null || v === '') continue;
        if (c.def.type === 'checkbox' && v === false && !c.def.required) continue;
        out[name] = v;
      }
      return out;
    },
    raw() {
      const out = {};
      for (const [name, c] of controls) out[name] = c.def.type === 'checkbox' ? c.input.checked : c.input.value;
      return out;
    },
    validate() {
      const problems = [];
      for (const [name, c] of controls) {
        const msg = check(c.def, c.value());
        c.setError(msg);
        if (msg) problems.push({ field: name, id: c.id, label: c.def.label, message: msg });
      }
      return problems;
    },
    // Server problems [{field, code, message}] → messages under the fields; returns
    // the ones placed. prefix: only problems of "prefix.name" (e.g. "applicant").
    setErrors(list, prefix) {
      const placed = [];
      for (const p of list) {
        let name = String(p.field || '');
        if (prefix) {
          if (!name.startsWith(prefix + '.')) continue;
          name = name.slice(prefix.length + 1);
        } else {
          name = name.replace(/^(form|data|eform)[.[]/, '').replace(/\]$/, '');
        }
        const c = controls.get(name);
        if (!c) continue;
        c.setError(p.message);
        placed.push({ field: name, id: c.id, label: c.def.label, message: p.message });
      }
      return placed;
    },
    clearErrors() { for (const c of controls.values()) c.setError(null); },
  };
}

function readValue(f, input) {
  if (f.type === 'checkbox') return input.checked;
  const s = input.value;
  if (f.type === 'number' || f.type === 'integer') {
    if (!s.trim()) return null;
    return parseNumber(s);
  }
  if (f.type === 'phone') return s.trim();
  return s.trim() === '' ? '' : (f.type === 'textarea' ? s.replace(/\s+$/, '') : s.trim());
}

// Human form of a value, for the "check your answers" page.
export function showValue(f, v) {
  if (v === undefined || v === null || v === '') return t('form.not_given');
  if (f.type === 'checkbox') return v ? t('common.yes') : t('common.no');
  if (f.type === 'select') return ((f.options || []).find((o) => o.value === v) || {}).label || v;
  if (f.type === 'date') return v.split('-').reverse().join('/');
  return String(v);
}

