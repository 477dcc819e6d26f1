// suite.mjs — the browser tests of motcua's web interface, in the order of a
// dossier's life: a citizen finds a procedure without typing diacritics and
// files a dossier with an attachment; an officer receives it and asks for a
// supplement; the citizen completes it; the commune processes and returns it;
// the citizen rates it; the IOC figures move. Error paths: a wrong e-form
// field is shown next to the field (checked in the browser and by the
// server); another commune's officer cannot see the dossier. Plus the pages
// on a 360-pixel phone, keyboard use, the English switch, the page without
// JavaScript, and the administration pages. Screenshots of every main page go
// to --out. Run by run.sh against a fresh demo database.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  args, test, run, expect, equal, launch, newPage, noErrors, shot, a11y, noSideScroll, login, pdf, apiGet,
} from './lib.mjs';

const opt = args();
const ctx = { base: opt.base, out: opt.out, readme: opt.readme || null, shots: [], state: {} };
const S = ctx.state;

// ---- static checks --------------------------------------------------------

test('i18n: every key exists in Vietnamese and English', async () => {
  const load = async (f) => (await import(join(opt.web, 'js/i18n', f))).default;
  const vi = await load('vi.js');
  const en = await load('en.js');
  const onlyVi = Object.keys(vi).filter((k) => !(k in en));
  const onlyEn = Object.keys(en).filter((k) => !(k in vi));
  expect(!onlyVi.length && !onlyEn.length, `keys in one language only: vi ${onlyVi.join(', ')} | en ${onlyEn.join(', ')}`);
  // Every literal key used by the code is defined.
  const used = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) { if (e.name !== 'i18n') walk(join(dir, e.name)); continue; }
      if (!e.name.endsWith('.js')) continue;
      const src = readFileSync(join(dir, e.name), 'utf8');
      for (const m of src.matchAll(/\bt\('([a-z0-9_]+\.[a-z0-9_]+)'/g)) used.add(m[1]);
      for (const m of src.matchAll(/key: '([a-z0-9_]+\.[a-z0-9_]+)'/g)) used.add(m[1]);
    }
  };
  walk(join(opt.web, 'js'));
  const html = readFileSync(join(opt.web, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
  const missing = [...used].filter((k) => !(k in vi));
  expect(!missing.length, `keys used but not defined: ${missing.join(', ')}`);
});

// ---- the citizen ------------------------------------------------------------

test('home page', async () => {
  const page = await newPage(ctx);
  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('.field-tiles a').first().waitFor();
  await a11y(page);
  noErrors(page);
  await shot(ctx, page, '01-home', { readme: 'home' });
  await page.context().close();
});

