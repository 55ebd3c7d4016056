// Golden tests: totals, indices, ratings and ranks computed by hand (the arithmetic is in each
// case's comment) on a small 100-point framework: three content areas and a survey area.
import { describe, expect, it } from 'vitest';
import { appraiseUnit } from '../../pipeline/appraisal/appraise.js';
import { rankUnits } from '../../pipeline/appraisal/rank.js';
import type { Adjustment, Claim, CouncilDecision, Framework, Unit, UnitResult } from '../../pipeline/model.js';
import { claim, frameworkFrom, testBatch } from '../rules/support/factory.js';

const portal = { required: false };
const GOLDEN = {
  id: 'golden', name: 'Bộ chỉ số kiểm thử', province: 'Kiểm thử', level: 'so',
  scoring: {
    scale: 100,
    bands: [{ label: 'Xuất sắc', min: 90 }, { label: 'Tốt', min: 80 }, { label: 'Khá', min: 70 }, { label: 'Trung bình', min: 60 }, { label: 'Yếu', min: 0 }],
    downgrade: { areaBelow: 70, from: ['Xuất sắc', 'Tốt'] },
    bonusMax: 3, penaltyMax: 3,
  },
  rules: { 'not-applicable': { allowed: ['2.2'] } },
  areas: [
    { code: '1', title: 'Chỉ đạo, điều hành', criteria: [
      { code: '1.1', title: 'Kế hoạch', max: 5, evidence: portal },
      { code: '1.2', title: 'Báo cáo', max: 5, evidence: portal },
    ] },
    { code: '2', title: 'Thể chế', criteria: [
      { code: '2.1', title: 'Văn bản QPPL', max: 10, evidence: portal },
      { code: '2.2', title: 'Đơn vị sự nghiệp trực thuộc', max: 10, evidence: portal },
    ] },
    { code: '3', title: 'Hiện đại hóa', criteria: [
      { code: '3.1', title: 'Ứng dụng CNTT', max: 10, evidence: portal },
      { code: '3.2', title: 'Dịch vụ công trực tuyến, bưu chính công ích', max: 10, tieBreak: true, evidence: portal },
      { code: '3.3', title: 'ISO', max: 10, evidence: portal },
    ] },
    { code: '4', title: 'Hài lòng', kind: 'survey', criteria: [
      { code: '4.1', title: 'Tiếp cận dịch vụ', max: 20, survey: true },
      { code: '4.2', title: 'Kết quả', max: 20, survey: true },
    ] },
  ],
};
const golden: Framework = frameworkFrom(GOLDEN);

interface Scores { [code: string]: number | 'KAD' }

function appraise(code: string, scores: Scores, extra: { adjustments?: Adjustment[]; decisions?: CouncilDecision[]; group?: string; framework?: Framework } = {}): UnitResult {
  const unit: Unit = { code, name: `Đơn vị ${code}`, group: extra.group ?? 'so' };
  const claims: Claim[] = [];
  const survey = new Map<string, number>();
  for (const [criterion, value] of Object.entries(scores)) {
    if (criterion.startsWith('4.')) survey.set(criterion, value as number);
    else if (value === 'KAD') claims.push(claim(criterion, null, { notApplicable: true, explanation: 'Đơn vị không có đơn vị sự nghiệp trực thuộc.' }));
    else claims.push(claim(criterion, value));
  }
  return appraiseUnit({
    unit, batch: testBatch(), framework: extra.framework ?? golden, claims, evidence: [], survey,
    adjustments: (extra.adjustments ?? []).map((a) => ({ ...a, unit: code })),
    councilDecisions: (extra.decisions ?? []).map((d) => ({ ...d, unit: code })), findings: [],
  });
}

const area = (u: UnitResult, code: string) => u.areas.find((a) => a.code === code);

