// A file uploaded while the software was locked between rounds (Lào Cai 2021 §4.1: the folder
// reopens only for round 2's window), and the report row that lists it: what round 2 counts
// (round-plan.ts laterRoundInput) and what it says about the file; and why the other files a round
// leaves out (late ones) do not count, as the listed-evidence finding quotes it.
import { describe, expect, it } from 'vitest';
import type { Claim, Extraction } from '../../pipeline/model.js';
import type { Round } from '../../pipeline/rounds/calendar.js';
import { describeRounds } from '../../pipeline/rounds/describe-rounds.js';
import { firstRoundInput, laterRoundInput, uncountedFiles } from '../../pipeline/rounds/round-plan.js';
import type { SnapshotFile, SnapshotReport, SnapshotUnit } from '../../pipeline/rounds/snapshot.js';
import { reading } from '../rules/support/factory.js';

const ROUNDS: Round[] = [
  { index: 1, name: 'Lần 1', until: '2026-12-01T03:56:00.000Z', untilText: '10:55 ngày 01/12/2026', scope: null },
  {
    index: 2, name: 'Lần 2', from: '2026-12-01T03:57:00.000Z', fromText: '10:57 ngày 01/12/2026',
    until: '2026-12-01T04:01:00.000Z', untilText: '11:00 ngày 01/12/2026', scope: 'requested',
  },
];
const [LAN1, LAN2] = ROUNDS as [Round, Round];

const EV = 'units/SXD/evidence';
const PLAN = `${EV}/1.1.1/ke-hoach-cai-cach-hanh-chinh-nam-2021.pdf`;
const LOCKED = `${EV}/1.1.1/KH 29-KH-SXD.pdf`; // uploaded at 10:56, between the rounds
const CHECK = `${EV}/1.3.1/KH 60-KH-SXD.pdf`; // uploaded at 10:58, in round 2

const file = (path: string, criterion: string, firstSeen: string, r: Extraction): SnapshotFile => ({
  path, criterion, size: 1000, sha256: r.sha256, firstSeen, basis: 'first-seen', reading: r,
});
const row = (criterion: string, evidenceFiles: string[], over: Partial<Claim> = {}): Claim => ({
  criterion, self: 1, notApplicable: false, evidenceFiles, explanation: '', row: criterion === '1.1.1' ? 5 : 9, ...over,
});
const report = (sha256: string, firstSeen: string, claims: Claim[]): SnapshotReport => ({
  path: 'units/SXD/report.xlsx', size: 5000, sha256, firstSeen, basis: 'first-seen', claims, findings: [],
});

const planFile = file(PLAN, '1.1.1', '2026-12-01T03:00:00.000Z', reading('30a/KH-SXD', '2021-01-04'));
const before: SnapshotUnit = {
  code: 'SXD',
  report: report('r1', '2026-12-01T03:00:00.000Z', [row('1.1.1', [nameOf(PLAN)]), row('1.3.1', [])]),
  files: [planFile],
};
const after: SnapshotUnit = {
  code: 'SXD',
  // The report's last version was first seen in round 2; its 1.1.1 row now lists only the locked-gap file.
  report: report('r2', '2026-12-01T03:58:30.000Z', [
    row('1.1.1', [nameOf(LOCKED)]),
    row('1.3.1', [nameOf(CHECK)], { explanation: 'Kế hoạch số 60/KH-SXD ngày 10/02/2021, Mục II' }),
  ]),
  files: [
    planFile,
    file(LOCKED, '1.1.1', '2026-12-01T03:56:17.000Z', reading('29/KH-SXD', '2021-01-05')),
    file(CHECK, '1.3.1', '2026-12-01T03:58:00.000Z', reading('60/KH-SXD', '2021-02-10')),
  ],
};

function nameOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