test('catalogue: a search without diacritics finds the procedure', async () => {
  const page = await newPage(ctx);
  await page.goto('/thu-tuc');
  await page.getByRole('searchbox', { name: /Tên hoặc mã thủ tục/ }).fill('dang ky khai sinh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.locator('.result-count', { hasText: 'dang ky khai sinh' }).waitFor();
  const first = page.locator('.proc-item h3 a').first();
  const name = await first.textContent();
  expect(/khai sinh/i.test(name) && /Đăng ký/i.test(name), `first result "${name}" is not the birth registration`);
  expect(await page.locator('.proc-item mark').count() > 0, 'the matched words are not highlighted');
  expect(page.url().includes('q=dang+ky+khai+sinh'), 'the search is not in the address');
  await a11y(page);
  noErrors(page);
  await shot(ctx, page, '02-catalogue-search', { readme: 'catalogue' });
  // The filters narrow the list and say so.
  const before = await page.locator('.result-count').textContent();
  // With the keyboard: the last option ("in person only") of the online filter.
  await page.locator('#cat-online').focus();
  await page.keyboard.press('End');
  await page.waitForFunction((b) => document.querySelector('.result-count')?.textContent !== b, before);
  expect(page.url().includes('online=none'), 'the filter is not in the address');
  equal(await page.evaluate(() => document.activeElement.id), 'cat-online', 'a filter change keeps the focus on the filter');
  await page.getByLabel('Hình thức nộp').selectOption('');
  await page.waitForFunction((b) => document.querySelector('.result-count')?.textContent === b, before);
  S.procHref = await page.locator('.proc-item h3 a').filter({ hasText: /khai sinh/i }).first().getAttribute('href');
  await page.context().close();
});

test('procedure page: components, fees, time, online level, where to go', async () => {
  const page = await newPage(ctx);
  await page.goto(S.procHref);
  await page.getByRole('heading', { level: 1, name: /khai sinh/i }).waitFor();
  for (const h of ['Thành phần hồ sơ', 'Phí, lệ phí', 'Trình tự thực hiện', 'Nơi nộp hồ sơ']) {
    expect(await page.getByRole('heading', { name: h, level: 2 }).count() === 1, `no section "${h}"`);
  }
  expect(await page.locator('.comp-list li').count() > 0, 'no components listed');
  expect(await page.locator('.fact').count() === 4, 'the four key facts are not shown');
  await a11y(page);
  noErrors(page);
  await shot(ctx, page, '03-procedure', { readme: 'procedure' });
  S.procCode = decodeURIComponent(S.procHref.split('/')[2]);
  await page.context().close();
}, { needs: ['catalogue: a search without diacritics finds the procedure'] });

test('without JavaScript the portal still offers search and lookup', async () => {
  const page = await newPage(ctx, { js: false });
  await page.goto('/thu-tuc');
  await page.getByRole('heading', { name: 'Tìm thủ tục hành chính' }).waitFor();
  expect(await page.getByLabel(/Mã hồ sơ/).count() === 1, 'no lookup form without JavaScript');
  await shot(ctx, page, '04-no-javascript');
  // The catalogue form answers with the matching procedures.
  await page.getByLabel(/Tên hoặc mã thủ tục/).fill('khai sinh');
  await page.getByRole('button', { name: 'Tìm' }).click();
  const text = await page.textContent('body');
  expect(/khai sinh/i.test(text), 'the no-JavaScript search found nothing');
  await page.context().close();
});

// Dates relative to today, so the e-form's "not after today" rules hold on any day.
const day = (offset) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

async function eformOf(page, code) {
  return page.evaluate(async (c) => ((await (await fetch(`/api/v1/procedures/${encodeURIComponent(c)}`)).json()).eform || { fields: [] }).fields, code);
}

test('citizen: a wrong e-form field is shown next to the field', async () => {
  const page = await newPage(ctx);
  await login(ctx, page, 'congdan1');
  S.citizen = page;
  await page.goto(S.procHref);
  await page.getByRole('link', { name: 'Bắt đầu nộp hồ sơ' }).click();
  await page.locator('#apply-form').waitFor();
  // Checked in the browser: a phone number that is not one.
  const phone = (await eformOf(page, S.procCode)).find((f) => f.type === 'phone');
  expect(phone, 'the procedure\'s e-form has no phone field to test');
  const input = page.locator(`#ef-${phone.name}`);
  await input.fill('12345');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  const err = page.locator(`#ef-${phone.name}-err`);
  expect(/Số điện thoại chưa đúng/.test(await err.textContent()), 'the phone error is not under the phone field');
  expect(await input.getAttribute('aria-invalid') === 'true', 'the phone field is not marked invalid');
  expect((await input.getAttribute('aria-describedby') || '').includes(`ef-${phone.name}-err`), 'the message is not tied to the field');
  // The summary links to the field.
  await summary.locator(`a[href="#ef-${phone.name}"]`).click();
  equal(await page.evaluate(() => document.activeElement.id), `ef-${phone.name}`, 'the summary link moves the focus to the field');
  await a11y(page);
  await shot(ctx, page, '05-eform-errors', { readme: 'eform-errors' });
  noErrors(page);
}, { needs: ['procedure page: components, fees, time, online level, where to go'] });

async function fillForm(page, { idNumber, officer = false }) {
  if (officer) {
    await page.locator('#ap-name').fill('Trần Thị Bình');
    await page.locator('#ap-id_number').fill('074192005678');
    await page.locator('#ap-phone').fill('0987654321');
    await page.locator('#ap-address').fill('5 Cách Mạng Tháng Tám, phường Thủ Dầu Một');
  } else {
    await page.locator('#ap-unit').selectOption('HCM.THUDAUMOT');
  }
  const form = page.locator('#apply-form');
  // The e-form of the procedure: fill every required field by its type.
  const fields = await eformOf(page, S.procCode);
  for (const f of fields) {
    const el = form.locator(`#ef-${f.name}`);
    if (f.type === 'checkbox') { if (f.required) await el.check(); continue; }
    if (!f.required && !['id_number', 'phone'].includes(f.type)) continue;
    if (f.type === 'select') await el.selectOption(f.options[0].value);
    else if (f.type === 'date') await el.fill(f.not_before === 'today' ? day(30) : day(-20));
    else if (f.type === 'id_number') await el.fill(idNumber);
    else if (f.type === 'phone') await el.fill(officer ? '0987654321' : '0912345678');
    else if (f.type === 'email') await el.fill('an.nguyen@example.vn');
    else if (f.type === 'number' || f.type === 'integer') await el.fill(String(f.min ?? 1));
    else await el.fill(officer ? 'Trần Minh Khang' : 'Nguyễn Thị Mai');
  }
  // Every required paper: a small PDF.
  const inputs = page.locator('.upload input[type=file]');
  for (let i = 0; i < await inputs.count(); i++) {
    const box = page.locator('.upload').nth(i);
    if (/Bắt buộc/.test(await box.textContent())) {
      await inputs.nth(i).setInputFiles({ name: `giay-to-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: pdf(`paper ${i + 1}`) });
    }
  }
  return fields;
}

test('citizen: the server\'s e-form check is shown next to the field', async () => {
  const page = S.citizen;
  // 12 digits (the browser's check passes) whose province code 099 does not exist: the server says no.
  const fields = await fillForm(page, { idNumber: '099085001234' });
  const idField = fields.find((f) => f.type === 'id_number');
  expect(idField, 'the procedure\'s e-form has no identity-number field to test');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: /Kiểm tra lại thông tin/ }).waitFor();
  await shot(ctx, page, '06-check-answers');
  await page.getByRole('button', { name: 'Xác nhận và nộp hồ sơ' }).click();
  await page.locator('.error-summary').waitFor();
  const err = page.locator(`#ef-${idField.name}-err`);
  await err.waitFor();
  expect(/định danh|mã tỉnh|tỉnh/i.test(await err.textContent()), `unexpected message under the field: ${await err.textContent()}`);
  S.idFields = fields.filter((f) => f.type === 'id_number').map((f) => f.name);
  noErrors(page);
}, { needs: ['citizen: a wrong e-form field is shown next to the field'] });

test('citizen: files the dossier with an attachment and gets a receipt', async () => {
  const page = S.citizen;
  for (const name of S.idFields) await page.locator(`#ef-${name}`).fill('074085001234');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: /Kiểm tra lại thông tin/ }).waitFor();
  expect(/giay-to-1\.pdf/.test(await page.textContent('main')), 'the attachment is not on the check page');
  await page.getByRole('button', { name: 'Xác nhận và nộp hồ sơ' }).click();
  await page.waitForURL(/\/ho-so\/.+\/bien-nhan/, { timeout: 20000 });
  const code = (await page.locator('#dossier-code').textContent()).trim();
  expect(code.length >= 6, `no dossier code on the receipt: "${code}"`);
  S.code = code;
  await page.locator('.attach-list li').first().waitFor();
  await a11y(page);
  noErrors(page);
  await shot(ctx, page, '07-receipt', { readme: 'receipt' });
}, { needs: ['citizen: the server\'s e-form check is shown next to the field'] });

test('citizen: "my dossiers" lists it as submitted', async () => {
  const page = S.citizen;
  await page.goto('/ho-so-cua-toi');
  const row = page.locator('#mine-table tbody tr', { hasText: S.code });
  await row.waitFor();
  expect(/Mới đăng ký/.test(await row.textContent()), 'the dossier is not shown as submitted');
  await a11y(page);
  await shot(ctx, page, '08-my-dossiers');
  noErrors(page);
}, { needs: ['citizen: files the dossier with an attachment and gets a receipt'] });

// ---- the IOC before -----------------------------------------------------------

async function iocFigures(page) {
  await page.goto('/ioc');
  await page.locator('#ioc-total').waitFor();
  await page.locator('[data-kpi]').first().waitFor();
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-kpi]')].map((el) => [el.dataset.kpi, el.dataset.den ? `${el.dataset.num}/${el.dataset.den}` : ''])));
}

test('IOC: the leader\'s dashboard before processing', async () => {
  const page = await newPage(ctx, { width: 1440 });
  await login(ctx, page, 'lanhdao.tinh');
  S.leader = page;
  S.iocBefore = await iocFigures(page);
  await a11y(page);
  noErrors(page);
}, { needs: ['citizen: files the dossier with an attachment and gets a receipt'] });

// ---- another commune ------------------------------------------------------------

test('another commune\'s officer cannot see the dossier', async () => {
  const page = await newPage(ctx);
  await login(ctx, page, 'motcua.phuloi');
  await page.goto('/can-bo?box=all');
  await page.locator('#inbox, .empty').first().waitFor();
  expect(await page.locator(`#inbox tr[data-code="${S.code}"]`).count() === 0, 'the other commune sees the dossier in its inbox');
  await page.goto(`/can-bo/ho-so/${encodeURIComponent(S.code)}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(/Không tìm thấy/.test(await page.textContent('main')), 'the other commune can open the dossier');
  const r = await apiGet(ctx, page, `/dossiers/${encodeURIComponent(S.code)}`);
  equal(r.status, 404, 'the API answer to the other commune');
  await shot(ctx, page, '09-other-commune-denied');
  await page.context().close();
}, { needs: ['citizen: files the dossier with an attachment and gets a receipt'] });

// ---- the officer -------------------------------------------------------------------

async function act(page, action, fill) {
  const btn = page.locator(`.action-bar button[data-action="${action}"]`);
  await btn.waitFor();
  await btn.click();
  const dlg = page.locator('dialog.dialog');
  await dlg.waitFor();
  if (fill) await fill(dlg);
  await dlg.locator('.dialog-foot button[type=submit]').click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.toast.ok').first().waitFor();
}

test('officer: the inbox shows the dossier, coloured and worded by time left', async () => {
  const page = await newPage(ctx);
  await login(ctx, page, 'motcua.tdm');
  S.officer = page;
  expect(page.url().endsWith('/can-bo'), `the officer starts at ${page.url()}`);
  const row = page.locator(`#inbox tr[data-code="${S.code}"]`);
  await row.waitFor();
  expect(/chưa tiếp nhận/.test(await row.textContent()), 'the row does not say the dossier is not received yet');
  await a11y(page);
  noErrors(page);
  await shot(ctx, page, '10-officer-inbox', { readme: 'officer-inbox' });
  await row.getByRole('link').first().click();
  await page.locator('.action-bar button[data-action]').first().waitFor();
}, { needs: ['citizen: files the dossier with an attachment and gets a receipt'] });

test('officer: receives the dossier (only the allowed actions are offered)', async () => {
  const page = S.officer;
  const actions = await page.locator('.action-bar button[data-action]').evaluateAll((b) => b.map((x) => x.dataset.action));
  expect(actions.includes('receive') && actions.includes('refuse'), `actions offered: ${actions.join(', ')}`);
  expect(!actions.includes('return_result') && !actions.includes('forward'), `actions not allowed yet are offered: ${actions.join(', ')}`);
  await shot(ctx, page, '11-officer-dossier-new', { readme: 'officer-dossier' });
  await act(page, 'receive');
  await page.locator('.dossier-head .badge', { hasText: 'Đã tiếp nhận' }).waitFor();
  expect(await page.locator('.tleft').count() > 0, 'no time-left chip after reception');
  noErrors(page);
}, { needs: ['officer: the inbox shows the dossier, coloured and worded by time left'] });

test('officer: a supplement request needs a reason, then goes to the citizen', async () => {
  const page = S.officer;
  // The officer is the reception step; after reception the dossier is at the specialist's step.
  // The desk may still ask for a supplement when allowed; otherwise the specialist does.
  let p = page;
  const offered = await p.locator('.action-bar button[data-action="request_supplement"]').count();
  if (!offered) {
    p = await newPage(ctx);
    await login(ctx, p, 'chuyenvien.tdm');
    await p.goto(`/can-bo/ho-so/${encodeURIComponent(S.code)}/`);
    await p.locator('.action-bar').waitFor();
    S.specialist = p;
  }
  await p.locator('.action-bar button[data-action="request_supplement"]').click();
  const dlg = p.locator('dialog.dialog');
  await dlg.waitFor();
  await dlg.locator('.dialog-foot button[type=submit]').click();
  await dlg.locator('.field-error:not([hidden])').first().waitFor();
  await shot(ctx, p, '12-supplement-reason-required');
  await dlg.getByLabel(/Nội dung cần bổ sung/).fill('Bổ sung bản chụp rõ nét giấy chứng sinh (bản hiện tại bị mờ).');
  await dlg.locator('.dialog-foot button[type=submit]').click();
  await dlg.waitFor({ state: 'detached' });
  await p.locator('.dossier-head .badge', { hasText: 'Chờ bổ sung' }).waitFor();
  await shot(ctx, p, '13-officer-dossier-supplement');
  noErrors(p);
}, { needs: ['officer: receives the dossier (only the allowed actions are offered)'] });

test('citizen: sees the request and completes the supplement', async () => {
  const page = S.citizen;
  await page.goto(`/ho-so-cua-toi/${encodeURIComponent(S.code)}/`);
  await page.locator('#supplement').waitFor();
  expect(/giấy chứng sinh/.test(await page.locator('#supplement').textContent()), 'the reason is not shown to the citizen');
  await page.locator('#sup-file').setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: pdf('supplement') });
  await page.getByLabel('Ghi chú cho cán bộ').fill('Đã chụp lại giấy chứng sinh.');
  await a11y(page);
  await shot(ctx, page, '14-citizen-supplement');
  await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
  await page.locator('.toast.ok').first().waitFor();
  await page.locator('#supplement').waitFor({ state: 'detached' });
  noErrors(page);
}, { needs: ['officer: a supplement request needs a reason, then goes to the citizen'] });

