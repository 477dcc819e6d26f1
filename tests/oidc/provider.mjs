// provider.mjs — an independent OpenID provider for motcua's end-to-end login
// tests: oidc-provider (OpenID Certified) on a free loopback port, with two
// clients (RS256 + client_secret_basic for the citizen SSO; ES256 +
// client_secret_post for the province's staff SSO), PKCE required, a small
// login form of its own, and test accounts whose claims look like VNeID's.
//
// The test plays an attacker with /__test/mode: the next token response's ID
// token is altered (re-signed with the provider's own key where that makes
// it "valid" apart from the altered claim) so that motcua's checks are seen
// to fire: wrong_nonce, wrong_aud, expired, tampered (payload changed, old
// signature), hs256 (HMAC with the client secret instead of the provider key).
//
//   node provider.mjs CONFIG.json PORT_FILE
//   CONFIG: {"redirect_uri": "...", "secrets": {"citizen": "...", "staff": "..."}}
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { Provider } from 'oidc-provider';

const [configPath, portFile] = process.argv.slice(2);
const cfg = JSON.parse(fs.readFileSync(configPath, 'utf8'));

function makeKey(type, kid) {
  const { privateKey } = type === 'RSA'
    ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
    : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: type === 'RSA' ? 'RS256' : 'ES256' };
}
const keys = [makeKey('RSA', 'rsa-1'), makeKey('EC', 'ec-1')];

const accounts = {
  'dan.vneid': { password: 'pw-dan', claims: { sub: 'vneid-0001', name: 'Nguyễn Văn Bình', personal_id: '001099000123',
    phone_number: '0912000111', birthdate: '1990-05-17', gender: 'male', email: 'binh@example.vn', loa: 'urn:vneid:loa:2',
    account_type: 'citizen' } },
  'low.loa': { password: 'pw-low', claims: { sub: 'vneid-0002', name: 'Lê Thị Thấp', personal_id: '001099000456',
    loa: 'urn:vneid:loa:1', account_type: 'citizen' } },
  'linked': { password: 'pw-linked', claims: { sub: 'vneid-0003', name: 'Công dân Một', personal_id: '001090000001',
    loa: 'urn:vneid:loa:2', account_type: 'citizen' } },
  'bad.id': { password: 'pw-bad', claims: { sub: 'vneid-0004', name: 'Số Sai', personal_id: '12345', loa: 'urn:vneid:loa:2' } },
  'cb.officer1': { password: 'pw-cb', claims: { sub: 'staff-0001', name: 'Cán bộ Một', preferred_username: 'officer1' } },
  'ghost': { password: 'pw-ghost', claims: { sub: 'staff-0002', name: 'Không Có', preferred_username: 'nosuchuser' } },
};
const bySub = Object.fromEntries(Object.values(accounts).map((a) => [a.claims.sub, a]));

// Listen first on port 0 (the kernel picks a free port and we keep it: no
// window in which another process can take it), then build the provider
// for that issuer; requests wait for the port file, written last.
const server = http.createServer((req, res) => serve(req, res));
const port = await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => resolve(server.address().port));
});
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    { client_id: 'motcua-citizen', client_secret: cfg.secrets.citizen, redirect_uris: [cfg.redirect_uri],
      grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'RS256' },
    { client_id: 'motcua-staff', client_secret: cfg.secrets.staff, redirect_uris: [cfg.redirect_uri],
      grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post', id_token_signed_response_alg: 'ES256' },
  ],
  jwks: { keys },
  pkce: { required: () => true },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    profile: ['name', 'birthdate', 'gender', 'personal_id', 'loa', 'account_type', 'preferred_username'],
    email: ['email'],
    phone: ['phone_number'],
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const a = bySub[sub];
    return a && { accountId: sub, claims: async () => ({ ...a.claims }) };
  },
});

// ---- the attacker's switch: alter the next ID token --------------------------
let mode = null;
const b64u = (b) => Buffer.from(b).toString('base64url');
function resign(idToken, change, how) {
  const [h, p, s] = idToken.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  change(claims);
  if (how === 'keep-signature') return `${h}.${b64u(JSON.stringify(claims))}.${s}`;
  if (how === 'hs256') {
    const input = `${b64u(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64u(JSON.stringify(claims))}`;
    return `${input}.${crypto.createHmac('sha256', cfg.secrets.citizen).update(input).digest('base64url')}`;
  }
  const jwk = keys.find((k) => k.kid === header.kid);
  const key = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  const input = `${h}.${b64u(JSON.stringify(claims))}`;
  const sig = crypto.sign('sha256', Buffer.from(input), jwk.kty === 'EC' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${input}.${b64u(sig)}`;
}
const mutations = {
  wrong_nonce: (t) => resign(t, (c) => { c.nonce = 'not-the-nonce-of-this-login'; }),
  wrong_aud: (t) => resign(t, (c) => { c.aud = 'another-application'; }),
  expired: (t) => resign(t, (c) => { const now = Math.floor(Date.now() / 1000); c.iat = now - 7200; c.exp = now - 3600; }),
  tampered: (t) => resign(t, (c) => { c.sub = 'vneid-0002'; }, 'keep-signature'),
  hs256: (t) => resign(t, () => {}, 'hs256'),
};
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && mode && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: mutations[mode](ctx.body.id_token) };
    mode = null;
  }
});

// ---- a minimal login form ---------------------------------------------------------
const readForm = (req) => new Promise((resolve) => {
  let data = '';
  req.on('data', (c) => { data += c; });
  req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(data))));
});
const page = (res, uid, msg = '') => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>Đăng nhập</title><p>${msg}</p><form method="post" action="/interaction/${uid}/login">`
    + '<input name="login"><input name="password" type="password"><button>Đăng nhập</button></form>');
};

const handler = provider.callback();
async function serve(req, res) {
  try {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/__test/mode' && req.method === 'POST') {
      const { mode: m } = JSON.parse(await new Promise((r) => { let d = ''; req.on('data', (c) => { d += c; }); req.on('end', () => r(d)); }));
      if (m !== null && !mutations[m]) { res.writeHead(400); res.end('unknown mode'); return; }
      mode = m;
      res.writeHead(204); res.end();
      return;
    }
    const m = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
    if (m) {
      const details = await provider.interactionDetails(req, res);
      if (!m[2]) { page(res, details.uid); return; }
      const form = await readForm(req);
      const acct = accounts[form.login];
      if (!acct || acct.password !== form.password) { page(res, details.uid, 'Sai tài khoản hoặc mật khẩu'); return; }
      const grant = new provider.Grant({ accountId: acct.claims.sub, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: acct.claims.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false });
      return;
    }
    handler(req, res);
  } catch (e) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(String(e && e.message));
  }
}
fs.writeFileSync(`${portFile}.tmp`, `${port}\n`);
fs.renameSync(`${portFile}.tmp`, portFile);
process.on('SIGTERM', () => { server.close(() => process.exit(0)); server.closeAllConnections(); });
// Watchdog: the test that started us may end without stopping us (a failed
// assertion in its set-up); once our parent is gone, go too.
const parent = process.ppid;
setInterval(() => {
  let alive = process.ppid === parent;
  try { process.kill(parent, 0); } catch { alive = false; }
  if (!alive) process.exit(0);
}, 1000).unref();
