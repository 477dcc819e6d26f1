// ioc.js — the leaders' dashboard of the Decision-766 service index: the
// total and the six groups for the chosen unit and period with the change
// against the previous period; indicator cards with their numerator,
// denominator, target and progress; the weekly trend; the ranking of the
// units below with their denominators, each a link one level down (province
// → unit → procedure → dossiers); the dossiers late or soon late. Refreshes
// itself; ?wall=1 is the wall-screen mode (dark, large, no site chrome).
import { h, icon, replace } from '../dom.js';
import { t, getLang } from '../i18n.js';
import { get, itemsOf } from '../api.js';
import { fmtNum, fmtPct, fmtTime, fmtDate, todayIso, fmtDaysHours } from '../format.js';
import { navigate, path } from '../router.js';
import { select, field, statusBadge, timeLeftChip, errorBox, crumbs } from '../ui.js';
import { chart, dataTable, PALETTE } from '../charts.js';
import { procName, applicantName } from '../dossier.js';
import { currentUser } from '../auth.js';

const REFRESH_S = 60;
const WALL_KPIS = ['2.1', '3.3', '4.3', '5.1', '5.2', '6.4'];
const RANK_ROWS = 15;
const WALL_REFRESH_S = 30;

// Period codes the index understands: 2026, 2026-Q4, 2026-11, 2026-W47.
function periods() {
  const today = todayIso();
  const [y, m] = today.split('-').map(Number);
  const prevM = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const d = new Date(`${today}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  const thu = new Date(d); thu.setUTCDate(d.getUTCDate() - day + 3);
  const wy = thu.getUTCFullYear();
  const w1 = new Date(Date.UTC(wy, 0, 4));
  const week = 1 + Math.round(((thu - w1) / 86400000 - 3 + ((w1.getUTCDay() + 6) % 7)) / 7);
  return [
    { value: `${y}-${String(m).padStart(2, '0')}`, key: 'ioc.period_month' },
    { value: prevM, key: 'ioc.period_prev_month' },
    { value: `${y}-Q${Math.floor((m - 1) / 3) + 1}`, key: 'ioc.period_quarter' },
    { value: String(y), key: 'ioc.period_year' },
    { value: `${wy}-W${String(week).padStart(2, '0')}`, key: 'ioc.period_week' },
  ];
}

const num = (v) => (v === null || v === undefined || v === '' ? null : Number(v));
const pointsOf = (x) => num(x && (x.points ?? x.score ?? x.value));
const changeOf = (x) => num(x && (x.change ?? x.delta ?? (x.previous !== undefined && x.previous !== null && pointsOf(x) !== null
  ? pointsOf(x) - num(typeof x.previous === 'object' ? pointsOf(x.previous) : x.previous) : null)));

function delta(v, unit = '', digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  const s = `${fmtNum(Math.abs(v), digits)}${unit}`;
  if (Math.abs(v) < 0.05) return h('span', { class: 'delta flat' }, icon('minus'), t('ioc.change_flat'));
  return v > 0 ? h('span', { class: 'delta up' }, icon('arrowUp'), t('ioc.change_up', { v: s }))
    : h('span', { class: 'delta down' }, icon('arrowDown'), t('ioc.change_down', { v: s }));
}

function ring(points, max) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 200 200');
  svg.setAttribute('aria-hidden', 'true');
  const r = 86; const c = 2 * Math.PI * r;
  for (const cls of ['track', 'val']) {
    const el = document.createElementNS(ns, 'circle');
    el.setAttribute('cx', '100'); el.setAttribute('cy', '100'); el.setAttribute('r', String(r));
    el.setAttribute('class', cls);
    if (cls === 'val') {
      el.setAttribute('stroke-dasharray', String(c));
      el.setAttribute('stroke-dashoffset', String(c * (1 - Math.max(0, Math.min(1, (points || 0) / (max || 100))))));
    }
    svg.append(el);
  }
  return svg;
}

export default async function page(ctx) {
  const { root, setTitle, query, signal, onCleanup, onMount } = ctx;
  const wall = query.get('wall') === '1';
  setTitle(t('ioc.title'));
  document.body.classList.toggle('wall', wall);
  onCleanup(() => document.body.classList.remove('wall'));
  const opts = periods();
  const period = query.get('period') || opts[0].value;
  const unit = query.get('unit') || '';
  const procedure = query.get('procedure') || '';
  const go = (patch) => navigate(path('/ioc', {}, { unit, period, procedure, wall: wall ? 1 : '', ...patch }));

  const periodSel = select(opts.map((o) => ({ value: o.value, label: `${t(o.key)} (${o.value})`, selected: o.value === period })), { id: 'ioc-period' });
  if (!opts.some((o) => o.value === period)) periodSel.append(h('option', { value: period, selected: true }, period));
  periodSel.addEventListener('change', () => go({ period: periodSel.value }));
  const updated = h('span', { class: 'ioc-updated', 'aria-live': 'off' });
  // One procedure within the unit (the third level of the drill-down).
  const procSel = select([{ value: '', label: t('ioc.all_procedures') }], { id: 'ioc-proc' });
  procSel.addEventListener('change', () => go({ procedure: procSel.value }));
  const trail = h('div');
  const top = h('div', { class: 'ioc-top' });
  const kpis = h('div', { class: 'kpis' });
  const trendBox = h('div', { class: 'chart', id: 'ioc-trend', role: 'img' });
  const trendTable = h('div');
  const alerts = h('div');
  const ranking = h('div', { id: 'ranking' });
  const drill = h('div');
  const status = h('div');

  root.append(h('div', { class: 'wrap page' },
    wall ? null : crumbs([{ href: '/', label: t('nav.home') }, { label: t('nav.ioc') }]),
    h('div', { class: 'row-between' },
      h('div', null, h('h1', { class: 'ioc-title' }, t('ioc.title')), wall ? null : h('p', { class: 'muted' }, t('ioc.sub'))),
      h('div', { class: 'actions no-print' },
        wall ? h('a', { class: 'btn secondary sm', href: path('/ioc', {}, { unit, period }) }, t('ioc.wall_exit'))
          : h('a', { class: 'btn secondary sm', href: path('/ioc', {}, { unit, period, wall: 1 }), id: 'wall-link' }, icon('screen'), t('ioc.wall')),
        h('button', { class: 'btn ghost sm', type: 'button', onclick: () => load() }, icon('refresh'), t('common.refresh')))),
    h('div', { class: 'ioc-toolbar' },
      field({ label: t('ioc.period'), control: periodSel }).el,
      wall ? null : field({ label: t('ioc.procedure'), control: procSel }).el,
      trail, updated),
    status, top,
    h('section', { class: 'section', 'aria-labelledby': 'ioc-kpi-h' }, h('h2', { id: 'ioc-kpi-h' }, t('ioc.indicators')), kpis),
    h('div', { class: 'ioc-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'ioc-trend-h' }, h('h2', { id: 'ioc-trend-h' }, t('ioc.trend')), trendBox, trendTable),
      h('section', { class: 'card', 'aria-labelledby': 'ioc-alert-h' }, h('h2', { id: 'ioc-alert-h' }, t('ioc.alerts')), alerts)),
    h('section', { class: 'card section', 'aria-labelledby': 'ioc-rank-h' }, h('h2', { id: 'ioc-rank-h' }, t('ioc.ranking')), ranking),
    drill));

  let trendChart = null;
  let lastKind = null;
  let mounted = false;
  let pendingTrend = null;
  onMount(() => { mounted = true; if (pendingTrend) drawTrend(pendingTrend); });

  async function load() {
    const q = { unit: unit || undefined, period, procedure: procedure || undefined };
    try {
      const s = await get('/ioc/summary', q, { signal });
      replace(status);
      drawSummary(s);
      drawRanking(s);
      drawAlerts(s);
      updated.replaceChildren(h('span', { class: 'pulse', 'aria-hidden': 'true' }), t('ioc.updated', { at: fmtTime(new Date()), s: wall ? WALL_REFRESH_S : REFRESH_S }));
      const tr = s.trend || await get('/index/trend', { ...q, weeks: 12 }, { signal }).catch(() => null);
      if (tr) { if (mounted) drawTrend(tr); else pendingTrend = tr; }
      await drawDrill(s, q);
    } catch (err) {
      if (err.name === 'AbortError') return;
      replace(status, errorBox(err, load));
    }
  }

  function drawSummary(s) {
    const total = s.total || {};
    const tp = pointsOf(total);
    const max = num(total.max) || 100;
    const u = s.unit || {};
    lastKind = u.kind;
    const parents = s.path || [];
    replace(trail, h('nav', { class: 'drill', 'aria-label': t('ioc.unit') },
      parents.map((p) => [h('a', { href: path('/ioc', {}, { unit: p.code, period, wall: wall ? 1 : '' }) }, p.name), ' › ']),
      h('strong', null, u.name || ''),
      procedure ? [' › ', h('span', null, (s.procedure && s.procedure.name) || procedure)] : null));
    const band = total.band || s.band || null;
    const now = s.dossiers_now || {};
    const prev = s.previous_period ? s.previous_period.label : '';
    replace(top,
      h('section', { class: 'card score-card', 'aria-labelledby': 'ioc-total-h' },
        h('h2', { id: 'ioc-total-h', class: 'visually-hidden' }, t('ioc.total')),
        h('div', { class: 'score-ring' }, ring(tp, max),
          h('div', { class: 'txt' }, h('strong', { id: 'ioc-total', 'data-points': tp ?? '' }, tp === null ? '—' : fmtNum(tp, 1)), h('span', null, t('ioc.of_100')))),
        band ? h('p', { class: 'tag gold' }, t('ioc.band', { band })) : null,
        h('p', null, delta(changeOf(total), getLang() === 'vi' ? ' điểm' : ' pts'), ' ', h('span', { class: 'small muted' }, t('ioc.vs_prev_of', { p: prev }))),
        num(total.coverage) !== null && num(total.coverage) < 1 ? h('p', { class: 'small muted' }, t('ioc.coverage', { p: fmtPct(total.coverage, 0) })) : null),
      h('div', { class: 'stack' },
        h('section', { 'aria-labelledby': 'ioc-groups-h' },
          h('h2', { id: 'ioc-groups-h', class: 'visually-hidden' }, t('ioc.groups')),
          h('div', { class: 'groups' }, (s.groups || []).map((g) => {
            const p = pointsOf(g); const gm = num(g.max);
            const r = p === null ? null : p / (gm || 1);
            return h('div', { class: 'group-card', 'data-group': g.code },
              h('span', { class: 'gname' }, `${g.code}. ${g.name}`),
              h('div', { class: 'gval' }, h('strong', null, p === null ? '—' : fmtNum(p, 1)), h('span', null, `/ ${fmtNum(gm)} ${t('ioc.pts')}`)),
              barOf(r ?? 0, r === null ? '' : r >= 0.8 ? 'ok' : r >= 0.5 ? 'warn' : 'bad'),
              p === null ? h('span', { class: 'small muted' }, t('ioc.no_data')) : delta(changeOf(g)));
          }))),
        h('section', { class: 'now-strip', 'aria-labelledby': 'ioc-now-h' },
          h('h2', { id: 'ioc-now-h', class: 'visually-hidden' }, t('ioc.now')),
          nowStat(t('ioc.now_open'), now.open, ''), nowStat(t('ioc.now_within'), now.within_deadline, 'ok'),
          nowStat(t('ioc.now_soon', { h: s.soon_late_hours || 24 }), now.soon_late, 'warn'), nowStat(t('ioc.now_late'), now.late, 'bad'))));
    // The wall screen keeps to the indicators leaders read first.
    const inds = (s.indicators || []).filter((i) => !wall || WALL_KPIS.includes(i.code));
    replace(kpis, inds.map(kpiCard));
  }

  function nowStat(label, value, tone) {
    return h('div', { class: ['now-stat', tone] }, h('strong', null, fmtNum(value ?? 0)), h('span', null, label));
  }

  function kpiCard(i) {
    const ratio = num(i.ratio);
    const den = num(i.denominator);
    const target = num(i.target);
    const threshold = num(i.threshold);
    const shown = i.rule === 'shown';
    let value;
    let empty = false;
    if (i.measure === 'handling_time' && num(i.value) !== null) value = fmtDuration(num(i.value));
    else if (ratio !== null) value = fmtPct(ratio);
    else if (pointsOf(i) !== null && i.max) value = t('ioc.full_when_none');
    else { value = t('ioc.no_data'); empty = true; }
    const goal = target ?? threshold;
    const progress = num(i.progress) ?? (goal && ratio !== null ? Math.min(1, ratio / goal) : ratio);
    const tone = ratio === null ? '' : progress >= 1 ? 'ok' : progress >= 0.7 ? 'warn' : 'bad';
    return h('div', { class: ['kpi', empty ? 'kpi-empty' : ''], 'data-kpi': i.code, 'data-num': i.numerator ?? '', 'data-den': den ?? '' },
      h('div', { class: 'row-between' }, h('span', { class: 'kid' }, i.code), i.max ? h('span', { class: 'small muted' }, t('ioc.points', { p: pointsOf(i) === null ? '—' : fmtNum(pointsOf(i), 2), max: fmtNum(i.max) })) : h('span', { class: 'small muted' }, t('ioc.shown'))),
      h('span', { class: 'kname' }, i.name),
      h('span', { class: 'kval' }, value),
      h('span', { class: 'small muted' }, den ? t('ioc.ratio_of', { num: fmtNum(i.numerator), den: fmtNum(den) }) : (i.reason || '')),
      shown ? null : barOf(progress ?? 0, tone),
      shown ? null : h('div', { class: 'kfoot' },
        h('span', null, target ? t('ioc.target', { v: fmtPct(target, 0) }) : threshold ? t('ioc.full_at', { v: fmtPct(threshold, 0) }) : t('ioc.linear')),
        delta(num(i.change_percent_points), getLang() === 'vi' ? ' điểm %' : ' pp')));
  }

  function fmtDuration(seconds) {
    const hours = seconds / 3600;
    const days = Math.floor(hours / 8);
    return fmtDaysHours(days, Math.round(hours - days * 8));
  }

  let showAll = false;
  function drawRanking(s) {
    const r = s.ranking || {};
    const all = Array.isArray(r) ? r : itemsOf(r);
    if (!all.length) { replace(ranking, h('p', { class: 'muted' }, t('ioc.no_children'))); return; }
    const limit = wall ? 10 : RANK_ROWS;
    const items = showAll ? all : all.slice(0, limit);
    const more = all.length > limit && !wall ? h('div', { class: 'actions section' }, h('button', {
      class: 'btn secondary sm', type: 'button', 'aria-expanded': String(showAll),
      onclick: () => { showAll = !showAll; drawRanking(s); },
    }, showAll ? t('ioc.rank_less') : t('ioc.rank_all', { n: all.length }))) : null;
    const ind = (x, code) => (x.indicators && (Array.isArray(x.indicators) ? x.indicators.find((i) => i.code === code) : x.indicators[code])) || null;
    const cell = (i) => (i && num(i.ratio) !== null ? h('span', null, fmtPct(i.ratio), h('span', { class: 'small muted' }, ` (${fmtNum(i.numerator)}/${fmtNum(i.denominator)})`)) : h('span', { class: 'muted' }, '—'));
    replace(ranking, h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('ioc.rank')), h('th', { scope: 'col' }, t('ioc.unit')), h('th', { scope: 'col' }, t('ioc.total')),
        h('th', { scope: 'col' }, `2.1 ${t('ioc.on_time_col')}`), h('th', { scope: 'col' }, `3.3 ${t('ioc.online_col')}`), h('th', { scope: 'col', class: 'num' }, t('ioc.dossiers')))),
      h('tbody', null, items.map((x) => {
        const u = x.unit || x;
        const p = pointsOf(x.total || x);
        return h('tr', null,
          h('td', { 'data-label': t('ioc.rank') }, x.rank ? h('strong', { class: 'rank-no' }, String(x.rank)) : h('span', { class: 'badge', title: t('ioc.insufficient_hint') }, t('ioc.insufficient'))),
          h('td', { class: 'cell-main' }, h('a', { class: 'row-link', href: path('/ioc', {}, { unit: u.code, period, wall: wall ? 1 : '' }) }, u.name)),
          h('td', { 'data-label': t('ioc.total') }, h('div', { class: 'rank-bar' }, h('strong', { class: 'num' }, p === null ? '—' : fmtNum(p, 1)), barOf(p === null ? 0 : p / 100), x.band ? h('span', { class: 'small muted nowrap' }, x.band) : null)),
          h('td', { 'data-label': `2.1 ${t('ioc.on_time_col')}` }, cell(ind(x, '2.1'))),
          h('td', { 'data-label': `3.3 ${t('ioc.online_col')}` }, cell(ind(x, '3.3'))),
          h('td', { class: 'num', 'data-label': t('ioc.dossiers') }, fmtNum(x.dossiers ?? x.received ?? x.denominator ?? (ind(x, '2.1') || {}).denominator)));
      })))), more);
  }

  function drawAlerts(s) {
    const a = s.alerts || {};
    const late = itemsOf(a.late || []);
    const soon = itemsOf(a.soon || a.soon_late || []);
    const staff = ['officer', 'specialist', 'unit_leader', 'admin'].includes(currentUser()?.role);
    const row = (d) => h('li', null,
      h('div', null,
        staff ? h('a', { class: 'mono', href: path('/can-bo/ho-so/:code', { code: d.code }) }, d.code) : h('span', { class: 'mono' }, d.code),
        h('div', { class: 'small muted' }, [procName(d), d.handling_unit && d.handling_unit.name, applicantName(d)].filter(Boolean).join(' · '))),
      timeLeftChip(d.time_left));
    if (!late.length && !soon.length) { replace(alerts, h('p', { class: 'muted' }, t('ioc.no_alerts'))); return; }
    replace(alerts,
      h('h3', null, t('ioc.alerts_late'), ' ', h('span', { class: 'badge bad' }, fmtNum(a.late_total ?? late.length))),
      late.length ? h('ul', { class: 'alert-list' }, late.slice(0, 8).map(row)) : h('p', { class: 'muted small' }, '—'),
      h('h3', null, t('ioc.alerts_soon'), ' ', h('span', { class: 'badge warn' }, fmtNum(a.soon_total ?? soon.length))),
      soon.length ? h('ul', { class: 'alert-list' }, soon.slice(0, 8).map(row)) : h('p', { class: 'muted small' }, '—'));
  }

  async function drawTrend(tr) {
    const items = itemsOf(tr.items ? tr : { items: tr.weeks || tr.points || [] });
    const labels = items.map((w) => w.week || w.label || fmtDate(w.from));
    const values = items.map((w) => { const v = pointsOf(w); return v === null ? null : Math.round(v * 10) / 10; });
    trendBox.setAttribute('aria-label', `${t('ioc.trend')}: ${labels.map((l, i) => `${l} ${values[i] ?? '—'}`).join(', ')}`);
    replace(trendTable, dataTable(t('ioc.trend'), [t('ioc.week'), t('ioc.trend_total')], labels.map((l, i) => [l, values[i] === null ? '—' : fmtNum(values[i], 1)])));
    const option = {
      color: PALETTE,
      grid: { left: 44, right: 16, top: 24, bottom: 36 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { color: wall ? '#cfe0ef' : '#3b4856' } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: wall ? '#cfe0ef' : '#3b4856' }, splitLine: { lineStyle: { color: wall ? '#1b3d63' : '#e6ebf0' } } },
      series: [{ name: t('ioc.trend_total'), type: 'line', smooth: true, symbolSize: 7, connectNulls: false, data: values, areaStyle: { opacity: 0.12 }, lineStyle: { width: 3 } }],
    };
    if (trendChart) { trendChart.setOption(option); return; }
    trendChart = await chart(trendBox, option, { dark: wall, onCleanup });
  }

  // One level further down: at a unit without units below, its procedures and the dossiers that cost points.
  async function drawDrill(s, q) {
    const rankItems = Array.isArray(s.ranking) ? s.ranking : itemsOf(s.ranking || {});
    const procs = itemsOf(s.procedures || []);
    if (rankItems.length && !procedure && !procs.length) { replace(drill); return; }
    const parts = [];
    if (procs.length && !procedure) {
      parts.push(h('section', { class: 'card section', 'aria-labelledby': 'ioc-proc-h' }, h('h2', { id: 'ioc-proc-h' }, t('ioc.by_procedure')),
        h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('dossier.procedure')), h('th', { scope: 'col' }, t('ioc.total')), h('th', { scope: 'col', class: 'num' }, t('ioc.dossiers')))),
          h('tbody', null, procs.map((p) => h('tr', null,
            h('td', { class: 'cell-main' }, h('a', { href: path('/ioc', {}, { unit, period, procedure: p.code, wall: wall ? 1 : '' }) }, p.name)),
            h('td', { 'data-label': t('ioc.total') }, fmtNum(pointsOf(p.total || p), 1)),
            h('td', { class: 'num', 'data-label': t('ioc.dossiers') }, fmtNum(p.dossiers ?? p.received)))))))));
    }
    try {
      const r = await get('/index/dossiers', { ...q, indicator: '2.1', limit: 20 }, { signal });
      const items = itemsOf(r);
      parts.push(h('section', { class: 'card section', 'aria-labelledby': 'ioc-dos-h' }, h('h2', { id: 'ioc-dos-h' }, t('ioc.drill_dossiers'), ' ', h('span', { class: 'badge plain' }, fmtNum(r.total ?? items.length))),
        r.filter_label ? h('p', { class: 'small muted' }, `${r.indicator || '2.1'} — ${r.filter_label}`) : null,
        items.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table stack-sm' },
          h('thead', null, h('tr', null, ['dossier.code', 'dossier.procedure', 'dossier.status', 'dossier.time_left'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', null, items.map((d) => h('tr', null,
            h('td', { class: 'cell-main mono' }, ['officer', 'specialist', 'unit_leader', 'admin'].includes(currentUser()?.role) ? h('a', { href: path('/can-bo/ho-so/:code', { code: d.code }) }, d.code) : d.code),
            h('td', { 'data-label': t('dossier.procedure') }, procName(d)),
            h('td', { 'data-label': t('dossier.status') }, statusBadge(d.status)),
            h('td', { 'data-label': t('dossier.time_left') }, timeLeftChip(d.time_left)))))))
          : h('p', { class: 'muted' }, t('ioc.no_costly'))));
    } catch (err) { if (err.name === 'AbortError') return; }
    replace(drill, parts);
  }

  function barOf(ratio, tone) {
    const span = h('span');
    span.style.width = `${Math.max(0, Math.min(1, ratio || 0)) * 100}%`;
    return h('div', { class: ['bar', tone] }, span);
  }

  async function loadProcedures(kind) {
    try {
      const r = await get('/procedures', { unit_kind: kind && kind !== 'province' ? kind : undefined, limit: 200 }, { signal });
      for (const p of itemsOf(r)) procSel.append(h('option', { value: p.code, selected: p.code === procedure }, `${p.name} (${p.code})`));
      if (procedure && !itemsOf(r).some((p) => p.code === procedure)) procSel.append(h('option', { value: procedure, selected: true }, procedure));
    } catch (err) { if (err.name === 'AbortError') return; }
  }

  await load();
  if (!wall) loadProcedures(lastKind);
  const timer = setInterval(() => { if (!document.hidden) load(); }, (wall ? WALL_REFRESH_S : REFRESH_S) * 1000);
  onCleanup(() => clearInterval(timer));
}