async function asUser(username) {
  const p = await newPage(ctx);
  await login(ctx, p, username);
  await p.goto(`/can-bo/ho-so/${encodeURIComponent(S.code)}/`);
  await p.locator('.action-bar').waitFor();
  return p;
}

test('commune: processes the dossier step by step and returns the result', async () => {
  // Whoever holds the current step moves it on, until the desk returns the result.
  const who = ['motcua.tdm', 'chuyenvien.tdm', 'lanhdao.tdm'];
  const pages = {};
  for (let round = 0; round < 8; round++) {
    let moved = false;
    for (const u of who) {
      pages[u] = pages[u] || await asUser(u);
      const p = pages[u];
      await p.goto(`/can-bo/ho-so/${encodeURIComponent(S.code)}/`);
      await p.locator('.action-bar').waitFor();
      const acts = await p.locator('.action-bar button[data-action]').evaluateAll((b) => b.map((x) => x.dataset.action));
      if (acts.includes('return_result')) {
        await act(p, 'return_result', async (dlg) => {
          const file = dlg.locator('#act-file');
          if (await file.count()) await file.setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: pdf('result') });
        });
        await p.locator('.dossier-head .badge', { hasText: 'Đã trả kết quả' }).waitFor();
        await p.locator('#dd-steps').scrollIntoViewIfNeeded();
        await shot(ctx, p, '15-officer-dossier-returned');
        S.officerPage = p;
        return;
      }
      const next = ['complete_supplement', 'forward', 'confirm_payment'].find((a) => acts.includes(a));
      if (next) {
        if (round === 1 && u === 'chuyenvien.tdm') await shot(ctx, p, '15a-specialist-step');
        await act(p, next);
        moved = true;
        break;
      }
    }
    expect(moved, 'nobody in the commune can move the dossier on');
  }
  throw new Error('the dossier did not reach the return step in 8 moves');
}, { needs: ['citizen: sees the request and completes the supplement'] });

