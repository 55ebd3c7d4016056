// Nightly operation: locks, logs, progress without a terminal, and what changed since the last run.
import { spawnSync } from 'node:child_process';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../pipeline/run/lock.js';
import type { BatchResult } from '../../pipeline/model.js';
import type { BatchChanges } from '../../pipeline/run/changes.js';
import { ExitCode } from '../../pipeline/util/errors.js';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { tempDir } from '../helpers/temp.js';

/**
 * The sample batch while units are still uploading: without its calendar (whose deadlines have long
 * passed, so that every change would be "nộp sau thời hạn"; test/rounds covers that).
 */
async function sampleCopy(): Promise<{ batch: string; out: string }> {
  const dir = await tempDir();
  const batch = path.join(dir, 'batch');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  const yamlFile = path.join(batch, 'batch.yaml');
  const yaml = await readFile(yamlFile, 'utf8');
  await writeFile(yamlFile, yaml.replace(/\n# The calendar[\s\S]*?\nrounds:\n(?: {2,}.*\n)+/u, '\n'));
  return { batch, out: path.join(dir, 'out') };
}

/**
 * Each appraised unit's result (with its place among the minutes, which numbers them) and its minutes
 * file as found on disk (inode and modification time: rewritten or not).
 */
async function minutesByUnit(out: string): Promise<Map<string, { result: string; file: string }>> {
  const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
  const ok = result.units.filter((u) => u.status === 'ok');
  const out_ = new Map<string, { result: string; file: string }>();
  for (const [n, u] of ok.entries()) {
    const info = await stat(path.join(out, 'bien-ban', `bien-ban-tham-dinh-${u.code}.docx`));
    out_.set(u.code, { result: `${n}:${JSON.stringify(u)}`, file: `${info.ino}:${info.mtimeMs}` });
  }
  return out_;
}

/** The last progress line of the log: counts of files, cache hits, OCR pages. */
async function lastProgress(out: string): Promise<string> {
  const lines = (await readFile(path.join(out, 'cchc.log'), 'utf8')).split('\n').filter((l) => l.includes('Tiến độ:'));
  return lines[lines.length - 1] ?? '';
}

describe('nightly runs', () => {
  it('re-run with nothing changed reads no PDF and renders no document again', async () => {
    const { batch, out } = await sampleCopy();
    const cache = path.join(out, '..', 'cache');
    const cold = await runCli(['run', batch, '--out', out, '--quiet', '--cache', cache]);
    expect(cold.code).toBe(0);
    expect(await lastProgress(out)).toMatch(/188\/188 tệp \(100%\), 8\/8 đơn vị, 0 tệp lấy từ bộ nhớ đệm, [1-9]\d* trang OCR/u);
    const warm = await runCli(['run', batch, '--out', out, '--quiet', '--cache', cache]);
    expect(warm.code).toBe(0);
    // Every readable file comes from the cache; the three files refused before reading (empty,
    // truncated, not a PDF) are only sniffed again. No page is OCR'd, no document rendered.
    expect(await lastProgress(out)).toMatch(/188\/188 tệp \(100%\), 8\/8 đơn vị, 185 tệp lấy từ bộ nhớ đệm, 0 trang OCR/u);
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toContain('8 văn bản không đổi so với lần chạy trước, giữ nguyên.');
    expect(warm.stdout).toContain('Thay đổi so với lần chạy trước: không có');
    // No unchanged input is read to learn its SHA-256: the second run hashes only the three refused
    // files (no reading of theirs is kept) and, at most, the 8 documents the first run wrote in the
    // second it wrote its stat index (racily clean: hashed once more). The index lives in the cache.
    const log = await readFile(path.join(out, 'cchc.log'), 'utf8');
    const hashing = [...log.matchAll(/Mã SHA-256: (\d+) tệp theo chỉ mục trạng thái tệp, (\d+) tệp đọc và băm/gu)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(hashing).toHaveLength(2);
    const [[coldReused, coldHashed], [warmReused, warmHashed]] = hashing as [[number, number], [number, number]];
    expect(coldReused).toBe(0);
    expect(warmHashed).toBeGreaterThanOrEqual(3);
    expect(warmHashed).toBeLessThanOrEqual(3 + 8);
    expect(warmReused + warmHashed).toBe(coldHashed + 8);
    expect(await readdir(path.join(cache, 'stat-index'))).toHaveLength(1);
    expect((await readdir(batch, { recursive: true })).filter((f) => /stat-index|yaml\//u.test(String(f)))).toEqual([]);
  }, 240_000); // two runs of the whole sample batch, the first reading every PDF cold (its scans OCR'd and checked)

  it('stops a file that takes longer than the time limit, records it as unreadable, and completes the batch', async () => {
    const { batch, out } = await sampleCopy();
    for (const unit of await readdir(path.join(batch, 'units'))) if (unit !== 'SXD') await rm(path.join(batch, 'units', unit), { recursive: true });
    const evidence = path.join(batch, 'units/SXD/evidence');
    for (const folder of await readdir(evidence)) if (!['1.1.1', '1.1.2', '1.2'].includes(folder)) await rm(path.join(evidence, folder), { recursive: true });
    const r = await runCli(['run', batch, '--out', out, '--quiet', '--file-timeout', '0.001', '--cache', path.join(out, '..', 'cache')]);
    expect(r.code).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const sxd = result.units.find((u) => u.code === 'SXD')!;
    expect(sxd.evidence).toHaveLength(3);
    for (const e of sxd.evidence) {
      expect(e.status).toBe('unreadable');
      expect(e.error).toMatch(/quá thời gian đọc cho phép/u);
    }
    const reviewed = sxd.criteria.flatMap((c) => c.findings).filter((f) => f.rule === 'unreadable-evidence');
    expect(reviewed.map((f) => f.effect)).toEqual(['review', 'review', 'review']);
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toContain('quá thời gian cho phép');
  });

  it('refuses to run while another live run holds the output folder (exit 6)', async () => {
    const { batch, out } = await sampleCopy();
    await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    const owner = { pid: process.pid, host: os.hostname(), startedAt: '2026-11-21T01:30:00.000Z', batch };
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify(owner));
    const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(r.code).toBe(ExitCode.Locked);
    expect(r.stderr).toContain(`Một lần chạy khác đang dùng thư mục kết quả ${out} (tiến trình ${process.pid}`);
  });

  it('takes over the lock of a run that was killed, and says so in the log', async () => {
    const { batch, out } = await sampleCopy();
    await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify({ pid: dead, host: os.hostname(), startedAt: '2026-11-21T01:30:00.000Z', batch }));
    const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(r.code).toBe(0);
    const log = await readFile(path.join(out, 'cchc.log'), 'utf8');
    expect(log).toContain(`Tiếp quản khóa cũ của tiến trình ${dead}`);
  });

  it('without a terminal prints progress as plain lines, and keeps everything in cchc.log', async () => {
    const { batch, out } = await sampleCopy();
    const r = await runCli(['run', batch, '--out', out, ...sharedCacheArgs()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Bắt đầu đọc 188 tệp tài liệu kiểm chứng của 8 đơn vị.');
    expect(r.stderr).toMatch(/Tiến độ: 188\/188 tệp \(100%\), 8\/8 đơn vị/u);
    expect(r.stderr).not.toContain('\u001b[');
    const log = await readFile(path.join(out, 'cchc.log'), 'utf8');
    expect(log).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z Đợt thẩm định: /mu);
    expect(log).toContain('Đã đọc units/SXD/evidence/1.1.1/');
    // A file that could not be read says why in the log, not only that it could not.
    expect(log).toMatch(/Đã đọc units\/SNN\/evidence\/1\.2\/\S+ \(không đọc được: [^)]+/u);
    expect(log).toContain('TÓM TẮT ĐỢT THẨM ĐỊNH');
  });

  it('--quiet prints only the summary', async () => {
    const { batch, out } = await sampleCopy();
    const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('TÓM TẮT ĐỢT THẨM ĐỊNH');
  });

  it('reports what changed since the last run: evidence removed and added, findings resolved, scores changed', async () => {
    const { batch, out } = await sampleCopy();
    await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    const first = JSON.parse(await readFile(path.join(out, 'changes.json'), 'utf8')) as BatchChanges;
    expect(first.hasPrevious).toBe(false);

    // Overnight, Sở Xây dựng replaces its suffixed plan by a properly numbered one.
    const folder = path.join(batch, 'units/SXD/evidence/1.1.1');
    const suffixed = path.join(folder, 'ke-hoach-cai-cach-hanh-chinh-nam-2021.pdf');
    const stpPlans = path.join(batch, 'units/STP/evidence/1.1.1');
    const proper = path.join(stpPlans, (await readdir(stpPlans))[0]!);
    await rm(suffixed);
    // Another unit's plan stands in for SXD's new one, made a file of its own (a byte after %%EOF):
    // filed byte for byte, it would be the shared-evidence rule's finding about both units.
    await writeFile(path.join(folder, 'ke-hoach-cai-cach-hanh-chinh-nam-2021-ban-so-hoa.pdf'), Buffer.concat([await readFile(proper), Buffer.from('\n')]));

    const minutesBefore = await minutesByUnit(out);
    const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(r.code).toBe(0);
    // Only the minutes of units whose results changed are written again (one unit's night is not
    // every unit's): the others keep their file, untouched.
    const minutesAfter = await minutesByUnit(out);
    const same = [...minutesAfter].filter(([code, m]) => minutesBefore.get(code)?.result === m.result);
    expect(same.length).toBeGreaterThan(0);
    for (const [code, m] of same) expect(m.file, code).toEqual(minutesBefore.get(code)!.file);
    expect(minutesAfter.get('SXD')!.file).not.toEqual(minutesBefore.get('SXD')!.file);
    const changes = JSON.parse(await readFile(path.join(out, 'changes.json'), 'utf8')) as BatchChanges;
    expect(changes.hasPrevious).toBe(true);
    expect(changes.units.map((u) => u.unit)).toEqual(['SXD']);
    const sxd = changes.units[0]!;
    expect(sxd.evidenceRemoved).toEqual(['units/SXD/evidence/1.1.1/ke-hoach-cai-cach-hanh-chinh-nam-2021.pdf']);
    expect(sxd.evidenceAdded).toEqual(['units/SXD/evidence/1.1.1/ke-hoach-cai-cach-hanh-chinh-nam-2021-ban-so-hoa.pdf']);
    expect(sxd.resolvedFindings.some((f) => f.rule === 'suffixed-number')).toBe(true);
    expect(r.stdout).toMatch(/SXD\s+.*phát hiện đã khắc phục/u);

    // The workbook lists the same changes, one row each, on its "Thay đổi" sheet.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'ket-qua-tham-dinh.xlsx'));
    const rows = wb.getWorksheet('Thay đổi')!.getSheetValues().slice(2) as unknown[][];
    const kinds = rows.map((row) => `${row[1]} ${row[3]}`);
    expect(kinds).toEqual(expect.arrayContaining(['SXD Phát hiện đã khắc phục', 'SXD Tài liệu thêm', 'SXD Tài liệu xóa']));

    const again = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(again.stdout).toContain('Thay đổi so với lần chạy trước: không có');
  });

  it("removes the minutes of a unit no longer appraised, never a clerk's own files in bien-ban/", async () => {
    const { batch, out } = await sampleCopy();
    expect((await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()])).code).toBe(0);
    const minutesDir = path.join(out, 'bien-ban');
    // A clerk keeps an edited copy and notes beside the generated minutes.
    await writeFile(path.join(minutesDir, 'bien-ban-tham-dinh-STP (sửa).docx'), 'bản sửa của chuyên viên');
    await writeFile(path.join(minutesDir, 'ghi-chu.docx'), 'ghi chú');
    // Sở Tư pháp's report becomes unreadable overnight: it is no longer appraised.
    await writeFile(path.join(batch, 'units/STP/report.xlsx'), 'không phải tệp Excel');
    expect((await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()])).code).toBe(0);
    const names = await readdir(minutesDir);
    expect(names).not.toContain('bien-ban-tham-dinh-STP.docx');
    expect(names).toEqual(expect.arrayContaining(['bien-ban-tham-dinh-STP (sửa).docx', 'ghi-chu.docx', 'bien-ban-tham-dinh-SXD.docx']));
  });
});
