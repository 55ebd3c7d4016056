import { describe, expect, it } from 'vitest';
import type { BatchResult, Extraction, Finding, UnitResult } from '../../pipeline/model.js';
import { compareResults, describeChanges } from '../../pipeline/run/changes.js';

function unit(code: string, over: Partial<UnitResult> = {}): UnitResult {
  return {
    code, name: `Đơn vị ${code}`, group: 'so', framework: 'f', status: 'ok',
    selfTotal: 10, appraisedTotal: 9, bonus: 0, penalty: 0, surveyPoints: 0, maxApplicable: 10, index: 90,
    rating: 'Xuất sắc', rank: 1, tieBreakPoints: 0, pendingReview: 0, areas: [], findings: [], evidence: [],
    criteria: [{
      code: '1.1', title: 'Kế hoạch', area: '1', depth: 0, leaf: true, max: 1, survey: false, notApplicable: false,
      self: 1, proposed: 1, appraised: 1, review: false, evidence: [], explanation: '', findings: [],
    }],
    ...over,
  };
}

const batch = (units: UnitResult[]): BatchResult => ({
  province: 'Hưng Yên', year: 2021, dataWindow: { from: '2020-12-01', to: '2021-11-30' }, cutoff: '2021-11-30',
  groups: [], units, findings: [],
});

const evidence = (file: string, sha256: string) => ({ file, sha256 }) as Extraction;
const suffixed: Finding = { rule: 'suffixed-number', effect: 'zero', reason: 'Số 30a/KH-SXD', unit: 'SXD', criterion: '1.1', file: 'a.pdf' };

describe('compareResults', () => {
  it('says nothing about a first run', () => {
    expect(compareResults(null, batch([unit('STP')]))).toEqual({ hasPrevious: false, unitsRemoved: [], units: [] });
  });

  it('lists no unit when nothing changed', () => {
    const b = batch([unit('STP')]);
    const changes = compareResults(b, structuredClone(b));
    expect(changes.units).toEqual([]);
    expect(describeChanges(changes)).toEqual(['  Thay đổi so với lần chạy trước: không có']);
  });

  it('finds new and resolved findings, changed scores and total', () => {
    const before = unit('SXD', { criteria: [{ ...unit('SXD').criteria[0]!, findings: [suffixed], appraised: 0 }], appraisedTotal: 8 });
    const after = unit('SXD', {
      criteria: [{ ...unit('SXD').criteria[0]!, findings: [{ ...suffixed, rule: 'no-evidence', reason: 'Không có tài liệu' }], appraised: 1 }],
    });
    const [change] = compareResults(batch([before]), batch([after])).units;
    expect(change?.newFindings).toEqual([{ rule: 'no-evidence', criterion: '1.1', file: 'a.pdf', reason: 'Không có tài liệu' }]);
    expect(change?.resolvedFindings).toEqual([{ rule: 'suffixed-number', criterion: '1.1', file: 'a.pdf', reason: 'Số 30a/KH-SXD' }]);
    expect(change?.scoreChanges).toEqual([{ criterion: '1.1', before: 0, after: 1 }]);
    expect(change).toMatchObject({ totalBefore: 8, totalAfter: 9 });
  });

  it('finds evidence added, changed and removed by content hash', () => {
    const before = unit('STP', { evidence: [evidence('a.pdf', '1'), evidence('b.pdf', '2')] });
    const after = unit('STP', { evidence: [evidence('a.pdf', '1'), evidence('b.pdf', '3'), evidence('c.pdf', '4')] });
    const [change] = compareResults(batch([before, unit('SYT')]), batch([after])).units;
    expect(change).toMatchObject({ evidenceAdded: ['c.pdf'], evidenceChanged: ['b.pdf'], evidenceRemoved: [] });
    expect(compareResults(batch([before, unit('SYT')]), batch([after])).unitsRemoved).toEqual(['SYT']);
  });

  it('with a calendar, adds the folder\'s own changes to the appraised ones (a file after the last deadline is still added)', () => {
    const before = unit('STP', { evidence: [evidence('a.pdf', '1')] });
    const after = unit('STP', { evidence: [evidence('a.pdf', '1')] });
    const rounds = {
      round: 'Lần 1', roundOfFile: () => null,
      folderChanges: (code: string) => (code === 'STP' ? { added: ['late.pdf'], changed: ['a.pdf'], removed: ['gone.pdf'] } : { added: [], changed: [], removed: [] }),
    };
    const [change] = compareResults(batch([before]), batch([after]), rounds).units;
    expect(change).toMatchObject({ evidenceAdded: ['late.pdf'], evidenceChanged: ['a.pdf'], evidenceRemoved: ['gone.pdf'], round: 'Lần 1' });
    expect(change?.evidenceRounds).toEqual({ 'late.pdf': null, 'a.pdf': null, 'gone.pdf': null });
    expect(compareResults(batch([before]), batch([after]), { round: 'Lần 1', roundOfFile: () => null }).units).toEqual([]);
  });

  it('a unit appraised before that cannot be now (its report unreadable): its earlier findings are not "resolved" nor its scores "changed"', () => {
    const before = unit('SXD', { criteria: [{ ...unit('SXD').criteria[0]!, findings: [suffixed], appraised: 0 }], appraisedTotal: 8, rank: 2 });
    const unreadable: Finding = { rule: 'report-format', effect: 'info', reason: 'Báo cáo tự đánh giá units/SXD/report.xlsx không đọc được', unit: 'SXD' };
    const after = unit('SXD', {
      status: 'error', rank: null, rating: 'Chưa thẩm định', findings: [unreadable],
      criteria: [{ ...unit('SXD').criteria[0]!, appraised: 0.5 }],
    });
    const changes = compareResults(batch([before]), batch([after]));
    expect(changes.units[0]).toMatchObject({ notAppraised: true, resolvedFindings: [], scoreChanges: [], totalBefore: 8, totalAfter: null });
    expect(changes.units[0]?.newFindings.map((f) => f.rule)).toEqual(['report-format']);
    expect(describeChanges(changes)[1]).toContain('không thẩm định được lần này');
    expect(describeChanges(changes)[1]).not.toContain('đã khắc phục');
    // Appraised again the run after: no such mark.
    expect(compareResults(batch([after]), batch([before])).units[0]?.notAppraised).toBeUndefined();
  });

  it('marks a unit that is new in this run', () => {
    const [change] = compareResults(batch([]), batch([unit('SCT')])).units;
    expect(change?.added).toBe(true);
    expect(describeChanges(compareResults(batch([]), batch([unit('SCT')])))[1]).toContain('đơn vị mới');
  });
});
