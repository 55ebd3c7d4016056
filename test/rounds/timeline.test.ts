// A scripted timeline (the run's clock is given, never the machine's): Lào Cai 2021 §4 — units upload
// until 23:59 on 20/12 (Lần 1), the council appraises, the folder reopens 26–31/12 for what the
// minutes asked (Lần 2, scope: requested). Each run is checked for what it counts and what it lists.
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import type { BatchResult, UnitResult } from '../../pipeline/model.js';
import type { BatchChanges } from '../../pipeline/run/changes.js';
import { runBatch } from '../../pipeline/run/run-batch.js';
import { createRunLog } from '../../pipeline/run/run-log.js';
import { sha256Hex } from '../../pipeline/rounds/snapshot-store.js';
import type { Snapshot } from '../../pipeline/rounds/snapshot.js';
import { CchcError, ExitCode } from '../../pipeline/util/errors.js';
import { runCli } from '../helpers/cli.js';
import { docxParagraphs } from '../documents/docx-text.js';
import { tempDir } from '../helpers/temp.js';

const ROUNDS = [
  { name: 'Lần 1', until: '2021-12-20T23:59' },
  { name: 'Lần 2', from: '2021-12-26', until: '2021-12-31T23:59', scope: 'requested' },
];

/** A Vietnam wall-clock time as the run's clock. */
const at = (local: string) => () => new Date(`${local}+07:00`);

const EV = 'units/STP/evidence';
const A = `${EV}/1.2/Báo cáo 113-BC-STP.pdf`; // withheld until round 2 (asked for by the round-1 minutes)
const B = `${EV}/1.3.3/Thông báo 135-TB-STP.pdf`; // uploaded on the evening of the deadline
const C = `${EV}/1.5/Quyết định 114-QĐ-STP.pdf`; // replaced the morning after the deadline
const LATE = `${EV}/1.1.1/Bổ sung sau hạn.pdf`; // added the morning after the deadline
const OUTSIDE = `${EV}/1.4.1/Kế hoạch bổ sung.pdf`; // added in round 2 to a criterion nobody asked about

async function setup() {
  const dir = await tempDir();
  const batch = path.join(dir, 'batch');
  const spare = path.join(dir, 'spare');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  for (const unit of await readdir(path.join(batch, 'units'))) if (unit !== 'STP') await rm(path.join(batch, 'units', unit), { recursive: true });
  const yaml = parse(await readFile(path.join(batch, 'batch.yaml'), 'utf8')) as Record<string, unknown>;
  yaml.units = [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }];
  yaml.rounds = ROUNDS;
  await writeFile(path.join(batch, 'batch.yaml'), stringify(yaml));
  await mkdir(spare);
  for (const f of [A, B]) await rename(path.join(batch, f), path.join(spare, path.basename(f)));
  const out = path.join(dir, 'out');
  const run = async (local: string) => runBatch(batch, { out, cacheDir: inject('sharedCache'), now: at(local), log: createRunLog(out, null) });
  const put = async (from: string, to: string) => {
    await mkdir(path.dirname(path.join(batch, to)), { recursive: true });
    await copyFile(from, path.join(batch, to));
  };
  return { batch, spare, out, run, put };
}

const stp = (r: BatchResult): UnitResult => r.units.find((u) => u.code === 'STP')!;
const criterion = (u: UnitResult, code: string) => u.criteria.find((c) => c.code === code)!;
const findingsOf = (u: UnitResult, rule: string) => [...u.findings, ...u.criteria.flatMap((c) => c.findings)].filter((f) => f.rule === rule);

