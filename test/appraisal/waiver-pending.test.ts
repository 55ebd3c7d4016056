// Issue 12, item 8: "Không áp dụng" ticked without the explanation the framework asks for. The
// criterion stays in the maximum at 0 until the council accepts the waiver; the unit cannot move a
// band up on a bare tick (the held-out batch: 86,14 Tốt instead of 83,56 Khá).
import { describe, expect, it } from 'vitest';
import { appraiseUnit } from '../../pipeline/appraisal/appraise.js';
import type { Claim, CouncilDecision, UnitResult } from '../../pipeline/model.js';
import { claim, frameworkFrom, testBatch } from '../rules/support/factory.js';

const portal = { required: false };
const framework = frameworkFrom({
  id: 'mien-tru', name: 'Bộ chỉ số kiểm thử', province: 'Kiểm thử', level: 'so',
  scoring: {
    scale: 100,
    bands: [{ label: 'Xuất sắc', min: 90 }, { label: 'Tốt', min: 80 }, { label: 'Khá', min: 70 }, { label: 'Trung bình', min: 60 }, { label: 'Yếu', min: 0 }],
    bonusMax: 3, penaltyMax: 3,
  },
  rules: { 'not-applicable': { allowed: 'all', requireExplanation: true } },
  areas: [
    { code: '1', title: 'Chỉ đạo, điều hành', criteria: [
      { code: '1.1', title: 'Kế hoạch', max: 40, evidence: portal },
      { code: '1.2', title: 'Đơn vị sự nghiệp trực thuộc', max: 20, evidence: portal },
      { code: '1.3', title: 'Báo cáo', max: 40, evidence: portal },
    ] },
  ],
});

function appraise(waiver: Partial<Claim>, decisions: CouncilDecision[] = []): UnitResult {
  return appraiseUnit({
    unit: { code: 'A', name: 'Đơn vị A', group: 'so' }, batch: testBatch(), framework,
    claims: [claim('1.1', 34), claim('1.2', null, { notApplicable: true, ...waiver }), claim('1.3', 34)],
    evidence: [], survey: new Map(), adjustments: [], councilDecisions: decisions, findings: [],
  });
}

describe('"Không áp dụng" without the required explanation', () => {
  it('explained: 1.2 leaves the scale, 68 of 80 → index 85 (Tốt)', () => {
    const u = appraise({ explanation: 'Sở không có đơn vị sự nghiệp trực thuộc.' });
    expect(u).toMatchObject({ maxApplicable: 80, appraisedTotal: 68, index: 85, rating: 'Tốt', pendingReview: 0 });
  });

  it('not explained: 1.2 stays in the maximum at 0, 68 of 100 → index 68 (Trung bình), pending the council', () => {
    const u = appraise({ explanation: '' });
    expect(u).toMatchObject({ maxApplicable: 100, appraisedTotal: 68, index: 68, rating: 'Trung bình', pendingReview: 1 });
    const c = u.criteria.find((x) => x.code === '1.2')!;
    expect(c).toMatchObject({ notApplicable: false, appraised: 0, review: true });
    expect(c.findings[0]?.reason).toBe('Đơn vị đánh dấu "Không áp dụng" đối với tiêu chí 1.2 nhưng không giải trình lý do; tiêu chí vẫn được tính vào tổng điểm tối đa và tạm tính 0 điểm cho đến khi Hội đồng thẩm định chấp nhận việc không áp dụng (ghi "KAD" ở cột Điểm Hội đồng).');
  });

  it('the council accepts the waiver (KAD): 1.2 leaves the scale → index 85', () => {
    const u = appraise({ explanation: '' }, [{ unit: 'A', criterion: '1.2', score: 0, note: 'Chấp nhận', notApplicable: true }]);
    expect(u).toMatchObject({ maxApplicable: 80, index: 85, pendingReview: 0 });
  });
});