describe('rating bands and the downgrade rule (Hưng Yên art. 5.5)', () => {
  // Area 1: 5 + 1,99 = 6,99 of 10 = 69,9%. Area 2: 20 of 20. Area 3: 10 + 10 + 3,01 = 23,01 of 30 (76,7%).
  // Survey 20 + 20 = 40. Total 6,99 + 20 + 23,01 + 40 = 90 → Xuất sắc by the index, Tốt after the downgrade.
  const base: Scores = { '1.1': 5, '1.2': 1.99, '2.1': 10, '2.2': 10, '3.1': 10, '3.2': 10, '3.3': 3.01, '4.1': 20, '4.2': 20 };

  it('exactly 90 with an area at 69,9% → Tốt, and the minutes say why', () => {
    const u = appraise('A', base);
    expect(u.appraisedTotal).toBe(90);
    expect(u.index).toBe(90);
    expect(area(u, '1')).toMatchObject({ max: 10, appraised: 6.99, index: 69.9 });
    expect(u.rating).toBe('Tốt');
    expect(u.findings.find((f) => f.rule === 'rating-downgrade')?.reason).toBe(
      'Chỉ số của đơn vị là 90, thuộc nhóm Xuất sắc; do lĩnh vực 1 (Chỉ đạo, điều hành) đạt 69,9%, dưới mức 70% điểm tối đa, đơn vị được xếp loại Tốt.',
    );
  });

  it('exactly 90 with that area at exactly 70% → stays Xuất sắc', () => {
    // 1.2 = 2 → area 1 = 7 of 10 = 70%, not below; total 90,01.
    const u = appraise('A', { ...base, '1.2': 2 });
    expect(u.index).toBe(90.01);
    expect(u.rating).toBe('Xuất sắc');
  });

  it('exactly 80 with an area at 69,9% → Khá', () => {
    // Survey 15 + 15 = 30: total 6,99 + 20 + 23,01 + 30 = 80 → Tốt by the index, Khá after the downgrade.
    const u = appraise('A', { ...base, '4.1': 15, '4.2': 15 });
    expect(u.index).toBe(80);
    expect(u.rating).toBe('Khá');
  });

  it('exactly 80 without a weak area → Tốt', () => {
    // Area 1 = 5 + 5 = 10 (100%), area 2 = 10 + 7 = 17 (85%), area 3 = 23,01 (76,7%), survey 30.
    // Total 10 + 17 + 23,01 + 30 = 80,01.
    const u = appraise('A', { ...base, '1.2': 5, '2.2': 7, '4.1': 15, '4.2': 15 });
    expect(u.index).toBe(80.01);
    expect(u.rating).toBe('Tốt');
  });

  it('a weak area does not lower Khá (the rule names Xuất sắc and Tốt only)', () => {
    // 6,99 + 20 + 23,01 + 25 = 75 → Khá.
    const u = appraise('A', { ...base, '4.1': 12.5, '4.2': 12.5 });
    expect(u.index).toBe(75);
    expect(u.rating).toBe('Khá');
  });

  it('the survey area is not a content area: a weak survey does not downgrade', () => {
    // Content 10 + 20 + 30 = 60, survey 13 + 13 = 26 of 40 = 65%.
    const u = appraise('A', { '1.1': 5, '1.2': 5, '2.1': 10, '2.2': 10, '3.1': 10, '3.2': 10, '3.3': 10, '4.1': 13, '4.2': 13 });
    // Total 60 + 26 = 86 → Tốt; the survey area is below 70% but is not one of the content areas.
    expect(u.index).toBe(86);
    expect(area(u, '4')?.index).toBe(65);
    expect(u.rating).toBe('Tốt');
  });
});

