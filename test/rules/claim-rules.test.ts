import { describe, expect, it } from 'vitest';
import { claim, criterion, runRule } from './support/factory.js';

describe('over-maximum: a self score above the maximum is capped', () => {
  it.each([
    { name: '2,5 claimed on a 2-point criterion → capped at 2', self: 2.5, expected: [{ effect: 'cap', cap: 2 }] },
    { name: 'exactly the maximum → nothing to say', self: 2, expected: [] },
    { name: 'below the maximum → nothing to say', self: 1.5, expected: [] },
    { name: 'blank self score → nothing to say', self: null, expected: [] },
  ])('$name', ({ self, expected }) => {
    const reports = runRule('over-maximum', { criterion: criterion('1.2', 2), claim: claim('1.2', self) });
    expect(reports.map(({ effect, cap }) => ({ effect, cap }))).toEqual(expected);
  });

  it('quotes both scores in the reason', () => {
    const [report] = runRule('over-maximum', { criterion: criterion('1.2', 1.5), claim: claim('1.2', 3) });
    expect(report?.reason).toBe('Đơn vị tự chấm 3 điểm cho tiêu chí 1.2, vượt điểm tối đa của tiêu chí là 1,5 điểm; Tổ thẩm định chỉ tính 1,5 điểm.');
  });
});

describe('survey-self-scored: a survey criterion is never self-scored', () => {
  const survey = criterion('3.3.3', 1, { survey: true });
  it.each([
    { name: 'self-scored 1 on a survey criterion → info, not counted', crit: survey, self: 1, effects: ['info'] },
    { name: 'left blank → nothing', crit: survey, self: null, effects: [] },
    { name: 'scored 0 → nothing', crit: survey, self: 0, effects: [] },
    { name: 'an ordinary criterion → not this rule', crit: criterion('1.1', 1), self: 1, effects: [] },
  ])('$name', ({ crit, self, effects }) => {
    expect(runRule('survey-self-scored', { criterion: crit, claim: claim(crit.code, self) }).map((r) => r.effect)).toEqual(effects);
  });
});

describe('survey-points: survey criteria need the survey', () => {
  const survey = criterion('8.1', 4, { survey: true });
  it.each([
    { name: 'no survey points yet → review', points: undefined, expected: [{ effect: 'review' }] },
    { name: '3,2 of 4 → nothing', points: 3.2, expected: [] },
    { name: '4,5 of 4 → capped at 4', points: 4.5, expected: [{ effect: 'cap', cap: 4 }] },
  ])('$name', ({ points, expected }) => {
    const reports = runRule('survey-points', { criterion: survey, claim: null, ...(points === undefined ? {} : { survey: points }) });
    expect(reports.map((r) => (r.cap === undefined ? { effect: r.effect } : { effect: r.effect, cap: r.cap }))).toEqual(expected);
  });
});

