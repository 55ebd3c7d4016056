// A self total above what the unit's criteria can give (1000 typed for a 2-point criterion) is
// printed as the unit declared it, and said at the total: the appraisal counts each criterion at
// its maximum (over-maximum), so the two totals cannot be compared without the note.
import { describe, expect, it } from 'vitest';
import { appraiseUnit } from '../../pipeline/appraisal/appraise.js';
import { claim, frameworkFrom, testBatch } from '../rules/support/factory.js';

const portal = { required: false };
const framework = frameworkFrom({
  id: 'tong-tu-cham', name: 'Bộ chỉ số kiểm thử', province: 'Kiểm thử', level: 'so',
  scoring: { scale: 100, bands: [{ label: 'Tốt', min: 80 }, { label: 'Yếu', min: 0 }], bonusMax: 3, penaltyMax: 3 },
  areas: [{ code: '1', title: 'Chỉ đạo, điều hành', criteria: [
    { code: '1.1', title: 'Kế hoạch', max: 60, evidence: portal },
    { code: '1.2', title: 'Báo cáo', max: 40, evidence: portal },
  ] }],
});
const appraise = (self11: number) => appraiseUnit({
  unit: { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', group: 'so' }, batch: testBatch(), framework,
  claims: [claim('1.1', self11), claim('1.2', 30)], evidence: [], survey: new Map(), adjustments: [], councilDecisions: [], findings: [],
});

describe('a self total above the framework\'s maximum', () => {
  it('1000 typed for a 60-point criterion: the total is 1030 as declared, with one finding naming the criterion', () => {
    const u = appraise(1000);
    expect(u).toMatchObject({ selfTotal: 1030, appraisedTotal: 90 });
    expect(u.findings.filter((f) => f.rule === 'over-maximum').map((f) => f.reason)).toEqual([
      'Tổng điểm tự đánh giá 1030 vượt tổng điểm tối đa 100 của các tiêu chí đơn vị tự chấm, do tự chấm vượt điểm tối đa (1.1: 1000/60); tổng tự đánh giá được ghi như đơn vị kê khai, điểm thẩm định mỗi tiêu chí chỉ tính đến điểm tối đa.',
    ]);
  });

  it('a self total within the maximum: nothing said at the total', () => {
    expect(appraise(60).findings.filter((f) => f.rule === 'over-maximum')).toEqual([]);
  });
});