test('officer: files an in-person dossier for a citizen at the desk', async () => {
  const page = await newPage(ctx);
  await login(ctx, page, 'motcua.tdm');
  await page.goto(S.procHref);
  await page.getByRole('link', { name: 'Tiếp nhận hồ sơ trực tiếp' }).click();
  await page.locator('#apply-form').waitFor();
  expect(await page.locator('#ap-unit').count() === 0, 'the officer is asked for the receiving unit');
  await fillForm(page, { idNumber: '074192005678', officer: true });
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: /Kiểm tra lại thông tin/ }).waitFor();
  await page.getByRole('button', { name: 'Xác nhận và nộp hồ sơ' }).click();
  await page.waitForURL(/\/can-bo\/ho-so\//, { timeout: 20000 });
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(/Trực tiếp/.test(await page.textContent('main')), 'the dossier is not marked as filed in person');
  noErrors(page);
  await page.context().close();
}, { needs: ['procedure page: components, fees, time, online level, where to go'] });

test('legal slips: receipt (01), supplement request (02) and control sheet (06)', async () => {
  const page = S.officerPage;
  for (const f of ['01', '02', '06']) {
    await page.goto(`/can-bo/ho-so/${encodeURIComponent(S.code)}/phieu/${f}`);
    await page.locator('article.slip h1').waitFor();
    expect((await page.textContent('article.slip')).includes(S.code), `slip ${f} has no dossier code`);
    if (f !== '02') await shot(ctx, page, `16-slip-${f}`, { readme: f === '01' ? 'slip-01' : undefined });
  }
  noErrors(page);
}, { needs: ['commune: processes the dossier step by step and returns the result'] });

