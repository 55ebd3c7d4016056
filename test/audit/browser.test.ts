// The audit pages in a real browser: Debian's chromium driven by playwright-core (no browser is
// downloaded; `.ci/run` installs chromium with apt). The sample batch's audit is opened from disk
// as a clerk would: the index, a unit, the pending filter, every crop with its outline, a PDF
// link; then a correction is typed, saved, placed in a copy of the batch and the batch run again.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CSS, AUDIT_JS } from '../../pipeline/audit/assets.js';
import { renderAudit } from '../../pipeline/audit/render-audit.js';
import type { BatchResult, Extraction } from '../../pipeline/model.js';
import { docxText } from '../documents/docx-text.js';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';

const CHROMIUM = '/usr/bin/chromium';

let dir = '';
let batch = '';
let out = '';
let browser: BrowserContext;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-browser-'));
  batch = path.join(dir, 'batch');
  out = path.join(dir, 'out');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
  expect(r.code).toBe(0);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} không có: cài bằng "apt-get install -y chromium" (.ci/run làm việc này)`);
  browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Pixels of a PNG close to a colour (the outline), counted. */
async function pixelsNear(png: Buffer, [r, g, b]: [number, number, number]): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r) < 40 && Math.abs(data[i + 1]! - g) < 40 && Math.abs(data[i + 2]! - b) < 40) n += 1;
  return n;
}

describe('the audit in Chromium', () => {
  it('opens the index, goes to a unit, filters pending criteria, shows every crop with its outlines, and links the PDFs', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path.join(out, 'audit', 'index.html')).href);
    expect(await page.locator('#units tbody tr').count()).toBe(8);
    expect(await page.locator('#units tbody tr').filter({ hasText: 'Sở Xây dựng' }).locator('.tag.provisional').count()).toBe(1);
    await page.getByRole('link', { name: 'SXD', exact: true }).click();
    await page.waitForURL(/don-vi\/SXD\.html$/u);
    expect(await page.locator('h1').textContent()).toContain('Sở Xây dựng');

    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const sxd = result.units.find((u) => u.code === 'SXD')!;
    const pending = sxd.criteria.filter((c) => c.leaf && c.review).map((c) => c.code);
    expect(pending.length).toBeGreaterThan(0);
    await page.check('#f-pending');
    const shown = await page.locator('section.criterion:not([hidden])').evaluateAll((els) => els.map((e) => e.id.replace(/^tc-/u, '')));
    expect(shown.sort()).toEqual([...pending].sort());
    await page.uncheck('#f-pending');

    const crops = page.locator('img.crop');
    const count = await crops.count();
    const read = sxd.criteria.filter((c) => c.leaf).flatMap((c) => c.evidence).filter((f) => sxd.evidence.find((e) => e.file === f)?.status === 'ok');
    expect(count).toBe(read.length);
    for (let i = 0; i < count; i += 1) {
      const crop = crops.nth(i);
      await crop.scrollIntoViewIfNeeded();
      await expect.poll(() => crop.evaluate((img) => { const i = img as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth > 0; })).toBe(true);
      const shot = await crop.screenshot();
      // The number's outline is red, the date's blue (header-crop.ts OUTLINE).
      expect(await pixelsNear(shot, [0xd4, 0x00, 0x2a])).toBeGreaterThan(50);
      expect(await pixelsNear(shot, [0x00, 0x5f, 0xd4])).toBeGreaterThan(50);
    }

    const link = page.locator('a.pdf').first();
    const target = fileURLToPath(new URL((await link.getAttribute('href'))!, page.url()));
    expect(target.startsWith(path.join(batch, 'units', 'SXD'))).toBe(true);
    expect(existsSync(target)).toBe(true);
    const opened = browser.waitForEvent('page');
    await link.click();
    const pdf = await opened;
    expect(decodeURIComponent(pdf.url())).toBe(pathToFileURL(target).href.replace(/%20/gu, ' ').normalize('NFC'));
    await pdf.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts and searches the index; filters a unit page by zeroed, low confidence, rule and number; shows each part read with its source and confidence', async () => {
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, 'audit', 'index.html')).href);
    const codes = () => page.locator('#units tbody tr:not([hidden]) td:nth-child(2)').allTextContents();
    // Units not appraised have no total: last whichever way.
    const total = new Map(result.units.map((u) => [u.code, u.status === 'ok' ? u.appraisedTotal : null]));
    const totals = async () => (await codes()).map((c) => total.get(c));
    const ascending = [...total.values()].filter((v) => v !== null).sort((a, b) => a! - b!);
    const unappraised = [...total.values()].filter((v) => v === null);
    await page.click('#units th:has-text("Thẩm định")');
    expect(await totals()).toEqual([...ascending, ...unappraised]);
    await page.click('#units th:has-text("Thẩm định")');
    expect(await totals()).toEqual([...[...ascending].reverse(), ...unappraised]);
    // Typed without diacritics, as people search.
    await page.fill('#unit-search', 'xay dung');
    expect(await codes()).toEqual(['SXD']);
    await page.fill('#unit-search', '');
    await page.check('#only-provisional');
    const provisional = await codes();
    expect(provisional.length).toBeGreaterThan(0);
    expect(provisional).not.toContain('SGTVT');
    await page.uncheck('#only-provisional');

    const sxd = result.units.find((u) => u.code === 'SXD')!;
    await page.goto(pathToFileURL(path.join(out, 'audit', 'don-vi', 'SXD.html')).href);
    const shown = () => page.locator('section.criterion:not([hidden])').evaluateAll((els) => els.map((e) => e.id.replace(/^tc-/u, '')).sort());
    const leaves = sxd.criteria.filter((c) => c.leaf);
    await page.check('#f-zeroed');
    const zeroed = await shown();
    expect(zeroed).toContain('1.1.1');
    for (const code of zeroed) {
      const c = leaves.find((x) => x.code === code)!;
      expect(c.findings.some((f) => f.effect === 'zero' || f.effect === 'cap') || c.proposed < (c.self ?? 0)).toBe(true);
    }
    await page.uncheck('#f-zeroed');
    await page.selectOption('#f-rule', 'suffixed-number');
    expect(await shown()).toEqual(leaves.filter((c) => c.findings.some((f) => f.rule === 'suffixed-number')).map((c) => c.code).sort());
    await page.selectOption('#f-rule', '');
    await page.check('#f-low');
    const weak = new Set(sxd.evidence.filter((e) => e.status === 'unreadable' || (e.source !== 'person' && e.confidence < 0.8)).map((e) => e.file));
    expect(await shown()).toEqual(leaves.filter((c) => c.evidence.some((f) => weak.has(f))).map((c) => c.code).sort());
    await page.uncheck('#f-low');
    await page.fill('#f-number', '30a');
    expect(await shown()).toEqual(['1.1.1']);
    expect(await page.locator('article.evidence:not([hidden])').count()).toBe(1);
    await page.fill('#f-number', '');

    const e = sxd.evidence.find((x) => x.number === '30a/KH-SXD')!;
    const rows = await page.locator(`article[data-sha256="${e.sha256}"] table.parts tr[data-part]`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(rows).toEqual([
      ['Số', e.parts!.numeral.value, 'OCR ảnh', `${Math.round(e.parts!.numeral.confidence * 100)}%`],
      ['Ký hiệu', e.parts!.symbol.value, 'OCR ảnh', `${Math.round(e.parts!.symbol.confidence * 100)}%`],
      ['Ngày', String(e.parts!.day.value), 'OCR ảnh', `${Math.round(e.parts!.day.confidence * 100)}%`],
      ['Tháng', String(e.parts!.month.value), 'OCR ảnh', `${Math.round(e.parts!.month.confidence * 100)}%`],
      ['Năm', String(e.parts!.year.value), 'OCR ảnh', `${Math.round(e.parts!.year.confidence * 100)}%`],
    ]);
    const signed = sxd.evidence.find((x) => x.signatureStatus === 'valid' && x.signer && x.signedAt)!;
    expect(await page.locator(`article[data-sha256="${signed.sha256}"] .signature`).textContent()).toMatch(new RegExp(`^chữ ký số hợp lệ: ${signed.signer}, ký lúc \\d\\d:\\d\\d:\\d\\d ngày \\d\\d/\\d\\d/\\d{4}`, 'u'));
    await page.close();
  });

  it('refuses at the form what the run would refuse (a day in words, a two-digit year, 31 February): said at once, not kept', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, 'audit', 'don-vi', 'SXD.html')).href);
    const form = page.locator('article.evidence form.correct').first();
    const state = form.locator('.state');
    const count = await page.locator('#correction-count').textContent();
    await form.locator('input[name=day]').fill('mười');
    expect(await state.textContent()).toBe('Chưa ghi: ngày "mười" không hợp lệ (cần số nguyên từ 1 đến 31)');
    await form.locator('input[name=day]').fill('31');
    await form.locator('input[name=month]').fill('2');
    await form.locator('input[name=year]').fill('21');
    expect(await state.textContent()).toBe('Chưa ghi: năm "21" không hợp lệ (cần số nguyên từ 1900 đến 2100)');
    await form.locator('input[name=year]').fill('2021');
    expect(await state.textContent()).toBe('Chưa ghi: ngày 31/2/2021 không có thật');
    expect(await page.locator('#correction-count').textContent()).toBe(count);
    await form.locator('input[name=day]').fill('28');
    expect(await state.textContent()).toBe('Đã ghi hiệu chỉnh');
    for (const part of ['day', 'month', 'year']) await form.locator(`input[name=${part}]`).fill('');
    await page.close();
  });

  it('turns a typed correction into a corrections file that the next run applies: reading, score and minutes change', async () => {
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const sxd = result.units.find((u) => u.code === 'SXD')!;
    const before = sxd.criteria.find((c) => c.code === '1.1.1')!;
    // 30a/KH-SXD: a letter-suffixed number, zeroed; the clerk sees on the crop that it reads 30.
    expect(before.findings.map((f) => f.rule)).toContain('suffixed-number');
    expect(before.appraised).toBe(0);
    const file = before.evidence[0]!;
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, 'audit', 'don-vi', 'SXD.html')).href);
    const form = page.locator(`article[data-file="${file}"] form.correct`);
    await form.locator('input[name=numeral]').fill('30');
    expect(await form.locator('.state').textContent()).toBe('Đã ghi hiệu chỉnh');
    await page.fill('#corrector', 'Vũ Thị Hạnh');
    const downloading = page.waitForEvent('download');
    await page.click('#save-corrections');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('hieu-chinh-SXD.json');
    await download.saveAs(path.join(batch, 'hieu-chinh-SXD.json'));
    await page.close();

    const yaml = await readFile(path.join(batch, 'batch.yaml'), 'utf8');
    await writeFile(path.join(batch, 'batch.yaml'), yaml.replace(/^inputs:\n/mu, 'inputs:\n  corrections: [hieu-chinh-SXD.json]\n'));
    const again = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(again.code).toBe(0);
    const after = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const unit = after.units.find((u) => u.code === 'SXD')!;
    const reading = unit.evidence.find((e) => e.file === file)!;
    expect(reading).toMatchObject({ number: '30/KH-SXD', suffixed: false, source: 'person', correction: { by: 'Vũ Thị Hạnh', action: 'correct', file: 'hieu-chinh-SXD.json', line: 1 } });
    const criterion = unit.criteria.find((c) => c.code === '1.1.1')!;
    expect(criterion.findings.map((f) => f.rule)).not.toContain('suffixed-number');
    expect(criterion.appraised).toBe(before.self);
    const minutes = docxText(await readFile(path.join(out, 'bien-ban', 'bien-ban-tham-dinh-SXD.docx')));
    expect(minutes).toContain('số 30/KH-SXD ngày 04/01/2021 do Vũ Thị Hạnh');
    expect(minutes).toContain('máy đọc: số 30a/KH-SXD');
    const audit = await readFile(path.join(out, 'audit', 'don-vi', 'SXD.html'), 'utf8');
    expect(audit).toContain('Vũ Thị Hạnh đã hiệu chỉnh');
  });

  it('keeps what was typed on the unit pages through a reload and saves those of every unit at once from the index, as a file the next run applies', async () => {
    const page = await browser.newPage();
    const index = pathToFileURL(path.join(out, 'audit', 'index.html')).href;
    // Start from nothing kept in this browser (the clear button asks for a second click).
    await page.goto(index);
    await page.click('#clear-batch-corrections');
    await page.click('#clear-batch-corrections');
    expect(await page.locator('#correction-count').textContent()).toBe('0');

    await page.goto(pathToFileURL(path.join(out, 'audit', 'don-vi', 'STP.html')).href);
    const stp = page.locator('article.evidence:has(form.correct)');
    const confirmed = (await stp.nth(0).getAttribute('data-file'))!;
    const corrected = (await stp.nth(1).getAttribute('data-file'))!;
    await stp.nth(0).locator('button.confirm').click();
    await stp.nth(1).locator('input[name=day]').fill('7');
    expect(await page.locator('#correction-count').textContent()).toBe('2');
    await page.reload();
    expect(await page.locator('#correction-count').textContent()).toBe('2');
    expect(await page.locator(`article[data-file="${corrected}"] input[name=day]`).inputValue()).toBe('7');
    expect(await page.locator(`article[data-file="${confirmed}"] form.correct`).getAttribute('data-confirmed')).toBe('1');

    await page.goto(pathToFileURL(path.join(out, 'audit', 'don-vi', 'SCT.html')).href);
    const sct = page.locator('article.evidence:has(form.correct)').first();
    const renumbered = (await sct.getAttribute('data-file'))!;
    await sct.locator('input[name=numeral]').fill('12');

    await page.goto(index);
    expect(await page.locator('#correction-count').textContent()).toBe('3 (SCT, STP)');
    await page.fill('#corrector', 'Trần Văn Bình');
    const downloading = page.waitForEvent('download');
    await page.click('#save-batch-corrections');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('hieu-chinh-hung-yen-2021.json');
    await download.saveAs(path.join(batch, 'hieu-chinh-hung-yen-2021.json'));
    await page.close();
    const saved = JSON.parse(await readFile(path.join(batch, 'hieu-chinh-hung-yen-2021.json'), 'utf8')) as { format: string; by: string; corrections: Array<Record<string, unknown>> };
    expect(saved).toMatchObject({ format: 'cchc-corrections', by: 'Trần Văn Bình' });
    expect(saved.corrections.map((e) => [e.unit, e.file, e.action])).toEqual(expect.arrayContaining([['STP', confirmed, 'confirm'], ['STP', corrected, 'correct'], ['SCT', renumbered, 'correct']]));
    expect(saved.corrections).toHaveLength(3);

    const yaml = await readFile(path.join(batch, 'batch.yaml'), 'utf8');
    await writeFile(path.join(batch, 'batch.yaml'), yaml.replace(/^(inputs:\n(?: {2}corrections: \[)?)/mu, (head: string) => (head.endsWith('[') ? `${head}hieu-chinh-hung-yen-2021.json, ` : `${head}  corrections: [hieu-chinh-hung-yen-2021.json]\n`)));
    const again = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(again.code).toBe(0);
    const after = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const reading = (code: string, file: string) => after.units.find((u) => u.code === code)!.evidence.find((e) => e.file === file)!;
    const from = { by: 'Trần Văn Bình', file: 'hieu-chinh-hung-yen-2021.json' };
    expect(reading('STP', confirmed)).toMatchObject({ correction: { ...from, action: 'confirm' } });
    expect(reading('STP', corrected)).toMatchObject({ source: 'person', correction: { ...from, action: 'correct' } });
    expect(reading('STP', corrected).date?.slice(8)).toBe('07');
    expect(reading('SCT', renumbered).number).toMatch(/^12\//u);
    expect(after.findings.filter((f) => f.rule === 'corrections-file')).toEqual([]);
  });

  it('shows hostile names, file names and explanations as text: no element is injected into the page', async () => {
    const hostile = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"\'&\u202Eexe.pdf\u0007';
    const base = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const unit = structuredClone(base.units.find((u) => u.code === 'SXD')!);
    unit.name = hostile;
    unit.code = 'X<b>';
    const leaf = unit.criteria.find((c) => c.leaf && c.evidence.length > 0)!;
    leaf.explanation = hostile;
    leaf.title = hostile;
    leaf.findings.push({ rule: 'x"><svg onload=alert(1)>', effect: 'info', unit: unit.code, reason: hostile });
    const renamed = `units/SXD/evidence/${hostile}`;
    const e = unit.evidence.find((x) => x.file === leaf.evidence[0]) as Extraction;
    e.file = renamed;
    e.signer = hostile;
    e.number = hostile;
    leaf.evidence[0] = renamed;
    const result: BatchResult = { ...base, title: hostile, units: [unit] };
    const site = path.join(dir, 'hostile');
    await cp(path.join(out, 'audit'), site, { recursive: true });
    await writeFile(path.join(site, 'audit.css'), AUDIT_CSS);
    await writeFile(path.join(site, 'audit.js'), AUDIT_JS);
    for (const p of renderAudit(result, { pdf: (rel) => `../../batch/${rel}`, crop: () => null })) await writeFile(path.join(site, p.path), p.html);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const p of ['index.html', 'don-vi/X_b_.html']) {
      await page.goto(pathToFileURL(path.join(site, p)).href);
      expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('svg, [onerror], [onload], b').count()).toBe(0);
      expect(await page.locator('img:not(.crop)').count()).toBe(0);
    }
    expect(await page.locator('h1').textContent()).toContain('<script>window.__pwned=1</script>');
    expect(await page.locator('h1').textContent()).toContain('‹U+202E›exe.pdf‹U+0007›');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('wraps an evidence file name of 200 characters with no space inside its card: the unit page never scrolls sideways', async () => {
    const base = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const unit = structuredClone(base.units.find((u) => u.code === 'SXD')!);
    const leaf = unit.criteria.find((c) => c.leaf && c.evidence.length > 0)!;
    const long = `units/SXD/evidence/${leaf.code}/${'KeHoachCaiCachHanhChinhNam2021'.repeat(7).slice(0, 196)}.pdf`;
    const e = unit.evidence.find((x) => x.file === leaf.evidence[0]) as Extraction;
    e.file = long;
    leaf.evidence[0] = long;
    leaf.findings.push({ rule: 'listed-evidence', effect: 'info', unit: unit.code, criterion: leaf.code, reason: `Tệp "${path.posix.basename(long)}" có trong thư mục của tiêu chí ${leaf.code} nhưng không được kê trong báo cáo tự đánh giá.` });
    leaf.explanation = path.posix.basename(long);
    const site = path.join(dir, 'long-name');
    await cp(path.join(out, 'audit'), site, { recursive: true });
    await writeFile(path.join(site, 'audit.css'), AUDIT_CSS);
    for (const p of renderAudit({ ...base, units: [unit] }, { pdf: (rel) => `../../batch/${rel}`, crop: () => null })) await writeFile(path.join(site, p.path), p.html);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(site, 'don-vi', 'SXD.html')).href);
    const width = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return { scroll: root.scrollWidth, client: root.clientWidth };
    });
    expect(width.scroll).toBeLessThanOrEqual(width.client);
    await page.close();
  });

  it('keeps a unit of 60 evidence files light: its crops load as they come into view, not with the page', async () => {
    const base = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const unit = structuredClone(base.units.find((u) => u.code === 'SXD')!);
    const model = unit.evidence.find((e) => e.status === 'ok')!;
    const leaves = unit.criteria.filter((c) => c.leaf);
    unit.evidence = Array.from({ length: 60 }, (_, k) => ({ ...model, file: `units/SXD/evidence/tep-${k}.pdf`, sha256: k.toString(16).padStart(64, '0') }));
    leaves.forEach((c, i) => (c.evidence = unit.evidence.filter((_, k) => k % leaves.length === i).map((e) => e.file)));
    const site = path.join(dir, 'big');
    await cp(path.join(out, 'audit'), site, { recursive: true });
    const crop = (await readdir(path.join(site, 'anh')))[0]!;
    for (let k = 0; k < 60; k += 1) await cp(path.join(site, 'anh', crop), path.join(site, 'anh', `tep-${k}.png`));
    const pages = renderAudit({ ...base, units: [unit] }, { pdf: (rel) => `../../batch/${rel}`, crop: (e) => `anh/${path.basename(e.file, '.pdf')}.png` });
    for (const p of pages) await writeFile(path.join(site, p.path), p.html);
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(site, 'don-vi', 'SXD.html')).href, { waitUntil: 'load' });
    const loaded = () => page.locator('img.crop').evaluateAll((imgs) => imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0).length);
    expect(await page.locator('img.crop').count()).toBe(60);
    expect(await loaded()).toBeLessThan(20);
    const last = page.locator('img.crop').last();
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await page.close();
  });
});