describe('rounds, deadlines and snapshots on a scripted timeline', () => {
  it('counts what was there at each deadline, lists what came later, and keeps round 2 to what was asked', async () => {
    const { batch, spare, out, run, put } = await setup();

    // 15/12, round 1 open: a nightly run appraises the folder as it is; no snapshot yet.
    const r0 = await run('2021-12-15T10:00');
    expect(r0.result.rounds?.map((r) => r.status)).toEqual(['open', 'upcoming']);
    expect(existsSync(path.join(out, 'snapshots'))).toBe(false);

    // 20/12 at 22:00, before the deadline: B is uploaded.
    await put(path.join(spare, path.basename(B)), B);
    await run('2021-12-20T22:00');

    // 21/12 at 08:00, after the deadline: C is replaced and a new file comes in. This run takes the snapshot.
    const originalC = sha256Hex(await readFile(path.join(batch, C)));
    await put(path.join(batch, `${EV}/1.6/Báo cáo 179-BC-STP.pdf`), C);
    await put(path.join(batch, `${EV}/1.1.2/Báo cáo 186-BC-STP.pdf`), LATE);
    const r1 = await run('2021-12-21T08:00');
    const snapshotFile = path.join(out, 'snapshots/lan-1.json');
    const bytes = await readFile(snapshotFile);
    const round1 = r1.result.rounds![0]!;
    expect(round1.status).toBe('closed');
    expect(round1.snapshot?.sha256).toBe(sha256Hex(bytes));
    expect(await readFile(`${snapshotFile}.sha256`, 'utf8')).toBe(`${sha256Hex(bytes)}  lan-1.json\n`);
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toContain(`SHA-256 ${sha256Hex(bytes)}`);

    const u1 = stp(r1.result);
    // B (before the deadline) counts; A was never there: criterion 1.2 has no evidence (explained, so the council looks).
    expect(criterion(u1, '1.3.3').evidence).toEqual([B]);
    expect(criterion(u1, '1.2').evidence).toEqual([]);
    expect(criterion(u1, '1.2').findings.map((f) => [f.rule, f.effect])).toContainEqual(['no-evidence', 'review']);
    // C is appraised on the content it had at the deadline, not the replacement.
    expect(u1.evidence.find((e) => e.file === C)?.sha256).toBe(originalC);
    expect(criterion(u1, '1.1.1').evidence).not.toContain(LATE);
    const late = findingsOf(u1, 'late-submission');
    expect(late.map((f) => f.file).sort()).toEqual([LATE, C].sort());
    expect(late.every((f) => /nộp sau thời hạn Lần 1 \(23:59 ngày 20\/12\/2021\).*không được tính/u.test(f.reason))).toBe(true);
    expect(round1.units[0]!.late.map((c) => [c.path, c.change])).toEqual(expect.arrayContaining([[C, 'changed'], [LATE, 'added']]));

    // Later runs never rewrite the snapshot.
    const before = await stat(snapshotFile);
    await run('2021-12-22T01:30');
    expect((await readFile(snapshotFile)).equals(bytes)).toBe(true);
    expect((await stat(snapshotFile)).mtimeMs).toBe(before.mtimeMs);

    // 27/12, round 2 open: A (asked for) and a file for 1.4.1 (not asked for) come in.
    await put(path.join(spare, path.basename(A)), A);
    await put(path.join(batch, `${EV}/1.4.2/Báo cáo 195-BC-STP.pdf`), OUTSIDE);
    const r2 = await run('2021-12-27T09:00');
    const lateNow = stp(r2.result).findings.concat(stp(r2.result).criteria.flatMap((c) => c.findings)).filter((f) => f.rule === 'late-submission');
    expect(lateNow.map((f) => f.file)).toContain(A);
    const changes = JSON.parse(await readFile(path.join(out, 'changes.json'), 'utf8')) as BatchChanges;
    const unitChange = changes.units.find((u) => u.unit === 'STP')!;
    expect(unitChange.evidenceRounds?.[A]).toBe('Lần 2');

    // 01/01, after round 2: its snapshot is taken; A counts (1.2 was asked for), the 1.4.1 file does not.
    const r3 = await run('2022-01-01T08:00');
    expect(existsSync(path.join(out, 'snapshots/lan-2.json'))).toBe(true);
    const [first, second] = r3.result.rounds!;
    expect(first!.results?.find((u) => u.code === 'STP')).toBeDefined();
    const outcome = second!.units.find((u) => u.code === 'STP')!;
    expect(outcome.requested).toContain('1.2');
    expect(outcome.requested).not.toContain('1.4.1');
    expect(outcome.applied.map((c) => c.path)).toEqual([A]);
    // Not counted: the file for 1.4.1 (not asked for), and what came in on 21/12 while the folder was locked.
    expect(outcome.outOfScope.map((c) => c.path).sort()).toEqual([LATE, OUTSIDE, C].sort());
    const u3 = stp(r3.result);
    expect(criterion(u3, '1.2').evidence).toEqual([A]);
    expect(criterion(u3, '1.2').findings).toEqual([]);
    expect(criterion(u3, '1.2').review).toBe(false);
    expect(criterion(u3, '1.4.1').evidence).not.toContain(OUTSIDE);
    const reasons = new Map(findingsOf(u3, 'out-of-scope-change').map((f) => [f.file, f.reason]));
    expect(reasons.get(OUTSIDE)).toMatch(/Kế hoạch bổ sung\.pdf \(thêm mới\) ngoài phạm vi Lần 2.*tiêu chí 1\.4\.1; không được tính/u);
    expect(reasons.get(C)).toMatch(/\(thay nội dung\) ngoài thời gian Lần 2 \(từ ngày 26\/12\/2021 đến 23:59 ngày 31\/12\/2021\); không được tính/u);
    expect(u3.evidence.find((e) => e.file === C)?.sha256).toBe(originalC);
    // The decision uses the final round: one criterion fewer waits for the council.
    expect(u3.pendingReview).toBe(stp(r1.result).pendingReview - 1);
    expect(existsSync(path.join(out, 'bien-ban/bien-ban-tham-dinh-STP-lan-2.docx'))).toBe(true);
    // The round-2 minutes give each left-out change its own reason: made while uploads were locked
    // (C, 21/12) is a matter of when, not of scope; the 1.4.1 file is out of scope.
    expect(outcome.outOfScope.map((c) => [c.path, c.outside]).sort()).toEqual([[C, 'window'], [LATE, 'window'], [OUTSIDE, 'scope']].sort());
    const minutes = docxParagraphs(await readFile(path.join(out, 'bien-ban/bien-ban-tham-dinh-STP-lan-2.docx'))).map((p) => p.text).join('\n');
    expect(minutes).toContain(`Tệp "${path.posix.basename(C)}" (tiêu chí 1.5) thay nội dung trước khi Lần 2 mở (từ ngày 26/12/2021 đến 23:59 ngày 31/12/2021), khi chưa được nộp bổ sung: không được tính.`);
    expect(minutes).toMatch(/Tệp "Kế hoạch bổ sung\.pdf" \(tiêu chí 1\.4\.1\) nộp mới ngoài phạm vi Lần 2: không được tính\./u);
  }, 240_000);
});