test('citizen: rates the service after the result', async () => {
  const page = S.citizen;
  await page.goto(`/ho-so-cua-toi/${encodeURIComponent(S.code)}/`);
  await page.locator('#rating').waitFor();
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.locator('#rate-err:not([hidden])').waitFor();
  await page.locator('label[for="rate-5"]').click();
  await page.getByLabel(/Góp ý thêm/).fill('Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn.');
  await shot(ctx, page, '17-citizen-rating', { readme: 'rating' });
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await page.locator('.notice.ok', { hasText: 'Cảm ơn' }).waitFor();
  expect(/Đã trả kết quả/.test(await page.locator('.dossier-head').textContent()), 'the citizen does not see the result as returned');
  await page.locator('#md-hist').scrollIntoViewIfNeeded();
  await shot(ctx, page, '18-citizen-dossier-done');
  noErrors(page);
}, { needs: ['commune: processes the dossier step by step and returns the result'] });

test('public lookup by code and phone number', async () => {
  const page = await newPage(ctx);
  await page.goto('/tra-cuu');
  await page.getByLabel('Mã hồ sơ').fill(S.code);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.locator('#lk-key-err:not([hidden])').waitFor();
  await page.getByLabel('Số điện thoại hoặc số định danh').fill('0900000000');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.locator('.notice.warn', { hasText: 'Không tìm thấy' }).waitFor();
  await page.getByLabel('Số điện thoại hoặc số định danh').fill('0912 345 678');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.locator('#lk-res').waitFor();
  expect(/Đã trả kết quả/.test(await page.textContent('main')), 'the lookup does not show the result as returned');
  await a11y(page);
  noErrors(page);
  await shot(ctx, page, '19-lookup');
  await page.context().close();
}, { needs: ['commune: processes the dossier step by step and returns the result'] });