describe('not-applicable: "Không áp dụng" within what the framework allows', () => {
  it.each([
    { name: 'allowed everywhere, explained → accepted, said (info) so the reduced scale shows', settings: {}, explanation: 'Sở không có đơn vị sự nghiệp trực thuộc.', expected: [{ effect: 'info' }] },
    { name: 'allowed, not explained → review, kept in the maximum at 0 until the council accepts', settings: {}, explanation: '', expected: [{ effect: 'review', applicable: true }] },
    { name: 'allowed, a cell that says nothing (".") → review, as not explained', settings: {}, explanation: '.', expected: [{ effect: 'review', applicable: true }] },
    { name: 'criterion not in the allowed list → counted again, review', settings: { allowed: ['6.2'] }, explanation: 'Không thực hiện.', expected: [{ effect: 'review', applicable: true }] },
    { name: 'criterion in the allowed list → accepted (info)', settings: { allowed: ['1.1'] }, explanation: 'Không thực hiện.', expected: [{ effect: 'info' }] },
    { name: 'explanation not required → accepted (info)', settings: { requireExplanation: false }, explanation: '', expected: [{ effect: 'info' }] },
  ])('$name', ({ settings, explanation, expected }) => {
    const reports = runRule('not-applicable', {
      criterion: criterion('1.1', 2), claim: claim('1.1', null, { notApplicable: true, explanation }), settings,
    });
    expect(reports.map((r) => (r.applicable ? { effect: r.effect, applicable: r.applicable } : { effect: r.effect }))).toEqual(expected);
  });

  it('the accepted waiver\'s finding quotes the explanation and says the criterion leaves the maximum', () => {
    const [accepted] = runRule('not-applicable', { criterion: criterion('1.1', 2), claim: claim('1.1', null, { notApplicable: true, explanation: 'Sở không có đơn vị sự nghiệp trực thuộc.' }) });
    expect(accepted?.reason).toBe('Không áp dụng theo giải trình của đơn vị: "Sở không có đơn vị sự nghiệp trực thuộc."; tiêu chí 1.1 (tối đa 2 điểm) không tính vào tổng điểm tối đa (Hội đồng thẩm định có thể không chấp nhận).');
  });

  it('a whole content area waived → every waiver of it to the council (kept in the maximum), unless the framework allows it (wholeArea)', () => {
    const c41 = criterion('4.1', 2);
    const c42 = criterion('4.2', 2);
    const area = { code: '4', title: 'Cải cách tổ chức bộ máy', kind: 'content' as const, max: 4, criteria: [c41, c42] };
    const waived = [c41, c42].map((c) => claim(c.code, null, { notApplicable: true, explanation: 'Sở không có đơn vị trực thuộc cần rà soát.' }));
    const run = (settings = {}) => runRule('not-applicable', { criterion: c41, area, claim: waived[0]!, unitClaims: waived, settings });
    expect(run().map((r) => [r.effect, r.applicable])).toEqual([['review', true]]);
    expect(run()[0]?.reason).toContain('toàn bộ 2 tiêu chí của lĩnh vực 4 (Cải cách tổ chức bộ máy)');
    expect(run({ wholeArea: true, maxWaivedShare: 1 }).map((r) => r.effect)).toEqual(['info']);
    // One of the two waived: accepted.
    expect(runRule('not-applicable', { criterion: c41, area, claim: waived[0]!, unitClaims: [waived[0]!, claim('4.2', 2)], settings: { maxWaivedShare: 1 } }).map((r) => r.effect)).toEqual(['info']);
  });
});

describe('not-applicable: a unit that waives much of the framework', () => {
  // Ten criteria of 1 point each; the unit waives `n` of them, each with an explanation.
  const codes = Array.from({ length: 10 }, (_, i) => `1.${i + 1}`);
  const framework = {
    id: 'test', name: 'test', province: 'test', level: 'so' as const, rules: {},
    scoring: { scale: 100, bands: [], bonusMax: 0, penaltyMax: 0, normaliseAdjustments: true },
    areas: [{ code: '1', title: 'Lĩnh vực 1', kind: 'content' as const, max: 10, criteria: codes.map((c) => criterion(c, 1)) }],
  };
  const waiving = (n: number) => codes.map((c, i) => claim(c, i < n ? null : 1, i < n ? { notApplicable: true, explanation: 'Đơn vị không có nhiệm vụ này trong năm.' } : {}));
  const check = (n: number, settings = {}) => runRule('not-applicable', { framework, criterion: criterion('1.1', 1), claim: waiving(n)[0]!, unitClaims: waiving(n), settings });

  it.each([
    { waived: 2, settings: {}, expected: [{ effect: 'info' }] },
    { waived: 3, settings: {}, expected: [{ effect: 'review', applicable: true }] },
    { waived: 3, settings: { maxWaivedShare: 0.5 }, expected: [{ effect: 'info' }] },
    { waived: 10, settings: {}, expected: [{ effect: 'review', applicable: true }] },
  ])('$waived of 10 points waived ($settings) → $expected', ({ waived, settings, expected }) => {
    expect(check(waived, settings).map((r) => (r.applicable ? { effect: r.effect, applicable: r.applicable } : { effect: r.effect }))).toEqual(expected);
  });

  it('says how much was waived, against what limit, and what the criterion counts for meanwhile', () => {
    expect(check(10)[0]?.reason).toBe('Đơn vị đánh dấu "Không áp dụng" 10 tiêu chí với tổng điểm tối đa 10 điểm, bằng 100% điểm các tiêu chí của bộ chỉ số, vượt mức 25%; tiêu chí 1.1 vẫn được tính vào tổng điểm tối đa và tạm tính 0 điểm cho đến khi Hội đồng thẩm định xem xét, chấp nhận việc không áp dụng (ghi "KAD" ở cột Điểm Hội đồng).');
  });
});
