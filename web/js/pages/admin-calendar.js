// admin-calendar.js — the working calendar of one year as twelve small
// months (working days, weekends, public holidays, declared days off and
// make-up working days, with their names and documents), the declared
// overrides, and a form to declare one.
import { h, replace } from '../dom.js';
import { t, locale } from '../i18n.js';
import { get, post, del } from '../api.js';
import { fmtDate, todayIso } from '../format.js';
import { navigate, path } from '../router.js';
import { field, input, select, section, toast, errorBox } from '../ui.js';
import { adminFrame } from './admin-nav.js';

export default async function page({ root, setTitle, query, signal }) {
  setTitle(t('admin.calendar'));
  const year = Number(query.get('year')) || Number(todayIso().slice(0, 4));
  const months = h('div');
  const overrides = h('div');
  const yearSel = select([year - 2, year - 1, year, year + 1, year + 2].map((y) => ({ value: String(y), label: String(y), selected: y === year })), { id: 'cal-year', class: 'input short' });
  yearSel.addEventListener('change', () => navigate(path('/quan-tri/lich', {}, { year: yearSel.value })));

  const f = {
    date: field({ label: t('admin.cal_date'), required: true, control: input({ type: 'date', id: 'ov-date', min: `${year}-01-01`, max: `${year}-12-31` }) }),
    kind: field({ label: t('admin.cal_kind'), required: true, control: select([{ value: 'off', label: t('admin.cal_off') }, { value: 'work', label: t('admin.cal_work') }], { id: 'ov-kind' }) }),
    name: field({ label: t('admin.cal_name'), required: true, hint: t('admin.cal_name_hint'), control: input({ id: 'ov-name', maxlength: 200 }) }),
    document: field({ label: t('admin.cal_document'), hint: t('admin.cal_document_hint'), control: input({ id: 'ov-doc', maxlength: 200 }) }),
  };
  const status = h('div');
  const form = h('form', {
    novalidate: true,
    onsubmit: async (ev) => {
      ev.preventDefault();
      for (const x of Object.values(f)) x.setError(null);
      replace(status);
      let bad = false;
      for (const k of ['date', 'name']) if (!f[k].input.value.trim()) { f[k].setError(t('eform.required')); if (!bad) f[k].input.focus(); bad = true; }
      if (bad) return;
      try {
        await post('/calendar/overrides', { date: f.date.input.value, kind: f.kind.input.value, name: f.name.input.value.trim(), document: f.document.input.value.trim() || null });
        toast(t('admin.saved'), 'ok');
        navigate(location.pathname + location.search, { replace: true });
      } catch (err) {
        if (f[err.field]) { f[err.field].setError(err.message); f[err.field].input.focus(); } else replace(status, errorBox(err));
      }
    },
  }, h('div', { class: 'form-grid' }, Object.values(f).map((x) => x.el)), status, h('button', { class: 'btn', type: 'submit' }, t('admin.cal_add')));

  root.append(adminFrame('/quan-tri/lich', t('admin.calendar'),
    h('p', { class: 'muted' }, t('admin.calendar_lead')),
    h('div', { class: 'card row' }, field({ label: t('admin.year'), control: yearSel }).el,
      h('div', { class: 'legend cal-legend', 'aria-hidden': 'true' },
        h('span', null, t('admin.cal_l_working')), h('span', { class: 'l-off' }, t('admin.cal_l_weekend')),
        h('span', { class: 'l-holiday' }, t('admin.cal_l_holiday')), h('span', { class: 'l-makeup' }, t('admin.cal_l_makeup')))),
    h('section', { class: 'card', 'aria-labelledby': 'cal-h' }, h('h2', { id: 'cal-h' }, t('admin.cal_year', { y: year })), months),
    h('section', { class: 'card', 'aria-labelledby': 'ov-h' }, h('h2', { id: 'ov-h' }, t('admin.cal_overrides')), overrides),
    h('section', { class: 'card', 'aria-labelledby': 'ov-add' }, h('h2', { id: 'ov-add' }, t('admin.cal_add')), form)));

  await Promise.all([
    section(months, async () => {
      const r = await get('/calendar/days', { from: `${year}-01-01`, to: `${year}-12-31` }, { signal });
      const days = r.items || [];
      const off = days.filter((d) => !d.working && d.kind !== 'weekend');
      return h('div', null,
        h('p', null, t('admin.cal_summary', { w: r.working_days, o: off.length })),
        h('div', { class: 'cal' }, Array.from({ length: 12 }, (_, m) => month(year, m, days.filter((d) => Number(d.date.slice(5, 7)) === m + 1)))));
    }),
    section(overrides, async () => {
      const r = await get('/calendar/overrides', { year }, { signal });
      const items = r.items || [];
      if (!items.length) return h('p', { class: 'muted' }, t('admin.cal_none'));
      return h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
        h('thead', null, h('tr', null, ['admin.cal_date', 'admin.cal_kind', 'admin.cal_name', 'admin.cal_document', 'common.actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, items.map((o) => h('tr', null,
          h('td', { class: 'cell-main' }, h('strong', null, fmtDate(o.date))),
          h('td', { 'data-label': t('admin.cal_kind') }, o.kind === 'work' ? h('span', { class: 'badge ok' }, t('admin.cal_work')) : h('span', { class: 'badge bad' }, t('admin.cal_off'))),
          h('td', { 'data-label': t('admin.cal_name') }, o.name),
          h('td', { 'data-label': t('admin.cal_document') }, o.document || '—'),
          h('td', { 'data-label': t('common.actions') }, h('button', {
            class: 'btn ghost sm', type: 'button',
            onclick: async () => {
              if (!window.confirm(t('admin.cal_confirm_delete', { d: fmtDate(o.date) }))) return;
              try { await del(`/calendar/overrides/${o.date}`); toast(t('admin.deleted'), 'ok'); navigate(location.pathname + location.search, { replace: true }); } catch (err) { toast(err.message, 'bad'); }
            },
          }, t('common.delete'), h('span', { class: 'visually-hidden' }, ` ${fmtDate(o.date)}`))))))));
    }),
  ]);
}

function month(year, m, days) {
  const first = new Date(Date.UTC(year, m, 1));
  const name = new Intl.DateTimeFormat(locale(), { month: 'long', timeZone: 'UTC' }).format(first);
  const lead = (first.getUTCDay() + 6) % 7;     // Monday first
  const dows = [1, 2, 3, 4, 5, 6, 0].map((d) => new Intl.DateTimeFormat(locale(), { weekday: 'narrow', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + d))));
  const today = todayIso();
  return h('div', { class: 'cal-month' },
    h('h3', null, name),
    h('div', { class: 'cal-grid', role: 'group', 'aria-label': `${name} ${year}` },
      dows.map((d) => h('span', { class: 'dow', 'aria-hidden': 'true' }, d)),
      Array.from({ length: lead }, () => h('span')),
      days.map((d) => {
        const cls = d.kind === 'weekend' ? 'off' : d.kind === 'declared_work' ? 'makeup' : !d.working ? 'holiday' : '';
        const what = [t(`daykind.${d.kind}`), d.name, d.document].filter(Boolean).join(' — ');
        const lunar = d.lunar ? ` (${t('admin.lunar')} ${d.lunar.day}/${d.lunar.month}${d.lunar.leap ? 'N' : ''})` : '';
        return h('span', { class: ['day', cls, d.date === today ? 'today' : ''], title: `${fmtDate(d.date)}${lunar}: ${what}` },
          String(Number(d.date.slice(8))), cls ? h('span', { class: 'visually-hidden' }, ` ${what}`) : null);
      })));
}