test('IOC: the figures moved with the dossier', async () => {
  const page = S.leader;
  const after = await iocFigures(page);
  const changed = Object.keys(after).filter((k) => after[k] !== S.iocBefore[k]);
  expect(changed.length > 0, `no indicator changed: ${JSON.stringify(after)}`);
  // On time (2.1) and online dossiers (3.3) now count this dossier.
  for (const k of ['2.1', '3.3']) {
    const [, denB] = (S.iocBefore[k] || '0/0').split('/').map(Number);
    const [, denA] = (after[k] || '0/0').split('/').map(Number);
    expect(denA === denB + 1 || denA > denB, `indicator ${k}: ${S.iocBefore[k]} → ${after[k]}`);
  }
  await a11y(page);
  noErrors(page);
  await shot(ctx, page, '20-ioc', { readme: 'ioc' });
  // Drill down: province → unit (the ranking shows its first rows; the rest on request).
  let unitLink = page.locator('#ranking a', { hasText: 'Thủ Dầu Một' }).first();
  if (!await unitLink.count()) await page.locator('#ranking').getByRole('button', { name: /Xem cả/ }).click();
  unitLink = page.locator('#ranking a', { hasText: 'Thủ Dầu Một' }).first();
  await unitLink.click();
  await page.locator('.drill strong', { hasText: 'Thủ Dầu Một' }).waitFor();
  expect(/unit=HCM.THUDAUMOT/.test(page.url()), 'the unit is not in the address');
  // … → procedure → its dossiers.
  await page.locator('#ioc-proc').selectOption(S.procCode);
  await page.locator('.drill', { hasText: 'khai sinh' }).waitFor();
  await page.locator('#ioc-dos-h').waitFor();
  expect(/Thủ Dầu Một/.test(await page.locator('.drill').textContent()), 'the drill-down path does not name the commune');
  await shot(ctx, page, '21-ioc-commune-procedure');
  await page.goto('/ioc?wall=1');
  await page.locator('#ioc-total').waitFor();
  await page.waitForTimeout(800);
  await shot(ctx, page, '22-ioc-wall', { readme: 'ioc-wall' });
  noErrors(page);
}, { needs: ['IOC: the leader\'s dashboard before processing', 'citizen: rates the service after the result'] });

