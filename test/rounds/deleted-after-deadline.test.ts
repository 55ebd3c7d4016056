// A file that was there at a round's deadline and is deleted afterwards: the round is appraised on
// the content it had at the deadline (README "Lịch thẩm định": "tệp bị xóa sau thời hạn cũng được nêu,
// và vẫn thẩm định theo nội dung tại thời hạn"). The sample batch carries its snapshots without
// readings, so the reading comes from the first-seen history or, failing that, the evidence cache.
import { copyFile, cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { SHEETS } from '../../pipeline/documents/workbook.js';
import { parse, stringify } from 'yaml';
import type { BatchResult, Finding, UnitResult } from '../../pipeline/model.js';
import { firstRoundInput, type CurrentUnit } from '../../pipeline/rounds/round-plan.js';
import type { SnapshotFile, SnapshotUnit } from '../../pipeline/rounds/snapshot.js';
import type { Round } from '../../pipeline/rounds/calendar.js';
import type { BatchChanges } from '../../pipeline/run/changes.js';
import { runBatch } from '../../pipeline/run/run-batch.js';
import { createRunLog } from '../../pipeline/run/run-log.js';
import { tempDir } from '../helpers/temp.js';

const FOLDER = 'units/SCT/evidence/1.2';
const FILE = `${FOLDER}/bao-cao-cong-tac-cai-cach-hanh-chinh-6-thang-dau-nam-2021.pdf`;
const ADDED = 'units/SCT/evidence/3.1.2/bo-sung-sau-han.pdf';

/** The sample batch with only SCT (its carried snapshots list FILE at both deadlines). */
async function sctBatch(): Promise<{ dir: string; batch: string }> {
  const dir = await tempDir();
  const batch = path.join(dir, 'batch');
  await cp('fixtures/sample-batch', batch, { recursive: true, preserveTimestamps: true });
  for (const unit of await readdir(path.join(batch, 'units'))) if (unit !== 'SCT') await rm(path.join(batch, 'units', unit), { recursive: true });
  const yaml = parse(await readFile(path.join(batch, 'batch.yaml'), 'utf8')) as { units: Array<{ code: string }> };
  yaml.units = yaml.units.filter((u) => u.code === 'SCT');
  await writeFile(path.join(batch, 'batch.yaml'), stringify(yaml));
  return { dir, batch };
}

const run = (batch: string, out: string, cacheDir: string) => runBatch(batch, { out, cacheDir, log: createRunLog(out, null) });
const sct = (r: BatchResult): UnitResult => r.units.find((u) => u.code === 'SCT')!;
const findings = (u: UnitResult): Finding[] => [...u.findings, ...u.criteria.flatMap((c) => c.findings)];

function expectAppraisedAtDeadline(u: UnitResult): void {
  const all = findings(u);
  const late = all.filter((f) => f.rule === 'late-submission' && f.file === FILE);
  expect(late).toHaveLength(1);
  expect(late[0]!.reason).toMatch(/bị xóa khỏi hồ sơ sau thời hạn Lần 2.*vẫn thẩm định theo nội dung đã có tại thời hạn/u);
  expect(all.filter((f) => f.rule === 'unreadable-evidence')).toEqual([]);
  expect(all.filter((f) => f.rule === 'explanation-citation')).toEqual([]);
  expect(u.criteria.find((c) => c.code === '1.2')!.evidence).toEqual([FILE]);
}

describe('evidence deleted after the last deadline', () => {
  it('is appraised on its reading kept in the first-seen history', async () => {
    const { dir, batch } = await sctBatch();
    const out = path.join(dir, 'out');
    const before = sct((await run(batch, out, inject('sharedCache'))).result);
    await rename(path.join(batch, FOLDER), path.join(dir, 'elsewhere'));
    // And a file added after the last deadline, under another criterion.
    await copyFile(path.join(dir, 'elsewhere', path.posix.basename(FILE)), path.join(batch, ADDED));
    const after = sct((await run(batch, out, inject('sharedCache'))).result);
    expectAppraisedAtDeadline(after);
    expect(after.appraisedTotal).toBe(before.appraisedTotal);

    // changes.json says what happened to the folder, outside any round, though neither change counts.
    const changes = JSON.parse(await readFile(path.join(out, 'changes.json'), 'utf8')) as BatchChanges;
    const unit = changes.units.find((u) => u.unit === 'SCT')!;
    expect(unit).toMatchObject({ evidenceAdded: [ADDED], evidenceChanged: [], evidenceRemoved: [FILE], round: 'Lần 2' });
    expect(unit.evidenceRounds?.[ADDED]).toBeNull();
    // The removal too happened after the last deadline: the workbook says so, not Lần 2.
    expect(unit.evidenceRounds?.[FILE]).toBeNull();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(out, 'ket-qua-tham-dinh.xlsx'));
    const sheet = book.getWorksheet(SHEETS.changes)!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const removal = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1))
      .find((r) => r[header.indexOf('Thay đổi')] === 'Tài liệu xóa' && r[header.indexOf('Tệp')] === FILE)!;
    expect(removal[header.indexOf('Vòng')]).toBe('Sau thời hạn');
  });

  it('is appraised on the evidence cache\'s reading of that SHA-256 when the history never saw it', async () => {
    const { dir, batch } = await sctBatch();
    const cacheDir = inject('sharedCache');
    await run(batch, path.join(dir, 'first-out'), cacheDir); // the cache has read the file
    await rename(path.join(batch, FOLDER), path.join(dir, 'elsewhere'));
    const fresh = sct((await run(batch, path.join(dir, 'new-out'), cacheDir)).result);
    expectAppraisedAtDeadline(fresh);
  });
});

