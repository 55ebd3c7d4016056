// A quiet night keeps the previous outputs (pipeline/run/kept-run.ts): when nothing a run depends on
// has changed since a run that itself changed nothing, `cchc run` reads, appraises and renders
// nothing, prints the same summary and leaves every output byte as it was (after a first run, it
// writes only changes.json, as a full run would). Anything a full run would
// act on (an input changed, an output deleted or edited, another option, a deadline passed) makes it
// a full run again.
import { cp, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KEPT_FILE } from '../../pipeline/run/kept-run.js';
import type { RemoteReader } from '../../pipeline/evidence/remote-reader.js';
import { runBatch } from '../../pipeline/run/run-batch.js';
import { createRunLog } from '../../pipeline/run/run-log.js';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const KEPT = 'Không có gì thay đổi kể từ lần chạy trước';

/** Everything in the output folder but the log, the record and the cache (which say how runs went). */
async function outputTree(out: string): Promise<Map<string, string>> {
  const all = await treeHash(out);
  return new Map([...all].filter(([rel]) => rel !== 'cchc.log' && rel !== KEPT_FILE && !rel.startsWith('.cache/')));
}

/** The summary without its timing line. */
const summaryOf = (stdout: string) => stdout.replace(/^ {2}Thời gian: .*$/mu, '');

/** A copy of the sample batch, old enough (two seconds) not to be racily clean. */
async function copySample(): Promise<{ batch: string; out: string }> {
  const dir = await tempDir('cchc-kept-');
  const batch = path.join(dir, 'batch');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  await sleep(2_100);
  return { batch, out: path.join(dir, 'out') };
}

/** `cchc run` on `batch` into `out`, with what it wrote to cchc.log. */
function cli(batch: string, out: string) {
  return async (...extra: string[]) => {
    const logFile = path.join(out, 'cchc.log');
    const before = await readFile(logFile).then((b) => b.length, () => 0);
    const result = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs(), ...extra]);
    expect(result.code, result.stderr).toBe(0);
    return { ...result, log: (await readFile(logFile)).subarray(before).toString('utf8') };
  };
}