describe('round 2 after an upload while the software was locked', () => {
  const first = firstRoundInput('/batch', before, undefined, LAN1);
  const second = laterRoundInput('/batch', first, before, after, undefined, LAN2, ROUNDS, new Set(['1.1.1', '1.3.1']));

  it('leaves the locked-gap file out for when it came, and says why it is in the folder yet not counted', () => {
    expect(second.outOfScope.map((c) => [c.path, c.outside])).toEqual([[LOCKED, 'window']]);
    expect(second.evidence.map((e) => e.file.relPath)).toEqual([PLAN, CHECK]);
    expect(second.uncounted).toEqual([{
      path: LOCKED, criterion: '1.1.1',
      why: 'không được tính trong Lần 2 vì nộp trước khi Lần 2 mở (từ 10:57 ngày 01/12/2026 đến 11:00 ngày 01/12/2026), khi chưa được nộp bổ sung',
    }]);
  });

  it('takes the 1.1.1 row that only lists that file, but counts it as no supplement; 1.3.1\'s file and explanation are', () => {
    expect(second.claims?.find((c) => c.criterion === '1.1.1')?.evidenceFiles).toEqual([nameOf(LOCKED)]);
    expect(second.applied.map((c) => [c.criterion, c.change])).toEqual([['1.3.1', 'added'], ['1.3.1', 'report-row']]);
  });

  it('counts a row that lists the same file along with a changed self-score as a supplement', () => {
    const raised: SnapshotUnit = { ...after, report: { ...after.report!, claims: [row('1.1.1', [nameOf(LOCKED)], { self: 0.5 }), ...after.report!.claims!.slice(1)] } };
    const input = laterRoundInput('/batch', first, before, raised, undefined, LAN2, ROUNDS, new Set(['1.1.1', '1.3.1']));
    expect(input.applied.map((c) => [c.criterion, c.change])).toContainEqual(['1.1.1', 'report-row']);
  });

  it('is named in the run summary as uploaded while the software was locked, apart from what is out of scope', () => {
    const unit = { code: 'SXD', appraisedTotal: 73, index: 73, rating: 'Khá', rank: 1, requested: ['1.1.1', '1.3.1'], late: [] };
    const lines = describeRounds([{
      index: 2, name: 'Lần 2', until: LAN2.until, untilText: LAN2.untilText, scope: 'requested', status: 'closed',
      units: [{ ...unit, applied: second.applied, outOfScope: [...second.outOfScope, { path: 'units/SXD/report.xlsx', criterion: '1.2', change: 'report-row', firstSeen: null, round: 'Lần 2', outside: 'scope' }] }],
    }]);
    expect(lines.slice(2)).toEqual([
      '      SXD        2 nội dung bổ sung được tính; 1 thay đổi ngoài phạm vi (không tính); 1 thay đổi nộp lúc phần mềm khóa giữa hai vòng (không tính)',
      `        nộp lúc phần mềm khóa: ${LOCKED}`,
      '        ngoài phạm vi: báo cáo, tiêu chí 1.2',
    ]);
  });
});

describe('files in the folder that the last closed round does not count, for the listed-evidence finding', () => {
  const first = firstRoundInput('/batch', before, undefined, LAN1);
  const late = (round: string | null) => ({ path: LOCKED, criterion: '1.1.1', change: 'added' as const, firstSeen: '2026-12-01T03:58:00.000Z', round });

  it('a file uploaded after the deadline: not counted, said so with the deadline', () => {
    expect(uncountedFiles({ ...first, late: [late(null)] }, LAN1)).toEqual([
      { path: LOCKED, criterion: '1.1.1', why: 'không được tính vì nộp sau thời hạn Lần 1 (10:55 ngày 01/12/2026)' },
    ]);
  });

  it('a file uploaded in the next round, still open: not yet counted, and when it will be', () => {
    expect(uncountedFiles({ ...first, late: [late('Lần 2')] }, LAN1)[0]?.why)
      .toBe('chưa được tính vì nộp trong Lần 2, sau thời hạn Lần 1 (10:55 ngày 01/12/2026); sẽ được xét khi Lần 2 kết thúc');
  });

  it('a file replaced after the deadline is still counted on its content at the deadline: nothing to say', () => {
    expect(uncountedFiles({ ...first, late: [{ ...late(null), path: PLAN, change: 'changed' }] }, LAN1)).toEqual([]);
  });
});