// ---- phones, keyboard, language ----------------------------------------------

test('a 360-pixel phone: no sideways scrolling, menu works', async () => {
  const page = await newPage(ctx, { width: 360, height: 740, mobile: true });
  for (const [path, name] of [['/', '30-phone-home'], ['/thu-tuc?q=khai+sinh', '31-phone-catalogue'], [S.procHref || '/thu-tuc', '32-phone-procedure'], ['/tra-cuu', '33-phone-lookup']]) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(300);
    await noSideScroll(page);
    await shot(ctx, page, name, { readme: name === '31-phone-catalogue' ? 'phone-catalogue' : undefined });
  }
  await page.getByRole('button', { name: /Danh mục|Menu/ }).click();
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Thủ tục hành chính' }).click();
  await page.waitForURL(/\/thu-tuc$/);
  noErrors(page);
  await page.context().close();
});

test('a 360-pixel phone: the officer inbox and the e-form', async () => {
  const page = await newPage(ctx, { width: 360, height: 740, mobile: true });
  await login(ctx, page, 'motcua.tdm');
  await page.goto('/can-bo?box=all');
  await page.locator('#inbox, .empty').first().waitFor();
  await noSideScroll(page);
  await shot(ctx, page, '34-phone-inbox');
  await page.context().close();
  const cit = await newPage(ctx, { width: 360, height: 740, mobile: true });
  await login(ctx, cit, 'congdan2');
  await cit.goto(`${S.procHref}nop`);
  await cit.locator('#apply-form').waitFor();
  await noSideScroll(cit);
  await shot(ctx, cit, '35-phone-eform');
  await cit.context().close();
}, { needs: ['procedure page: components, fees, time, online level, where to go'] });