describe('the whole evidence folder removed after the last deadline', () => {
  it('is appraised on the deadline\'s files: no "the unit filed no evidence" finding, the total unchanged', async () => {
    const { dir, batch } = await sctBatch();
    const out = path.join(dir, 'out');
    const before = sct((await run(batch, out, inject('sharedCache'))).result);
    await rename(path.join(batch, 'units/SCT/evidence'), path.join(dir, 'elsewhere'));
    const after = sct((await run(batch, out, inject('sharedCache'))).result);
    expect(after.findings.filter((f) => f.rule === 'evidence-layout')).toEqual([]);
    expect(after.appraisedTotal).toBe(before.appraisedTotal);
  });
});

describe('a snapshot content whose reading is nowhere', () => {
  const round: Round = { index: 1, name: 'Lần 1', until: '2021-12-15T16:59:00.000Z', untilText: '23:59 ngày 15/12/2021', scope: 'all' } as Round;
  const file: SnapshotFile = {
    path: FILE, criterion: '1.2', size: 10, sha256: 'a'.repeat(64), firstSeen: '2021-12-10T00:00:00.000Z', basis: 'first-seen', reading: null,
  };
  const snapshot: SnapshotUnit = { code: 'SCT', report: null, files: [file] };
  const unit = (evidence: CurrentUnit['evidence']): CurrentUnit => ({ code: 'SCT', report: null, claims: null, reportFindings: [], evidence });
  const errorOf = (current: CurrentUnit) => firstRoundInput('/batch', snapshot, current, round).evidence[0]!.extraction;

  it('says the file was deleted when it is gone, replaced when another content is at its path', () => {
    expect(errorOf(unit([])).status).toBe('unreadable');
    expect(errorOf(unit([])).error).toMatch(/không còn để đọc lại: tệp đã bị xóa sau thời hạn/u);
    const other = firstRoundInput('/batch', { ...snapshot, files: [{ ...file, sha256: 'b'.repeat(64) }] }, unit([]), round).evidence[0]!;
    const replaced = unit([{ file: other.file, extraction: { ...other.extraction, status: 'ok', sha256: 'b'.repeat(64) }, sha256: 'b'.repeat(64), firstSeen: null }]);
    expect(errorOf(replaced).error).toMatch(/tệp đã bị thay nội dung sau thời hạn/u);
  });

  it('uses a kept reading of the same SHA-256 before calling it unreadable', () => {
    const kept = new Map([[file.sha256, { ...errorOf(unit([])), status: 'ok' as const, error: undefined, number: '117' }]]);
    const record = firstRoundInput('/batch', snapshot, unit([]), round, kept).evidence[0]!;
    expect(record.extraction.status).toBe('ok');
    expect(record.extraction.number).toBe('117');
    expect(record.extraction.file).toBe(FILE);
  });
});