describe('"không áp dụng": units not assessed on every criterion are normalised to 100', () => {
  it('2.2 not applicable: 85 of 90 → index 94,44', () => {
    // Applicable maximum 100 − 10 = 90. Points 10 + 9 + 30 + 18 + 18 = 85. Index 85 ÷ 90 × 100 = 94,444… → 94,44.
    const u = appraise('B', { '1.1': 5, '1.2': 5, '2.1': 9, '2.2': 'KAD', '3.1': 10, '3.2': 10, '3.3': 10, '4.1': 18, '4.2': 18 });
    expect(u.maxApplicable).toBe(90);
    expect(u.appraisedTotal).toBe(85);
    expect(u.index).toBe(94.44);
    expect(area(u, '2')).toMatchObject({ max: 10, appraised: 9, index: 90 });
    expect(u.criteria.find((c) => c.code === '2.2')).toMatchObject({ notApplicable: true, appraised: 0 });
    expect(u.rating).toBe('Xuất sắc');
  });

  it('a waiver the framework does not allow keeps the criterion in the maximum, scored 0, for the council', () => {
    // 1.2 marked KAD but only 2.2 may be waived: maximum stays 100, 1.2 scores 0.
    // Points 5 + 0 + 20 + 30 + 36 = 91; area 1 = 5 of 10 = 50% → Xuất sắc downgraded to Tốt.
    const u = appraise('B', { '1.1': 5, '1.2': 'KAD', '2.1': 10, '2.2': 10, '3.1': 10, '3.2': 10, '3.3': 10, '4.1': 18, '4.2': 18 });
    expect(u.maxApplicable).toBe(100);
    expect(u.index).toBe(91);
    expect(u.rating).toBe('Tốt');
    const c12 = u.criteria.find((c) => c.code === '1.2');
    expect(c12).toMatchObject({ notApplicable: false, appraised: 0, review: true });
    expect(u.pendingReview).toBe(1);
  });

  it('…and the council may accept the waiver ("KAD" in its column)', () => {
    // With 1.2 waived by the council: maximum 95, points 91 → 91 ÷ 95 × 100 = 95,789… → 95,79; area 1 = 5 of 5.
    const u = appraise('B', { '1.1': 5, '1.2': 'KAD', '2.1': 10, '2.2': 10, '3.1': 10, '3.2': 10, '3.3': 10, '4.1': 18, '4.2': 18 }, {
      decisions: [{ unit: '', criterion: '1.2', score: 0, note: 'Sở không có nhiệm vụ này.', notApplicable: true }],
    });
    expect(u.maxApplicable).toBe(95);
    expect(u.index).toBe(95.79);
    expect(u.rating).toBe('Xuất sắc');
    expect(u.criteria.find((c) => c.code === '1.2')).toMatchObject({ notApplicable: true, review: false, council: { notApplicable: true, note: 'Sở không có nhiệm vụ này.' } });
  });
});

