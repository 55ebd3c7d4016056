// The sample batch's calendar (Lào Cai 2021 §4 in Hưng Yên's dates): units upload until 23:59 on
// 15/12/2021 (Lần 1), the council meets on 20/12, the folder reopens 22–28/12 for what the round-1
// minutes asked (Lần 2), the council meets again on 30/12. The batch carries both snapshots, as a
// secretariat keeps them with the batch, so a fresh checkout (no first-seen history) shows both rounds.
//
// Sở Tư pháp (STP) had no evidence and no explanation for 1.2 at the round-1 deadline (the round-1
// minutes ask for it); in round 2 it uploads the report for 1.2 and explains it (in scope), and also
// raises its own score on 2.3.2, which nobody asked about (out of scope: not counted). The folder as
// generated is the state after round 2; the round-1 report lives only in the round-1 snapshot.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { discoverEvidence } from '../../pipeline/batch/discover-evidence.js';
import { loadBatch } from '../../pipeline/batch/load-batch.js';
import { readReport } from '../../pipeline/batch/read-report.js';
import { describeLocalTime, vietnamInstant } from '../../pipeline/rounds/calendar.js';
import { SNAPSHOT_FORMAT, serialiseSnapshot, type Snapshot, type SnapshotUnit } from '../../pipeline/rounds/snapshot.js';
import type { Framework } from '../../pipeline/model.js';
import { normaliseZip } from '../../pipeline/util/zip.js';

export const ROUND_1 = { name: 'Lần 1', until: '2021-12-15T23:59' };
export const ROUND_2 = { name: 'Lần 2', from: '2021-12-22', until: '2021-12-28T23:59', meetingDate: '2021-12-30' };

/** When the nightly runs first saw things (08:30 Vietnam time). */
const SEEN = {
  history: '2021-12-01T01:30:00.000Z',
  round1: '2021-12-10T01:30:00.000Z',
  round2: '2021-12-24T01:30:00.000Z',
  taken1: '2021-12-16T01:30:00.000Z',
  taken2: '2021-12-29T01:30:00.000Z',
};

const SUPPLEMENTED = { unit: 'STP', criterion: '1.2' };
const OUT_OF_SCOPE = { unit: 'STP', criterion: '2.3.2' };

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Edit rows of a report workbook by criterion code; returns normalised bytes. */
async function editReport(bytes: Uint8Array, edit: (row: ExcelJS.Row, code: string) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  wb.worksheets[0]!.eachRow((row) => edit(row, String(row.getCell(2).value ?? '')));
  return Buffer.from(normaliseZip(new Uint8Array(await wb.xlsx.writeBuffer())));
}

/**
 * Write STP's round-2 report over the generated one, build both snapshots from the folder, write them
 * to `snapshots/`, and return the `rounds:` block for batch.yaml with their SHA-256.
 */
export async function writeRounds(out: string, framework: Framework): Promise<string> {
  const reportFile = path.join(out, 'units', SUPPLEMENTED.unit, 'report.xlsx');
  const generated = await readFile(reportFile);
  // Round 1: 1.2 had neither evidence nor explanation.
  const round1Report = await editReport(generated, (row, code) => {
    if (code === SUPPLEMENTED.criterion) {
      row.getCell(7).value = null;
      row.getCell(8).value = null;
    }
  });
  // Round 2: 1.2 as generated (file and explanation), and a self score raised on 2.3.2 unasked.
  const crit = framework.areas.flatMap((a) => a.criteria.flatMap((c) => [c, ...c.children])).find((c) => c.code === OUT_OF_SCOPE.criterion)!;
  const round2Report = await editReport(generated, (row, code) => {
    if (code === OUT_OF_SCOPE.criterion) row.getCell(5).value = crit.max;
  });
  await writeFile(reportFile, round2Report);

  const batch = await loadBatch(out);
  const snapshots: Record<1 | 2, SnapshotUnit[]> = { 1: [], 2: [] };
  const temp = path.join(out, '.round-1-report.xlsx');
  for (const unit of batch.units) {
    const rel = `units/${unit.code}/report.xlsx`;
    const file = path.join(out, rel);
    const exists = await stat(file).then(() => true, () => false);
    const files = (await discoverEvidence(batch, unit.code, framework)).files;
    for (const round of [1, 2] as const) {
      let report: SnapshotUnit['report'] = null;
      if (exists) {
        let bytes: Uint8Array = await readFile(file);
        let firstSeen = SEEN.round1;
        let read = file;
        if (unit.code === SUPPLEMENTED.unit) {
          if (round === 1) {
            bytes = round1Report;
            await writeFile(temp, bytes);
            read = temp;
          } else firstSeen = SEEN.round2;
        }
        const reading = await readReport(read, framework, unit.code, rel);
        report = {
          path: rel, size: bytes.length, sha256: sha256(bytes), firstSeen, basis: 'first-seen',
          claims: reading.report?.claims.map((c) => ({ ...c })) ?? null, findings: reading.findings,
        };
      }
      const listed: SnapshotUnit['files'] = [];
      for (const f of files) {
        const supplement = unit.code === SUPPLEMENTED.unit && f.criterion === SUPPLEMENTED.criterion;
        if (supplement && round === 1) continue;
        listed.push({
          path: f.relPath, criterion: f.criterion, size: f.size, sha256: sha256(await readFile(f.path)),
          firstSeen: supplement ? SEEN.round2 : SEEN.round1, basis: 'first-seen',
          // The content is in the batch folder itself: the run reads it there.
          reading: null,
        });
      }
      snapshots[round].push({ code: unit.code, report, files: listed });
    }
  }
  await rm(temp, { force: true });
  await mkdir(path.join(out, 'snapshots'), { recursive: true });
  const lines: string[] = ['rounds:'];
  for (const [round, spec, taken] of [[1, ROUND_1, SEEN.taken1], [2, ROUND_2, SEEN.taken2]] as const) {
    const until = vietnamInstant(spec.until, true)!.toISOString();
    const snapshot: Snapshot = {
      format: SNAPSHOT_FORMAT, province: batch.province, year: batch.year,
      round: { index: round, name: spec.name, until, untilText: describeLocalTime(spec.until) },
      takenAt: taken, historySince: SEEN.history, units: snapshots[round],
    };
    const bytes = serialiseSnapshot(snapshot);
    const rel = `snapshots/lan-${round}.json`;
    await writeFile(path.join(out, rel), bytes);
    const fields = Object.entries(spec).filter(([k]) => k !== 'name').map(([k, v]) => `    ${k}: ${v}`);
    if (round === 2) fields.push('    scope: requested');
    lines.push(`  - name: "${spec.name}"`, ...fields, `    snapshot: { file: ${rel}, sha256: ${sha256(Buffer.from(bytes))} }`);
  }
  return `${lines.join('\n')}\n`;
}

