// forbidden.js — shown when the logged-in role may not open a page, and (as
// failed()) when a page could not be built at all.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { currentUser, homeFor } from '../auth.js';
import { errorBox } from '../ui.js';

export default function page({ root, setTitle }) {
  setTitle(t('forbidden.title'));
  root.append(h('div', { class: 'wrap page' },
    h('div', { class: 'card empty' },
      h('h1', null, t('forbidden.title')),
      h('p', null, t('forbidden.text', { role: t(`role.${currentUser()?.role}`) })),
      h('a', { class: 'btn', href: homeFor(currentUser()) }, t('forbidden.home')))));
}

export function failed({ root, setTitle }, err) {
  const title = err && err.status === 404 ? t('err.not_found_title') : t('err.title');
  setTitle(title);
  root.append(h('div', { class: 'wrap page' }, h('h1', null, title), errorBox(err, err && err.status === 404 ? null : () => location.reload()),
    h('p', { class: 'section-gap' }, h('a', { href: homeFor(currentUser()) }, t('forbidden.home')))));
}