describe('the last progress line and the summary after a deadline', () => {
  it('count the same unreadable files: those submitted late are read, listed as late, and said apart, never counted', async () => {
    const { batch, out, run } = await setup();
    await run('2021-12-15T10:00');
    // The morning after the deadline, three files that are not PDFs arrive: read, unreadable, and late.
    const junk = [1, 2, 3].map((n) => `${EV}/1.1.1/Hỏng ${n}.pdf`);
    for (const f of junk) await writeFile(path.join(batch, f), `không phải PDF ${f}`);
    const r = await run('2021-12-21T08:00');
    const late = findingsOf(stp(r.result), 'late-submission').map((f) => f.file);
    expect(late).toEqual(expect.arrayContaining(junk));
    const lines = (await readFile(path.join(out, 'cchc.log'), 'utf8')).split('\n').filter((l) => l.includes('Tiến độ:'));
    expect(lines[lines.length - 1]).toContain(`, ${r.summary.unreadableFiles} tệp không đọc được (không kể 3 tệp không đọc được nộp sau thời hạn hoặc ngoài phạm vi bổ sung, không được tính); xong`);
  }, 240_000);
});

describe('cchc snapshot <batch> --round N', () => {
  it('records a closed round once and prints its SHA-256; refuses a round whose deadline is still to come', async () => {
    const { batch, out } = await setup();
    const yamlFile = path.join(batch, 'batch.yaml');
    const yaml = parse(await readFile(yamlFile, 'utf8')) as Record<string, unknown>;
    yaml.rounds = [{ name: 'Lần 1', until: '2021-12-20T23:59' }, { name: 'Lần 2', from: '2099-12-26', until: '2099-12-31T23:59' }];
    await writeFile(yamlFile, stringify(yaml));
    const cache = ['--cache', inject('sharedCache')];

    const future = await runCli(['snapshot', batch, '--round', '2', '--out', out, ...cache]);
    expect(future.code).toBe(ExitCode.Usage);
    expect(future.stderr).toContain('Lần 2 chưa đến hạn (23:59 ngày 31/12/2099, giờ Việt Nam;');

    // The batch was just copied (fresh file times) and nothing saw it before the deadline: the
    // snapshot cannot rest on anything but the person's word, so it needs --accept-current.
    const unsaid = await runCli(['snapshot', batch, '--round', '1', '--out', out, ...cache]);
    expect(unsaid.code).toBe(ExitCode.RoundUnestablished);
    expect(unsaid.stderr).toContain('--accept-current');
    expect(existsSync(path.join(out, 'snapshots/lan-1.json'))).toBe(false);

    const first = await runCli(['snapshot', batch, '--round', '1', '--accept-current', '--out', out, ...cache]);
    expect(first.code).toBe(0);
    const bytes = await readFile(path.join(out, 'snapshots/lan-1.json'));
    expect(first.stdout).toContain(`SHA-256: ${sha256Hex(bytes)}`);
    const taken = JSON.parse(bytes.toString('utf8')) as Snapshot;
    const files = taken.units.flatMap((u) => u.files);
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files.map((f) => f.basis))).toEqual(new Set(['declared']));
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toContain('do người chạy xác nhận đó là hồ sơ tại thời hạn (--accept-current)');
    const again = await runCli(['snapshot', batch, '--round', '1', '--out', out, ...cache]);
    expect(again.stdout).toBe(first.stdout);
    expect(existsSync(path.join(out, 'results.json'))).toBe(false);

    // Deleted afterwards: never taken again from today's folder, even with --accept-current (exit 3).
    await rm(path.join(out, 'snapshots/lan-1.json'));
    const gone = await runCli(['snapshot', batch, '--round', '1', '--accept-current', '--out', out, ...cache]);
    expect(gone.code).toBe(ExitCode.BadBatch);
    expect(gone.stderr).toContain('Ảnh chụp hồ sơ Lần 1 (snapshots/lan-1.json) không còn trong thư mục kết quả');
    expect(gone.stderr).toContain('tệp snapshots/lan-1.json.sha256 ghi khi chụp vẫn còn: ảnh chụp này đã bị xóa');
    expect(existsSync(path.join(out, 'snapshots/lan-1.json'))).toBe(false);
  }, 120_000);
});

