// login.js — log in with a username and password; then go where the user was
// going (?next=) or to the start page of the role.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { login, homeFor, currentUser, afterSso } from '../auth.js';
import { get, itemsOf } from '../api.js';
import { navigate } from '../router.js';
import { field, input, pageHead, errorSummary } from '../ui.js';

function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/api/') ? next : null;
}

export default async function page({ root, setTitle, query, signal }) {
  setTitle(t('login.title'));
  const next = safeNext(query.get('next'));
  if (query.get('sso')) {
    const u = await afterSso();
    if (u) { navigate(next || homeFor(u), { replace: true }); return; }
  }
  if (currentUser() && !query.get('expired')) { navigate(next || homeFor(currentUser()), { replace: true }); return; }
  const user = field({ label: t('login.username'), required: true, control: input({ name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: 64 }) });
  const pass = field({ label: t('login.password'), required: true, control: input({ name: 'password', type: 'password', autocomplete: 'current-password', maxlength: 256 }) });
  const totp = field({ label: t('login.totp'), hint: t('login.totp_hint'), control: input({ name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 }) });
  totp.el.hidden = true;
  const summary = h('div');
  const submit = h('button', { class: 'btn block', type: 'submit' }, t('login.submit'));
  const form = h('form', { novalidate: true, onsubmit: onSubmit }, summary, user.el, pass.el, totp.el, submit);

  async function onSubmit(ev) {
    ev.preventDefault();
    summary.replaceChildren();
    user.setError(null); pass.setError(null);
    const problems = [];
    if (!user.input.value.trim()) { user.setError(t('login.need_username')); problems.push({ id: user.id, message: t('login.need_username') }); }
    if (!pass.input.value) { pass.setError(t('login.need_password')); problems.push({ id: pass.id, message: t('login.need_password') }); }
    if (problems.length) { const s = errorSummary(problems); summary.append(s); s.focus(); return; }
    submit.disabled = true;
    try {
      const u = await login(user.input.value.trim(), pass.input.value, totp.el.hidden ? null : totp.input.value.trim());
      navigate(next || homeFor(u), { replace: true });
    } catch (err) {
      submit.disabled = false;
      if (err.code === 'auth.totp_required') {
        totp.el.hidden = false;
        totp.input.focus();
        return;
      }
      const msg = err.code === 'auth.invalid_login' ? t('login.invalid')
        : err.code === 'auth.locked' || err.code === 'auth.throttled' ? t('login.locked', { min: Math.ceil((err.detail.retry_after || 60) / 60) }) : err.message;
      const s = errorSummary([{ id: pass.id, message: msg }]);
      summary.append(s);
      s.focus();
    }
  }

  // National and provincial single sign-on (VNeID), when the site has it.
  const sso = h('div');
  get('/auth/providers', null, { signal }).then((r) => {
    const items = itemsOf(r);
    if (!items.length) return;
    const ret = `/dang-nhap?sso=1${next ? `&next=${encodeURIComponent(next)}` : ''}`;
    sso.append(h('div', { class: 'card stack section-gap' },
      h('p', { class: 'muted' }, t('login.sso_or')),
      items.map((p) => h('a', {
        class: ['btn', 'block', p.vneid ? 'vneid' : 'secondary'],
        href: `/api/v1/auth/oidc/start?provider=${encodeURIComponent(p.name)}&return_to=${encodeURIComponent(ret)}`,
      }, t('login.sso_with', { name: p.display_name || p.name })))));
  }).catch(() => {});

  root.append(h('div', { class: 'wrap page' },
    h('div', { class: 'login-box' },
      pageHead(t('login.title'), t('login.sub')),
      query.get('expired') ? h('div', { class: 'notice warn', role: 'status' }, t('login.expired')) : null,
      query.get('sso') ? h('div', { class: 'notice warn', role: 'alert' }, t('login.sso_failed')) : null,
      h('div', { class: 'card' }, form),
      sso,
      h('p', { class: 'muted small' }, t('login.help')))));
}
