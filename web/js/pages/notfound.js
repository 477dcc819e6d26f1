// notfound.js — a page for paths the router does not know.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default function page({ root, setTitle }) {
  setTitle(t('notfound.title'));
  root.append(h('div', { class: 'wrap page' },
    h('div', { class: 'card empty' },
      h('h1', null, t('notfound.title')),
      h('p', null, t('notfound.text')),
      h('div', { class: 'actions', style: { justifyContent: 'center' } },
        h('a', { class: 'btn', href: '/' }, t('notfound.home')),
        h('a', { class: 'btn secondary', href: '/thu-tuc' }, t('nav.catalogue'))))));
}