describe('a batch copied afresh after a deadline (cp -r, git clone), with no history and no carried snapshot', () => {
  it('freezes no empty snapshot: the run stops (exit 8) saying the round\'s content cannot be established and how to go on, writing nothing', async () => {
    const { batch, out, run } = await setup();
    const error = await run('2021-12-21T08:00').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(CchcError);
    expect((error as CchcError).exitCode).toBe(ExitCode.RoundUnestablished);
    const message = (error as CchcError).message;
    expect(message).toMatch(/^Không xác định được hồ sơ các đơn vị đã nộp đến thời hạn Lần 1 \(23:59 ngày 20\/12\/2021, giờ Việt Nam\)\./u);
    expect(message).toContain('mọi tệp trong thư mục đợt đều có thời gian sửa đổi sau thời hạn');
    expect(message).toContain('snapshot: { file: snapshots/lan-1.json, sha256:');
    expect(message).toContain('cp -a, rsync -a');
    expect(message).toContain(`cchc snapshot ${batch} --round 1 --accept-current`);
    for (const written of ['snapshots', 'results.json', '.history/first-seen.json']) expect(existsSync(path.join(out, written))).toBe(false);

    // Copied again keeping the files' times (cp -a): the snapshot rests on them, and says so.
    const before = new Date('2021-12-10T08:00:00+07:00');
    const touch = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) await touch(path.join(dir, e.name));
        else await utimes(path.join(dir, e.name), before, before);
      }
    };
    await touch(path.join(batch, 'units'));
    const r = await run('2021-12-21T08:00');
    expect(r.result.rounds?.[0]?.status).toBe('closed');
    const taken = JSON.parse(await readFile(path.join(out, 'snapshots/lan-1.json'), 'utf8')) as Snapshot;
    expect(taken.units[0]!.files.length).toBeGreaterThan(0);
    expect(new Set(taken.units[0]!.files.map((f) => f.basis))).toEqual(new Set(['mtime']));
    expect(stp(r.result).status).not.toBe('error');
  }, 240_000);
});