test('keyboard: skip link first, focus visible, pages reachable', async () => {
  const page = await newPage(ctx);
  await page.goto('/');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.textContent.trim());
  equal(first, 'Bỏ qua, đến nội dung chính', 'the first tab stop');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).boxShadow);
  expect(ring && ring !== 'none', 'the focused link shows no focus ring');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'main');
  // Search with the keyboard only.
  await page.locator('#home-q').focus();
  await page.keyboard.type('khai sinh');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/thu-tuc\?q=khai/);
  await page.locator('.proc-item').first().waitFor();
  const focused = await page.evaluate(() => document.activeElement.tagName);
  equal(focused, 'H1', 'after a page change the focus goes to the heading');
  noErrors(page);
  await page.context().close();
});

test('English switch: the interface changes language and remembers it', async () => {
  const page = await newPage(ctx);
  await page.goto('/thu-tuc');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Administrative procedures' }).waitFor();
  equal(await page.evaluate(() => document.documentElement.lang), 'en', 'html lang');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Administrative procedures' }).waitFor();
  await shot(ctx, page, '36-english-catalogue');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
  noErrors(page);
  await page.context().close();
});

// ---- administration -------------------------------------------------------------

test('administration: units with history, procedures and e-forms, calendar, users', async () => {
  const page = await newPage(ctx, { width: 1366 });
  await login(ctx, page, 'admin');
  await page.goto('/quan-tri/don-vi?at=all');
  await page.locator('.tree-row').first().waitFor();
  await page.getByRole('button', { name: 'Tỉnh Bình Dương' }).click();
  await page.locator('#u-detail').waitFor();
  expect(/Thành phố Hồ Chí Minh/.test(await page.locator('#u-detail').locator('..').textContent()), 'the successor of Bình Dương is not shown');
  await a11y(page);
  await shot(ctx, page, '40-admin-units');
  await page.goto('/quan-tri/thu-tuc');
  await page.locator('table tbody tr').first().waitFor();
  await shot(ctx, page, '41-admin-procedures');
  await page.goto(`/quan-tri/thu-tuc/${encodeURIComponent(S.procCode || '1.001193')}/`);
  await page.locator('#pf-eform').waitFor();
  await page.locator('.preview .field').first().waitFor();
  await shot(ctx, page, '42-admin-procedure-editor');
  await page.goto('/quan-tri/lich?year=2026');
  await page.locator('.cal-month').first().waitFor();
  expect(await page.locator('.cal-grid .day.holiday').count() >= 10, 'fewer than 10 holidays shown for 2026');
  await a11y(page);
  await shot(ctx, page, '43-admin-calendar', { readme: 'admin-calendar' });
  await page.goto('/quan-tri/nguoi-dung');
  await page.locator('table tbody tr, .empty, .notice').first().waitFor();
  await shot(ctx, page, '44-admin-users');
  noErrors(page);
  await page.context().close();
});

// ---- run ---------------------------------------------------------------------------

ctx.browser = await launch(opt.chromium);
let ok = false;
try {
  ok = await run(ctx);
} finally {
  await ctx.browser.close();
}
process.exit(ok ? 0 : 1);
