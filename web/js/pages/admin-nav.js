// admin-nav.js — the frame of the administration pages: side menu + content.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { crumbs } from '../ui.js';

const ITEMS = [
  { href: '/quan-tri/don-vi', key: 'admin.units' },
  { href: '/quan-tri/thu-tuc', key: 'admin.procedures' },
  { href: '/quan-tri/lich', key: 'admin.calendar' },
  { href: '/quan-tri/nguoi-dung', key: 'admin.users' },
];

export function adminFrame(active, title, ...content) {
  const here = ITEMS.find((i) => i.href === active);
  return h('div', { class: 'wrap page' },
    crumbs([{ href: '/quan-tri', label: t('nav.admin') }, { label: here ? t(here.key) : title }]),
    h('div', { class: 'layout-side' },
      h('nav', { 'aria-label': t('nav.admin') },
        h('ul', { class: 'side-nav' }, ITEMS.map((i) => h('li', null,
          h('a', { href: i.href, 'aria-current': i.href === active ? 'page' : null }, t(i.key)))))),
      h('div', { class: 'stack' }, h('h1', null, title), ...content)));
}