describe('cchc run on a night when nothing changed', () => {
  it('keeps every output byte, prints the same summary and exit code; an output deleted or edited, an input edited in place, another option: a full run', async () => {
    const { batch, out } = await copySample();
    const run = cli(batch, out);
    // A first run says why it runs in full.
    expect((await run()).log).toMatch(/Chạy đầy đủ: lần chạy trước không để lại bản ghi cho phép giữ nguyên kết quả \(chưa có kết quả nào trong thư mục này\)\./u);
    // The first run lists everything as new. The quiet night after it keeps every output but
    // changes.json, which now says that nothing changed: exactly what a full second run writes
    // (made here in a copy of the output folder, without the record).
    const fullCopy = path.join(path.dirname(out), 'out-full');
    await cp(out, fullCopy, { recursive: true });
    await rm(path.join(fullCopy, KEPT_FILE));
    const settled = await run();
    expect(settled.log).toContain(KEPT);
    expect(settled.log).toContain('Ghi lại changes.json: không có thay đổi so với lần chạy trước');
    expect(settled.stdout).toContain('Thay đổi so với lần chạy trước: không có');
    const full = await cli(batch, fullCopy)();
    expect(full.log).not.toContain(KEPT);
    expect(full.log).toMatch(/Chạy đầy đủ: lần chạy trước không để lại bản ghi cho phép giữ nguyên kết quả \(lần chạy trước có thay đổi, bị dừng giữa chừng hoặc còn tệp cần đọc lại\)\./u);
    expect(summaryOf(settled.stdout)).toBe(summaryOf(full.stdout).replaceAll(fullCopy, out));
    const before = await outputTree(out);
    expect(before).toEqual(await outputTree(fullCopy));
    // And the nights after it keep everything, changes.json included.
    const kept = await run();
    expect(kept.log).toContain(KEPT);
    expect(kept.log).not.toContain('Ghi lại changes.json');
    expect(summaryOf(kept.stdout)).toBe(summaryOf(settled.stdout));
    expect(await outputTree(out)).toEqual(before);

    // An output deleted: the full run renders it again.
    const minutes = [...before.keys()].find((rel) => rel.startsWith('bien-ban/'))!;
    await rm(path.join(out, minutes));
    const restored = await run();
    expect(restored.log).toContain(`Chạy đầy đủ: thư mục kết quả có tệp thêm vào hoặc bị xóa (bị xóa: ${minutes}).`);
    expect(summaryOf(restored.stdout)).toBe(summaryOf(settled.stdout));
    expect(await outputTree(out)).toEqual(before);

    // An output edited with its size and modification time put back: its bytes are compared.
    const results = path.join(out, 'results.json');
    const times = await stat(results);
    await writeFile(results, (await readFile(results, 'utf8')).replace('"province"', '"provinca"'));
    await utimes(results, times.atime, times.mtime);
    expect((await run()).log).toMatch(/Chạy đầy đủ: tệp kết quả results\.json đã thay đổi\./u);
    expect(await outputTree(out)).toEqual(before);

    // An evidence file edited in place, its size and modification time put back (only its change
    // time tells): a full run, which reads it again.
    expect((await run()).log).toContain(KEPT);
    const pdf = path.join(batch, 'units/STP/evidence/1.1.1/Kế hoạch 32-KH-STP.pdf');
    const bytes = await readFile(pdf);
    const pdfTimes = await stat(pdf);
    await writeFile(pdf, Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from(bytes.at(-1) === 0x0a ? ' ' : '\n')]));
    await utimes(pdf, pdfTimes.atime, pdfTimes.mtime);
    const edited = await run();
    expect(edited.log).toMatch(/Chạy đầy đủ: thư mục đợt có thay đổi\./u);
    expect(edited.log).not.toContain(KEPT);

    // Another option that changes the outputs (no audit pages), another output folder: full runs.
    await sleep(2_100);
    await run();
    expect((await run()).log).toContain(KEPT);
    expect((await run('--no-audit')).log).toMatch(/Chạy đầy đủ: chương trình, tùy chọn hoặc thư mục khác lần chạy trước\./u);
    const elsewhere = path.join(path.dirname(out), 'out2');
    expect((await cli(batch, elsewhere)()).log).not.toContain(KEPT);

    // results.json deleted by hand: the run names it and says it cannot compare with the last run.
    await rm(path.join(out, 'results.json'));
    const lost = await run();
    expect(lost.log).toMatch(/Không thấy kết quả lần chạy trước \(.*results\.json\) dù thư mục kết quả có các tệp của lần chạy trước/u);
    expect(lost.stdout).toContain('Thay đổi so với lần chạy trước: không so sánh được (không thấy results.json của lần chạy trước); mọi đơn vị được coi là mới');
    // Damaged by hand: the same, naming what is wrong with it, never "the first run into this folder".
    await writeFile(path.join(out, 'results.json'), '{"units": 5}');
    const damaged = await run();
    expect(damaged.stdout).toContain('Thay đổi so với lần chạy trước: không so sánh được (results.json của lần chạy trước bị hỏng (không đúng cấu trúc kết quả của cchc))');
  }, 600_000);

  it('a corrections file added and declared in batch.yaml: a full run applies it', async () => {
    const { batch, out } = await copySample();
    const run = cli(batch, out);
    await run();
    await run();
    expect((await run()).log).toContain(KEPT);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as { units: Array<{ code: string; evidence: Array<{ sha256: string; file: string; status: string }> }> };
    const evidence = results.units.find((u) => u.code === 'STP')!.evidence.find((e) => e.status === 'ok')!;
    await writeFile(path.join(batch, 'hieu-chinh-STP.json'), JSON.stringify({
      format: 'cchc-corrections', version: 1, unit: 'STP', by: 'Nguyễn Văn A', at: '2021-12-10T08:00:00+07:00',
      corrections: [{ sha256: evidence.sha256, file: evidence.file, action: 'confirm' }],
    }));
    const yaml = parse(await readFile(path.join(batch, 'batch.yaml'), 'utf8')) as { inputs?: Record<string, unknown> };
    yaml.inputs = { ...(yaml.inputs ?? {}), corrections: ['hieu-chinh-STP.json'] };
    await writeFile(path.join(batch, 'batch.yaml'), stringify(yaml));
    const corrected = await run();
    expect(corrected.log).toMatch(/Chạy đầy đủ: thư mục đợt có thay đổi\./u);
    expect(corrected.log).toMatch(/Tệp hiệu chỉnh: 1 tệp được hiệu chỉnh hoặc xác nhận/u);
  }, 600_000);

  it('a file a worker could not read (a wrong path map) is tried again every night until it is read: no such night is kept', async () => {
    const { batch, out } = await copySample();
    const options = { out, cacheDir: inject('sharedCache'), keep: true, log: createRunLog(out, null) };
    await runBatch(batch, options); // the sample's own files in the (shared) cache, as other tests leave it
    const folder = path.join(batch, 'units/SXD/evidence/1.1.1');
    const copy = path.join(folder, 'ban-sao-ke-hoach.pdf');
    // Bytes the shared cache has never seen, so the reader asks the queue for this file alone.
    await writeFile(copy, Buffer.concat([await readFile(path.join(folder, 'ke-hoach-cai-cach-hanh-chinh-nam-2021.pdf')), Buffer.from('\n% ban sao\n')]));
    await sleep(2_100); // not racily clean: a night on which nothing else changes could be kept
    const asked: string[] = [];
    const wrongMap: RemoteReader = {
      read: async ({ file }) => {
        asked.push(path.basename(file));
        return { kind: 'failed', detail: 'không tìm thấy tệp tại máy đọc: /mnt/khong-co/ban-sao-ke-hoach.pdf' };
      },
    };
    for (let night = 1; night <= 3; night += 1) {
      const outcome = await runBatch(batch, { ...options, remote: wrongMap });
      expect(outcome.summary.kept, `night ${night}`).toBe(false);
    }
    expect(asked).toEqual(['ban-sao-ke-hoach.pdf', 'ban-sao-ke-hoach.pdf', 'ban-sao-ke-hoach.pdf']);
    // The worker fixed (here: read locally), the next night reads the file.
    const fixed = await runBatch(batch, options);
    expect(fixed.summary.kept).toBe(false);
    // Read now, the file is in the cache and the outputs: the following quiet night may keep them.
    expect((await runBatch(batch, options)).summary.kept).toBe(true);
  }, 600_000);
});

