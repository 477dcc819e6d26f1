// receipt.js — after filing: the dossier code, large, with what happens next
// and how to follow it. Printable.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { fmtDateTime } from '../format.js';
import { path } from '../router.js';
import { crumbs } from '../ui.js';
import { procName, dueOf, attachmentList, procedureOf } from '../dossier.js';

export default async function page({ root, params, setTitle, signal }) {
  const d = await get(`/dossiers/${encodeURIComponent(params.code)}`, null, { signal });
  const proc = await procedureOf(d);
  setTitle(t('receipt.title'));
  const due = dueOf(d);
  root.append(h('div', { class: 'wrap page' },
    crumbs([{ href: '/', label: t('nav.home') }, { href: '/ho-so-cua-toi', label: t('nav.mine') }, { label: t('receipt.title') }]),
    h('div', { class: 'card receipt' },
      icon('checkCircle', 'ico-ok'),
      h('h1', null, t('receipt.title')),
      h('p', null, t('receipt.lead', { name: procName(d) })),
      h('p', { class: 'muted', id: 'code-label' }, t('receipt.code_label')),
      h('div', { class: 'code', id: 'dossier-code', 'aria-describedby': 'code-label' }, d.code),
      d.lookup_key ? h('p', null, t('receipt.key', { key: d.lookup_key })) : null,
      h('p', null, t('receipt.submitted_at', { at: fmtDateTime(d.submitted_at) })),
      h('p', null, due ? t('receipt.due', { at: fmtDateTime(due) }) : t('receipt.due_later')),
      h('div', { class: 'actions', style: { justifyContent: 'center' } },
        h('a', { class: 'btn', href: path('/ho-so-cua-toi/:code', { code: d.code }) }, t('receipt.follow')),
        h('button', { class: 'btn secondary no-print', type: 'button', onclick: () => window.print() }, icon('printer'), t('receipt.print')))),
    h('div', { class: 'layout-2 section' },
      h('section', { class: 'card', 'aria-labelledby': 'rc-next' },
        h('h2', { id: 'rc-next' }, t('receipt.next_title')),
        h('ol', { class: 'timeline' },
          [1, 2, 3, 4].map((i) => h('li', null, h('div', { class: 'tl-title' }, t(`receipt.next_${i}`)), h('div', { class: 'tl-meta' }, t(`receipt.next_${i}_text`)))))),
      h('section', { class: 'card', 'aria-labelledby': 'rc-files' },
        h('h2', { id: 'rc-files' }, t('receipt.files')),
        attachmentList(d, proc)))));
}
