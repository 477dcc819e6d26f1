// lib.mjs — a small test harness for the browser suite: ordered tests that
// may depend on earlier ones, assertions, the browser and its pages, page
// checks every test gets for free (no uncaught script error, no CSP
// violation, labelled form controls, one h1, a language on <html>), and
// screenshots.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function args() {
  const a = process.argv.slice(2);
  const out = {};
  for (let i = 0; i < a.length; i += 2) out[a[i].replace(/^--/, '')] = a[i + 1];
  return out;
}

export class AssertionError extends Error {}
export function expect(cond, message) { if (!cond) throw new AssertionError(message); }
export function equal(a, b, message) { if (a !== b) throw new AssertionError(`${message}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`); }

const tests = [];
export function test(name, fn, { needs = [] } = {}) { tests.push({ name, fn, needs }); }

export async function run(ctx) {
  const only = process.env.BROWSER_ONLY ? new RegExp(process.env.BROWSER_ONLY) : null;
  const done = new Map();
  let passed = 0; let failed = 0;
  for (const tc of tests) {
    if (only && !only.test(tc.name)) continue;
    const t0 = Date.now();
    const missing = tc.needs.filter((n) => done.get(n) !== true);
    if (missing.length) {
      failed += 1; done.set(tc.name, false);
      console.log(`not ok  ${tc.name} — skipped: needs ${missing.join(', ')}`);
      continue;
    }
    try {
      await tc.fn(ctx);
      passed += 1; done.set(tc.name, true);
      console.log(`ok      ${tc.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed += 1; done.set(tc.name, false);
      console.log(`not ok  ${tc.name} (${Date.now() - t0} ms)`);
      console.log(String(err && err.stack ? err.stack : err).split('\n').slice(0, 6).map((l) => `        ${l}`).join('\n'));
      if (ctx.lastPage) {
        try { await ctx.lastPage.screenshot({ path: join(ctx.out, `FAILED-${slug(tc.name)}.png`), fullPage: true }); } catch { /* page gone */ }
      }
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}

export function slug(s) { return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''); }

// The browser: Debian's chromium, headless. playwright-core gives each launch
// a fresh profile directory (its own --user-data-dir) and removes it after.
export async function launch(executablePath) {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=vi-VN', '--font-render-hinting=none'],
  });
}

// A new browser context (its own cookies) and page; collects script errors.
export async function newPage(ctx, { width = 1280, height = 900, js = true, lang = 'vi-VN', mobile = false } = {}) {
  const context = await ctx.browser.newContext({
    baseURL: ctx.base, viewport: { width, height }, javaScriptEnabled: js, locale: lang,
    timezoneId: 'Asia/Ho_Chi_Minh', deviceScaleFactor: mobile ? 2 : 1, isMobile: mobile, hasTouch: mobile,
  });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' && !/Failed to load resource/.test(text)) page.errors.push(`console: ${text}`);
    if (/Content Security Policy/i.test(text)) page.errors.push(`csp: ${text}`);
  });
  ctx.lastPage = page;
  return page;
}

export function noErrors(page) {
  expect(page.errors.length === 0, `script errors on ${page.url()}:\n  ${page.errors.join('\n  ')}`);
}

// A full-page screenshot in --out; with --readme DIR and a readme name, also
// the top of the page (what fits a README) as DIR/<readme>.png.
export async function shot(ctx, page, name, { readme } = {}) {
  mkdirSync(ctx.out, { recursive: true });
  // Toasts come and go; they are not part of the page.
  await page.evaluate(() => { for (const el of document.querySelectorAll('.toast')) el.remove(); return document.fonts && document.fonts.ready; });
  await page.screenshot({ path: join(ctx.out, `${name}.png`), fullPage: true });
  ctx.shots.push(name);
  if (readme && ctx.readme) {
    mkdirSync(ctx.readme, { recursive: true });
    const vp = page.viewportSize();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: join(ctx.readme, `${readme}.png`), fullPage: true,
      clip: { x: 0, y: 0, width: vp.width, height: Math.min(height, vp.width < 500 ? 1400 : 1000) } });
  }
}

// Accessibility basics of the page as it is now.
export async function a11y(page) {
  const problems = await page.evaluate(() => {
    const out = [];
    if (!document.documentElement.lang) out.push('<html> has no lang');
    const h1 = document.querySelectorAll('main h1');
    if (h1.length !== 1) out.push(`main has ${h1.length} h1 elements`);
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden' || el.closest('[hidden]') || el.closest('noscript')) continue;
      const labelled = (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) || el.closest('label')
        || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!labelled) out.push(`control without a label: ${el.outerHTML.slice(0, 120)}`);
    }
    for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) out.push(`img without alt: ${img.src}`);
    for (const b of document.querySelectorAll('button, a[href]')) {
      if (b.closest('[hidden]')) continue;
      const name = (b.textContent || '').trim() || b.getAttribute('aria-label') || b.getAttribute('title');
      if (!name) out.push(`unnamed ${b.tagName.toLowerCase()}: ${b.outerHTML.slice(0, 120)}`);
    }
    // Text contrast (WCAG AA: 4.5:1, 3:1 for large text) against the nearest solid background.
    const rgb = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const v = m[1].split(',').map((x) => parseFloat(x)); return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 }; };
    const lum = (c) => { const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
    const seen = new Set();
    for (const el of document.querySelectorAll('main *, header *, footer *')) {
      if (el.closest('noscript, svg, canvas, [hidden], .visually-hidden, .live')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none' || parseFloat(cs.opacity) < 1) continue;
      const fg = rgb(cs.color);
      let bg = null; let node = el;
      while (node && node.nodeType === 1) {
        const s = getComputedStyle(node);
        if (s.backgroundImage && s.backgroundImage !== 'none') { bg = 'image'; break; }
        const c = rgb(s.backgroundColor);
        if (c && c.a >= 0.99) { bg = c; break; }
        node = node.parentElement;
      }
      if (!fg || !bg || bg === 'image' || el.closest(':disabled, [aria-disabled="true"]')) continue;
      const l1 = lum(fg); const l2 = lum(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(cs.fontSize); const bold = parseInt(cs.fontWeight, 10) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < need) {
        const key = `${cs.color}/${getComputedStyle(node).backgroundColor}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(`contrast ${ratio.toFixed(2)} < ${need}: "${el.textContent.trim().slice(0, 40)}" (${cs.color} on ${getComputedStyle(node).backgroundColor})`);
      }
    }
    return out;
  });
  expect(problems.length === 0, `accessibility problems on ${page.url()}:\n  ${problems.join('\n  ')}`);
}

// The page must not scroll sideways (360-pixel phones).
export async function noSideScroll(page) {
  const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
  expect(r.sw <= r.cw + 1, `the page is ${r.sw}px wide on a ${r.cw}px screen (${page.url()})`);
}

export async function login(ctx, page, username, password = 'demo1234') {
  await page.goto('/dang-nhap');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/^Mật khẩu|^Password/).fill(password);
  await page.getByRole('button', { name: /^(Đăng nhập|Log in)$/ }).last().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
}

// A small valid PDF (the server sniffs file types).
export function pdf(text = 'motcua test') {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]/Contents 4 0 R>>endobj\n4 0 obj<</Length ${text.length + 24}>>stream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export function apiGet(ctx, page, path) {
  return page.evaluate(async (p) => { const r = await fetch(p, { headers: { Accept: 'application/json' } }); return { status: r.status, body: await r.json().catch(() => null) }; }, `/api/v1${path}`);
}
