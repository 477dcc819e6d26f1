// procedure.js — one procedure, for a citizen deciding whether and how to
// apply: time, fees, online level, the papers to bring, the steps, where to
// go, and the button to apply online.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { get, itemsOf } from '../api.js';
import { fmtMoney, fmtDate, onlineLabel, procTime } from '../format.js';
import { path } from '../router.js';
import { crumbs, errorBox } from '../ui.js';
import { currentUser } from '../auth.js';

export default async function page({ root, params, setTitle, signal }) {
  let p;
  try {
    p = await get(`/procedures/${encodeURIComponent(params.code)}`, null, { signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    setTitle(t('proc.not_found'));
    root.append(h('div', { class: 'wrap page' },
      crumbs([{ href: '/', label: t('nav.home') }, { href: '/thu-tuc', label: t('cat.title') }, { label: params.code }]),
      h('h1', null, err.status === 404 ? t('proc.not_found') : t('err.title')),
      errorBox(err), h('p', null, h('a', { href: '/thu-tuc' }, t('proc.back_to_catalogue')))));
    return;
  }
  setTitle(p.name);
  const fees = p.fees || [];
  const feeTotal = fees.reduce((s, f) => s + (f.amount || 0), 0);
  const comps = p.components || [];
  // No workflow of its own = the default one (workflow.h): review, then approval.
  const steps = (p.workflow && p.workflow.steps) || [{ code: 'xu_ly', name: t('step.xu_ly'), role: 'specialist' }, { code: 'phe_duyet', name: t('step.phe_duyet'), role: 'unit_leader' }];
  const online = p.online_level && p.online_level !== 'none';
  const kinds = Array.isArray(p.unit_kinds) ? p.unit_kinds : String(p.unit_kinds || '').split(',').filter(Boolean);
  const where = h('div');
  const u = currentUser();

  const officer = u && u.role === 'officer';
  const cta = h('div', { class: 'card sticky-cta stack' },
    h('h2', null, online ? t('proc.apply_online') : t('proc.apply_in_person')),
    h('p', { class: 'muted' }, online ? t(`proc.online_note_${p.online_level}`) : t('proc.offline_note')),
    online && (!u || u.role === 'citizen')
      ? h('a', { class: 'btn block', href: path('/thu-tuc/:code/nop', { code: p.code }), id: 'apply-link' }, icon('upload'), t('proc.apply_button'))
      : null,
    officer ? h('a', { class: 'btn block', href: path('/thu-tuc/:code/nop', { code: p.code }), id: 'desk-file-link' }, icon('inbox'), t('desk.new_in_person')) : null,
    online && !u ? h('p', { class: 'small muted' }, t('proc.login_note')) : null,
    h('button', { class: 'btn secondary block no-print', type: 'button', onclick: () => window.print() }, icon('printer'), t('proc.print')));

  root.append(h('div', { class: 'wrap page' },
    crumbs([{ href: '/', label: t('nav.home') }, { href: '/thu-tuc', label: t('cat.title') },
      p.field_code ? { href: path('/thu-tuc', {}, { field: p.field_code }), label: p.field_name } : null, { label: p.name }].filter(Boolean)),
    h('div', { class: 'page-head' },
      h('h1', null, p.name),
      h('div', { class: 'row' },
        h('span', { class: 'tag' }, t('proc.code'), ' ', p.code),
        p.field_name ? h('span', { class: 'tag' }, p.field_name) : null,
        p.level ? h('span', { class: 'tag' }, t(`level.${p.level}`)) : null,
        p.citizen_kind ? h('span', { class: 'tag gold' }, t(`citizenkind.${p.citizen_kind}`)) : null,
        p.active === false ? h('span', { class: 'badge bad' }, t('proc.inactive')) : null)),
    h('div', { class: 'facts' },
      fact(t('proc.time'), procTime(p)),
      fact(t('proc.fee'), fees.length ? fmtMoney(feeTotal) : t('common.free')),
      fact(t('proc.online'), onlineLabel(p.online_level)),
      fact(t('proc.result'), t(`result.${p.result_type || 'paper'}`))),
    h('div', { class: 'layout-2' },
      h('div', { class: 'stack' },
        h('section', { class: 'card', 'aria-labelledby': 'p-comp' },
          h('h2', { id: 'p-comp' }, t('proc.components')),
          comps.length ? h('ol', { class: 'comp-list' }, comps.map((c) => h('li', null,
            h('div', { class: 'grow' }, h('span', null, c.name),
              h('div', null,
                h('span', { class: ['badge', 'plain', c.required ? 'warn' : ''] }, c.required ? t('proc.required') : t('proc.optional')),
                c.from_store ? h('span', { class: 'badge plain info' }, t('proc.from_store')) : null))))) : h('p', { class: 'muted' }, t('proc.no_components')),
          h('p', { class: 'small muted' }, t('proc.components_note'))),
        h('section', { class: 'card', 'aria-labelledby': 'p-fee' },
          h('h2', { id: 'p-fee' }, t('proc.fees')),
          fees.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('proc.fee_name')), h('th', { scope: 'col' }, t('proc.fee_kind')), h('th', { scope: 'col', class: 'num' }, t('proc.fee_amount')))),
            h('tbody', null, fees.map((f) => h('tr', null, h('td', null, f.name), h('td', null, t(`feekind.${f.kind}`)), h('td', { class: 'num' }, fmtMoney(f.amount)))))))
            : h('p', null, t('proc.no_fees'))),
        h('section', { class: 'card', 'aria-labelledby': 'p-steps' },
          h('h2', { id: 'p-steps' }, t('proc.steps')),
          h('ol', { class: 'timeline' },
            h('li', null, h('div', { class: 'tl-title' }, t('proc.step_submit')), h('div', { class: 'tl-meta' }, online ? t('proc.step_submit_online') : t('proc.step_submit_desk'))),
            h('li', null, h('div', { class: 'tl-title' }, t('proc.step_receive')), h('div', { class: 'tl-meta' }, p.rule_1500 ? t('proc.rule_1500') : t('proc.step_receive_text'))),
            steps.map((s) => h('li', null, h('div', { class: 'tl-title' }, s.name), h('div', { class: 'tl-meta' }, t(`role.${s.role}`)))),
            h('li', { class: 'tl-ok' }, h('div', { class: 'tl-title' }, t('proc.step_return')), h('div', { class: 'tl-meta' }, t(`result.${p.result_type || 'paper'}`))))),
        h('section', { class: 'card', 'aria-labelledby': 'p-where' },
          h('h2', { id: 'p-where' }, t('proc.where')),
          h('p', null, kinds.map((k) => t(`proc.where_${k}`)).join(' ')),
          online ? h('p', null, t('proc.where_online')) : null,
          where),
        h('section', { class: 'card', 'aria-labelledby': 'p-legal' },
          h('h2', { id: 'p-legal' }, t('proc.legal')),
          h('dl', { class: 'dl' },
            h('dt', null, t('proc.decided_on')), h('dd', null, fmtDate(p.decided_on)),
            h('dt', null, t('proc.effective_on')), h('dd', null, fmtDate(p.effective_on)),
            h('dt', null, t('proc.published_on')), h('dd', null, fmtDate(p.published_on)),
            h('dt', null, t('proc.payment')), h('dd', null, p.payment_integrated ? t('proc.payment_yes') : t('proc.payment_no'))))),
      h('aside', null, cta))));

  // The units that receive this procedure's dossiers, when there are few enough to list.
  for (const k of kinds) {
    try {
      const r = await get('/units', { kind: k, limit: 200 }, { signal });
      const list = itemsOf(r);
      if (!list.length) continue;
      where.append(h('details', null,
        h('summary', null, t('proc.where_list', { kind: t(`unitkind.${k}`), n: r.total ?? list.length })),
        h('ul', null, list.map((x) => h('li', null, x.name)))));
    } catch (err) { if (err.name === 'AbortError') return; }
  }
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('span', null, label), h('strong', null, value));
}
