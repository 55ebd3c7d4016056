// `cchc run` writes the audit folder; `cchc audit` rebuilds it from results.json and the cache.
// Crops are rendered once per file content: an unchanged re-run renders none.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CropCache } from '../../pipeline/audit/crop-cache.js';
import { writeAudit } from '../../pipeline/audit/write-audit.js';
import { OutputStage } from '../../pipeline/run/output-set.js';
import type { BatchResult } from '../../pipeline/model.js';
import { ExitCode } from '../../pipeline/util/errors.js';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

let batch = '';
let out = '';
let result: BatchResult;

// One run of a copy of the sample batch, with the shared cache (readings and crops of the sample).
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-audit-'));
  batch = path.join(dir, 'batch');
  out = path.join(dir, 'out');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
  expect(r.code).toBe(0);
  result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
}, 600_000);

afterAll(async () => {
  if (out) await rm(path.dirname(out), { recursive: true, force: true });
});

const auditLine = async (out: string) => (await readFile(path.join(out, 'cchc.log'), 'utf8')).split('\n').filter((l) => l.includes('Trang kiểm tra tài liệu')).pop() ?? '';

describe('audit folder', () => {
  it('has an index, a page per unit, and a crop for every file that was read, each linked to its PDF', async () => {
    const audit = path.join(out, 'audit');
    const index = await readFile(path.join(audit, 'index.html'), 'utf8');
    for (const unit of result.units) expect(index).toContain(`href="don-vi/${unit.code}.html"`);
    const read = result.units.flatMap((u) => u.evidence).filter((e) => e.status === 'ok');
    expect(await auditLine(out)).toContain(`${new Set(read.map((e) => e.sha256)).size} ảnh đặt vào thư mục`);
    for (const unit of result.units) {
      const page = await readFile(path.join(audit, 'don-vi', `${unit.code}.html`), 'utf8');
      const crops = [...page.matchAll(/<img class="crop" loading="lazy"[^>]* src="([^"]+)"/gu)].map((m) => decodeURIComponent(m[1]!));
      const listed = unit.criteria.filter((c) => c.leaf).flatMap((c) => c.evidence).map((f) => unit.evidence.find((e) => e.file === f)).filter((e) => e?.status === 'ok');
      expect(crops).toHaveLength(listed.length);
      for (const crop of crops) expect(existsSync(path.resolve(audit, 'don-vi', crop))).toBe(true);
      const pdfs = [...page.matchAll(/<a class="pdf" href="([^"]+)"/gu)].map((m) => path.resolve(audit, 'don-vi', decodeURIComponent(m[1]!)));
      for (const pdf of pdfs) {
        expect(pdf.startsWith(batch)).toBe(true);
        expect(existsSync(pdf)).toBe(true);
      }
    }
  });

  it('shows no totals for a unit that could not be appraised (its survey points alone are not a score)', async () => {
    const index = await readFile(path.join(out, 'audit', 'index.html'), 'utf8');
    const row = index.split('<tr').find((r) => r.includes('href="don-vi/SGTVT.html"'))!;
    expect(row).toContain('không thẩm định được');
    expect(row).not.toContain('19,84');
    const page = await readFile(path.join(out, 'audit', 'don-vi', 'SGTVT.html'), 'utf8');
    expect(page).toContain('<dt>Thẩm định</dt><dd>—</dd>');
  });

  it('names each rule in Vietnamese, in the filter and beside each finding, with its id kept for the filter', async () => {
    const page = await readFile(path.join(out, 'audit', 'don-vi', 'SXD.html'), 'utf8');
    expect(page).toContain('<option value="suffixed-number">Số văn bản kèm chữ (suffixed-number)</option>');
    expect(page).toContain('<span class="rule" title="suffixed-number">Số văn bản kèm chữ</span>');
    expect(page).not.toMatch(/<span class="rule"[^>]*>[a-z-]+<\/span>/u);
  });

  it("says what the signature verification found: Sở Xây dựng's report modified after signing", async () => {
    const page = await readFile(path.join(out, 'audit', 'don-vi', 'SXD.html'), 'utf8');
    expect(page).toMatch(/class="signature signature-modified">tệp bị sửa đổi sau khi ký/u);
    expect(page).toMatch(/class="signature signature-valid">chữ ký số hợp lệ/u);
  });

  it('renders no crop and rewrites no page on a re-run with nothing changed', async () => {
    const again = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(again.code).toBe(0);
    expect(await auditLine(out)).toContain('0 tệp ghi mới, 11 giữ nguyên; ảnh đầu văn bản: 0 ảnh vẽ mới, 0 ảnh đặt vào thư mục');
  });

  it('`cchc audit --unit` rebuilds one unit from the last results, rendering only the crops the cache lacks', async () => {
    // A copy of the cache without STP's crops: only those are rendered (STP's files read again).
    const cache = path.join(path.dirname(out), 'cache');
    await cp(sharedCacheArgs()[1]!, cache, { recursive: true });
    const stp = result.units.find((u) => u.code === 'STP')!;
    const read = stp.evidence.filter((e) => e.status === 'ok');
    for (const e of read) await rm(new CropCache(cache, e.readerVersion).file(e.sha256));
    await rm(path.join(out, 'audit'), { recursive: true });
    const r = await runCli(['audit', batch, '--out', out, '--cache', cache, '--unit', 'STP']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${read.length} ảnh vẽ mới`);
    expect((await readdir(path.join(out, 'audit', 'don-vi'))).sort()).toEqual(['STP.html']);
    const page = await readFile(path.join(out, 'audit', 'don-vi', 'STP.html'), 'utf8');
    expect(page).not.toContain('Không có ảnh phần đầu văn bản');
  });

  it('`cchc audit` says in Vietnamese what is missing: no results yet, an unknown unit', async () => {
    const dir = await tempDir();
    const none = await runCli(['audit', 'fixtures/sample-batch', '--out', path.join(dir, 'out')]);
    expect(none.code).toBe(ExitCode.Usage);
    expect(none.stderr).toContain('cần chạy "cchc run');
    const unknown = await runCli(['audit', batch, '--out', out, '--unit', 'KHONG-CO', ...sharedCacheArgs()]);
    expect(unknown.code).toBe(ExitCode.Usage);
    expect(unknown.stderr).toContain('Không có đơn vị mã "KHONG-CO"');
  });

  it('`cchc audit` given a damaged results.json names the file and says what is wrong, in Vietnamese', async () => {
    const dir = await tempDir();
    const copy = path.join(dir, 'out');
    await cp(out, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}.cache`) });
    const resultsFile = path.join(copy, 'results.json');
    const text = await readFile(resultsFile, 'utf8');
    const cases: Array<[string, RegExp]> = [
      [text.slice(0, 5000), /bị hỏng \(tệp kết thúc giữa chừng \(bị cắt cụt hoặc chưa ghi xong\)\)/u],
      [text.replace('"units": [', '"units": [,'), /bị hỏng \(lỗi cú pháp JSON ở dòng \d+, cột \d+\)/u],
      ['{"units": 3}', /bị hỏng \(không đúng cấu trúc kết quả của cchc: province: .*\)/u],
      ['[]', /bị hỏng \(không đúng cấu trúc kết quả của cchc: \(gốc\): .*\)/u],
    ];
    for (const [damaged, message] of cases) {
      await writeFile(resultsFile, damaged);
      const r = await runCli(['audit', batch, '--out', copy, ...sharedCacheArgs()]);
      expect(r.code).toBe(ExitCode.BadBatch);
      expect(r.stderr).toContain(`Tệp kết quả ${resultsFile} bị hỏng`);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/Unexpected|JSON at position|is not valid|TypeError|Cannot read|expected/u);
    }
  });

  it('is staged with the other outputs: nothing in audit/ changes until the switch, and a stage given up leaves it whole', async () => {
    const before = await treeHash(path.join(out, 'audit'));
    // The next run's audit: one unit gone, another renamed.
    const next = structuredClone(result);
    next.units = next.units.filter((u) => u.code !== 'STP');
    next.units[0]!.name = 'Sở Thử nghiệm';
    const options = { batchDir: batch, out, cacheDir: sharedCacheArgs()[1]! };
    const abandoned = await OutputStage.begin(out);
    const staged = await writeAudit(next, options, abandoned);
    expect(staged.written).toBeGreaterThan(0);
    expect(await treeHash(path.join(out, 'audit'))).toEqual(before);
    await abandoned.abandon();
    expect(await treeHash(path.join(out, 'audit'))).toEqual(before);

    const stage = await OutputStage.begin(out);
    await writeAudit(next, options, stage);
    expect(await treeHash(path.join(out, 'audit'))).toEqual(before);
    await stage.commit();
    const after = await treeHash(path.join(out, 'audit'));
    expect(after.has('don-vi/STP.html')).toBe(false);
    const stpCrops = result.units.find((u) => u.code === 'STP')!.evidence.filter((e) => e.status === 'ok' && !next.units.some((u) => u.evidence.some((x) => x.sha256 === e.sha256)));
    for (const e of stpCrops) expect(after.has(`anh/${path.basename(new CropCache('', e.readerVersion).file(e.sha256))}`)).toBe(false);
    expect(after.get('index.html')).not.toBe(before.get('index.html'));
    expect(await readFile(path.join(out, 'audit', 'don-vi', `${next.units[0]!.code}.html`), 'utf8')).toContain('Sở Thử nghiệm');
    expect((await readdir(out)).filter((n) => n.startsWith('.cchc-staging-') || n === '.cchc-switch.json')).toEqual([]);
  });
});