describe('--no-audit after runs with the audit', () => {
  it('removes the earlier audit pages at the switch, so they never show other results beside these', async () => {
    const { batch, out } = await copySample();
    const options = { out, cacheDir: inject('sharedCache'), log: createRunLog(out, null) };
    await runBatch(batch, options);
    expect(await stat(path.join(out, 'audit/index.html')).then(() => true)).toBe(true);
    await runBatch(batch, { ...options, audit: false });
    expect([...(await treeHash(out)).keys()].filter((rel) => rel.startsWith('audit/'))).toEqual([]);
    // Nor their empty folders.
    expect(await stat(path.join(out, 'audit')).then(() => true, () => false)).toBe(false);
    // A clerk's own files in audit/ (a shared folder that had one) are never taken with them.
    await mkdir(path.join(out, 'audit', '2020'), { recursive: true });
    await writeFile(path.join(out, 'audit', '2020', 'bao-cao-kiem-toan.docx'), 'của văn thư');
    await writeFile(path.join(out, 'audit', 'so-tay.txt'), 'ghi chép');
    await runBatch(batch, options);
    await runBatch(batch, { ...options, audit: false });
    expect([...(await treeHash(out)).keys()].filter((rel) => rel.startsWith('audit/')).sort()).toEqual(['audit/2020/bao-cao-kiem-toan.docx', 'audit/so-tay.txt']);
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toMatch(/Chạy với --no-audit: trang kiểm tra tài liệu \(audit\/\) của lần chạy trước được xóa/u);
    await runBatch(batch, options);
    expect(await stat(path.join(out, 'audit/index.html')).then(() => true)).toBe(true);
  }, 600_000);
});

describe('a deadline passing between two quiet nights', () => {
  it('makes the run a full one: the round closes and its snapshot is taken, as without keeping', async () => {
    const dir = await tempDir('cchc-kept-rounds-');
    const batch = path.join(dir, 'batch');
    await cp('fixtures/sample-batch', batch, { recursive: true });
    const yaml = parse(await readFile(path.join(batch, 'batch.yaml'), 'utf8')) as Record<string, unknown>;
    yaml.rounds = [{ name: 'Lần 1', until: '2021-12-20T23:59' }, { name: 'Lần 2', from: '2021-12-26', until: '2021-12-31T23:59', scope: 'requested' }];
    await writeFile(path.join(batch, 'batch.yaml'), stringify(yaml));
    await sleep(2_100);
    const out = path.join(dir, 'out');
    const run = (local: string) => runBatch(batch, { out, cacheDir: inject('sharedCache'), now: () => new Date(`${local}+07:00`), log: createRunLog(out, null), keep: true });
    expect((await run('2021-12-18T01:30')).summary.kept).toBe(false);
    // The night after a first run keeps its outputs (writing only changes.json), as do the next.
    expect((await run('2021-12-19T01:30')).summary.kept).toBe(true);
    const quiet = await run('2021-12-20T01:30');
    expect(quiet.summary.kept).toBe(true);
    expect(quiet.summary.rounds?.map((r) => r.status)).toEqual(['open', 'upcoming']);
    // The night after the deadline: not kept; round 1 closes and its snapshot is taken now.
    const after = await run('2021-12-21T01:30');
    expect(after.summary.kept).toBe(false);
    expect(after.summary.rounds?.map((r) => r.status)).toEqual(['closed', 'upcoming']);
    expect((await stat(path.join(out, 'snapshots/lan-1.json'))).isFile()).toBe(true);
    // Between the rounds nothing changes: kept again once a full run has changed nothing.
    await run('2021-12-22T01:30');
    const between = await run('2021-12-23T01:30');
    expect(between.summary.kept).toBe(true);
    expect(between.result.rounds?.map((r) => r.status)).toEqual(['closed', 'upcoming']);
    // Round 2 opens: a full run.
    expect((await run('2021-12-26T01:30')).summary.kept).toBe(false);
  }, 600_000);
});