describe('bonus and penalty within their caps', () => {
  const full: Scores = { '1.1': 5, '1.2': 5, '2.1': 10, '2.2': 10, '3.1': 10, '3.2': 10, '3.3': 10 };

  it('bonus 2 + 2 is capped at 3; penalty 1,5 + 2 is capped at 3', () => {
    // Points 60 + survey 12 + 13 = 85. Bonus 4 → 3, penalty 3,5 → 3. Total 85 + 3 − 3 = 85.
    const u = appraise('C', { ...full, '4.1': 12, '4.2': 13 }, {
      adjustments: [
        { unit: '', kind: 'bonus', points: 2, reason: 'Sáng kiến cấp tỉnh' },
        { unit: '', kind: 'bonus', points: 2, reason: 'Giải thưởng' },
        { unit: '', kind: 'penalty', points: 1.5, reason: 'Báo cáo chậm' },
        { unit: '', kind: 'penalty', points: 2, reason: 'Vi phạm kỷ luật' },
      ],
    });
    expect(u).toMatchObject({ bonus: 3, penalty: 3, surveyPoints: 25, appraisedTotal: 85, index: 85, rating: 'Tốt' });
    expect(u.findings.filter((f) => f.rule === 'adjustment-cap').map((f) => f.reason)).toEqual([
      'Tổng điểm thưởng của đơn vị là 4 điểm, vượt mức tối đa 3 điểm của bộ chỉ số; chỉ tính 3 điểm.',
      'Tổng điểm trừ của đơn vị là 3,5 điểm, vượt mức tối đa 3 điểm của bộ chỉ số; chỉ tính 3 điểm.',
    ]);
  });

  it('bonus counts before normalisation (Hưng Yên art. 4.3b): (85 + 2) ÷ 90 × 100 = 96,67', () => {
    const u = appraise('C', { ...full, '2.1': 9, '2.2': 'KAD', '4.1': 18, '4.2': 18 }, { adjustments: [{ unit: '', kind: 'bonus', points: 2, reason: 'x' }] });
    expect(u.appraisedTotal).toBe(87);
    expect(u.index).toBe(96.67);
  });

  it('…or after it, where a framework says so: 85 ÷ 90 × 100 + 2 = 96,44', () => {
    const after = frameworkFrom({ ...GOLDEN, scoring: { ...GOLDEN.scoring, normaliseAdjustments: false } });
    const u = appraise('C', { ...full, '2.1': 9, '2.2': 'KAD', '4.1': 18, '4.2': 18 }, { framework: after, adjustments: [{ unit: '', kind: 'bonus', points: 2, reason: 'x' }] });
    expect(u.index).toBe(96.44);
  });

  it('the index stays within 0–100: 100 + 3 bonus → 100', () => {
    const u = appraise('C', { ...full, '4.1': 20, '4.2': 20 }, { adjustments: [{ unit: '', kind: 'bonus', points: 3, reason: 'x' }] });
    expect(u.appraisedTotal).toBe(103);
    expect(u.index).toBe(100);
  });
});

describe('ranking by group, ties broken by the online / postal public services criteria', () => {
  // Every unit: area 1 = 10, area 2 = 20, survey 15 + 15 = 30; area 3 = 3.1 + 3.2 + 3.3.
  const unit = (code: string, s31: number, s32: number, s33: number, group = 'so') =>
    appraise(code, { '1.1': 5, '1.2': 5, '2.1': 10, '2.2': 10, '3.1': s31, '3.2': s32, '3.3': s33, '4.1': 15, '4.2': 15 }, { group });

  it('equal totals: more points on 3.2 ranks higher; still equal shares the rank; groups rank apart', () => {
    const units = [
      unit('SXD', 10, 5, 10), //   60 + 25 = 85, online services 5
      unit('SNV', 5, 10, 10), //   60 + 25 = 85, online services 10 → first
      unit('STP', 10, 5, 10), //   85 and 5, like SXD → shares rank 2
      unit('SYT', 10, 10, 5), //   85 and 10, like SNV → shares rank 1
      unit('STC', 10, 10, 4), //   84 → after the four at 85: rank 5
      unit('HUYEN-A', 0, 0, 0, 'huyen'), // alone in its group: rank 1
    ];
    const ranked = rankUnits(units);
    const ranks = Object.fromEntries(ranked.map((u) => [u.code, [u.index, u.tieBreakPoints, u.rank]]));
    expect(ranks).toEqual({
      SXD: [85, 5, 3], SNV: [85, 10, 1], STP: [85, 5, 3], SYT: [85, 10, 1], STC: [84, 10, 5], 'HUYEN-A': [60, 0, 1],
    });
  });

  it('a unit whose report could not be read is not ranked', () => {
    const broken = appraiseUnit({
      unit: { code: 'SCT', name: 'Sở Công Thương', group: 'so' }, batch: testBatch(), framework: golden, claims: null,
      evidence: [], survey: new Map(), adjustments: [], councilDecisions: [], findings: [],
    });
    const [ranked] = rankUnits([broken]);
    expect(ranked).toMatchObject({ status: 'error', rank: null });
  });
});

