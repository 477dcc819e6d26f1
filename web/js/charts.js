// charts.js — Apache ECharts, loaded on first use from /vendor (copied there
// from npm by `make web-deps`; served by motcua itself, no CDN). Every chart
// also has its figures as a table for screen readers and printouts.
import { h } from './dom.js';
import { t } from './i18n.js';

let lib = null;
export async function echarts() {
  if (!lib) lib = import('/vendor/echarts.esm.min.mjs');
  return lib;
}

const FONT = '"Noto Sans", "Segoe UI", Roboto, Arial, sans-serif';

// Draw option into el (a .chart div in the page); returns the chart or null.
// The chart resizes with the window and is disposed by the caller's cleanup.
export async function chart(el, option, { dark = false, onCleanup } = {}) {
  let ec;
  try { ec = await echarts(); } catch {
    el.replaceChildren(h('p', { class: 'muted small' }, t('ioc.charts_unavailable')));
    return null;
  }
  const c = ec.init(el, null, { renderer: 'canvas' });
  const base = {
    textStyle: { fontFamily: FONT, color: dark ? '#e6eef6' : '#18222d' },
    animationDuration: 500,
    aria: { enabled: true },
  };
  c.setOption({ ...base, ...option });
  const onResize = () => c.resize();
  window.addEventListener('resize', onResize);
  if (onCleanup) onCleanup(() => { window.removeEventListener('resize', onResize); c.dispose(); });
  return c;
}

// A visually hidden table with a chart's figures.
export function dataTable(caption, head, rows) {
  return h('details', { class: 'small chart-data' },
    h('summary', null, t('ioc.show_table')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((x, i) => (i === 0 ? h('th', { scope: 'row' }, x) : h('td', { class: 'num' }, x)))))))));
}

export const PALETTE = ['#0d5c9c', '#e8a33d', '#2e9b63', '#c8333a', '#6a4fb3', '#1b9aaa', '#8a6d3b'];
