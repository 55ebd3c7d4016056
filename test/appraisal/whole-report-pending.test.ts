// A finding about the unit's whole report (the report is another unit's: read-report.ts) puts every
// criterion the unit scores before the council; the survey criteria, scored by the province, do not wait.
import { describe, expect, it } from 'vitest';
import { appraiseUnit } from '../../pipeline/appraisal/appraise.js';
import type { Finding } from '../../pipeline/model.js';
import { claim, frameworkFrom, testBatch } from '../rules/support/factory.js';

const portal = { required: false };
const framework = frameworkFrom({
  id: 'ca-bao-cao', name: 'Bộ chỉ số kiểm thử', province: 'Kiểm thử', level: 'so',
  scoring: { scale: 100, bands: [{ label: 'Tốt', min: 80 }, { label: 'Yếu', min: 0 }], bonusMax: 3, penaltyMax: 3 },
  areas: [
    { code: '1', title: 'Chỉ đạo, điều hành', criteria: [
      { code: '1.1', title: 'Kế hoạch', max: 40, evidence: portal },
      { code: '1.2', title: 'Báo cáo', max: 40, evidence: portal },
      { code: '1.3', title: 'Điều tra xã hội học', max: 20, survey: true },
    ] },
  ],
});

function appraise(findings: Finding[]) {
  return appraiseUnit({
    unit: { code: 'SCT', name: 'Sở Công Thương', group: 'so' }, batch: testBatch(), framework,
    claims: [claim('1.1', 34), claim('1.2', 30)],
    evidence: [], survey: new Map([['1.3', 15]]), adjustments: [], councilDecisions: [], findings,
  });
}

describe('a review finding about all of the unit\'s criteria', () => {
  const foreign: Finding = { rule: 'report-format', effect: 'review', unit: 'SCT', allCriteria: true, reason: 'Báo cáo units/SCT/report.xlsx ghi "Đơn vị: Sở Thông tin và Truyền thông (mã STTTT)"…' };

  it('every scored criterion waits for the council; the survey criterion does not; the scores are as proposed meanwhile', () => {
    const u = appraise([foreign]);
    expect(u.criteria.filter((c) => c.leaf).map((c) => [c.code, c.review])).toEqual([['1.1', true], ['1.2', true], ['1.3', false]]);
    expect(u.pendingReview).toBe(2);
    expect(u.appraisedTotal).toBe(appraise([]).appraisedTotal);
  });

  it('the same finding without allCriteria, or as info, keeps the criteria as they were', () => {
    const { allCriteria: _all, ...unitOnly } = foreign;
    expect(appraise([unitOnly]).pendingReview).toBe(0);
    expect(appraise([{ ...foreign, effect: 'info' }]).pendingReview).toBe(0);
  });
});
