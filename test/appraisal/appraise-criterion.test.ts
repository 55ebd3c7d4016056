// How rule reports become a proposed score: phases, exclusion of invalid files, the low-confidence
// guard (never silently zero), the council's decisions, and what each criterion result carries.
import { describe, expect, it } from 'vitest';
import { appraiseUnit } from '../../pipeline/appraisal/appraise.js';
import type { Claim, CouncilDecision, CriterionResult, Framework } from '../../pipeline/model.js';
import type { EvidenceRecord } from '../../pipeline/rules/rule.js';
import { claim, frameworkFrom, reading, record, SNV, testBatch, unreadable } from '../rules/support/factory.js';

function framework(rules: Record<string, unknown> = {}): Framework {
  return frameworkFrom({
    id: 'tiny', name: 'Bộ chỉ số nhỏ', province: 'Kiểm thử', level: 'so',
    scoring: { scale: 100, bands: [{ label: 'Đạt', min: 50 }, { label: 'Không đạt', min: 0 }] },
    rules: { 'suffixed-number': { enabled: true }, ...rules },
    areas: [
      { code: '1', title: 'Chỉ đạo, điều hành', criteria: [
        { code: '1.1', title: 'Kế hoạch CCHC', children: [
          { code: '1.1.1', title: 'Ban hành kế hoạch', max: 2, evidence: { types: ['KH'], ownIssuer: true, deadline: '01-15', lateScore: 1 } },
          { code: '1.1.2', title: 'Thực hiện kế hoạch', max: 3, evidence: { types: ['BC'] } },
        ] },
        { code: '1.2', title: 'Dịch vụ công trực tuyến', max: 95, evidence: { required: false } },
      ] },
    ],
  });
}

function criterionOf(options: { claims: Claim[]; evidence?: EvidenceRecord[]; decisions?: CouncilDecision[]; rules?: Record<string, unknown> }, code = '1.1.1'): CriterionResult {
  // Each claim lists the files filed under its criterion, as a careful unit would.
  const evidence = options.evidence ?? [];
  const claims = options.claims.map((c) => ({ ...c, evidenceFiles: evidence.filter((e) => e.file.criterion === c.criterion).map((e) => e.file.name) }));
  const result = appraiseUnit({
    unit: SNV, batch: testBatch(), framework: framework(options.rules), claims, evidence,
    survey: new Map(), adjustments: [], councilDecisions: options.decisions ?? [], findings: [],
  });
  const found = result.criteria.find((c) => c.code === code);
  if (!found) throw new Error(code);
  return found;
}

const plan = (number: string, date: string, extra = {}) => record('1.1.1', `KH-${number.split('/')[0]}.pdf`, reading(number, date, extra));

describe('a criterion\'s proposal follows its findings', () => {
  it('30a/KH-SNV read cleanly → 0, the finding names file and page', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 2)], evidence: [plan('30a/KH-SNV', '2024-01-10')] });
    expect(c).toMatchObject({ self: 2, proposed: 0, appraised: 0, review: false });
    expect(c.findings).toEqual([expect.objectContaining({ rule: 'suffixed-number', effect: 'zero', file: 'units/SNV/evidence/1.1.1/KH-30a.pdf', page: 1, unit: 'SNV', criterion: '1.1.1' })]);
  });

  it('30a/KH-SNV read by OCR at 60% → not zeroed: the council checks it', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 2)], evidence: [plan('30a/KH-SNV', '2024-01-10', { source: 'ocr', numberConfidence: 0.6, confidence: 0.6 })] });
    expect(c).toMatchObject({ proposed: 2, review: true });
    const suffixed = c.findings.find((f) => f.rule === 'suffixed-number');
    expect(suffixed?.effect).toBe('review');
    expect(suffixed?.reason).toContain('Tuy nhiên số văn bản của tệp được đọc với độ tin cậy thấp (60%, dưới ngưỡng 80%), nên kết quả này chưa được áp dụng');
    expect(c.findings.map((f) => f.rule)).toContain('unreadable-evidence');
  });

  it('an unreadable file is not "no evidence": the proposal stays, the council looks', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 2)], evidence: [record('1.1.1', 'KH.pdf', unreadable('tệp PDF hỏng'))] });
    expect(c).toMatchObject({ proposed: 2, review: true });
    expect(c.findings.map((f) => [f.rule, f.effect])).toEqual([['unreadable-evidence', 'review']]);
  });

  it('a self score typed "một" (unclear, null) still has its evidence checked: the unreadable file is told', () => {
    const c = criterionOf({ claims: [claim('1.1.1', null, { selfUnclear: true })], evidence: [record('1.1.1', 'KH.pdf', unreadable('tệp PDF hỏng'))] });
    expect(c).toMatchObject({ self: null, proposed: 0, review: true });
    expect(c.findings.map((f) => [f.rule, f.effect])).toEqual([['unreadable-evidence', 'review']]);
  });

  it('a blank self score with files in the criterion\'s folder is unknown, not none: said, the files checked, the council decides', () => {
    const c = criterionOf({ claims: [claim('1.1.1', null)], evidence: [record('1.1.1', 'KH.pdf', unreadable('tệp PDF hỏng'))] });
    expect(c).toMatchObject({ self: null, proposed: 0, review: true });
    expect(c.findings.map((f) => [f.rule, f.effect])).toEqual([['report-format', 'review'], ['unreadable-evidence', 'review']]);
    expect(c.findings[0]?.reason).toBe('Điểm tự đánh giá của tiêu chí 1.1.1 để trống nhưng thư mục tiêu chí có 1 tệp tài liệu kiểm chứng ("KH.pdf"); chưa tính điểm tự đánh giá (0 điểm), đề nghị Hội đồng thẩm định xem xét.');
  });

  it('a blank self score with no file, or a self score of 0, claims nothing: no finding', () => {
    expect(criterionOf({ claims: [claim('1.1.1', null)] }).findings).toEqual([]);
    expect(criterionOf({ claims: [claim('1.1.1', 0)], evidence: [record('1.1.1', 'KH.pdf', unreadable('tệp PDF hỏng'))] }).findings).toEqual([]);
  });

  it('a draft is excluded; with nothing else and no explanation the criterion scores 0', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 2)], evidence: [plan('/SNV-CCHC', '2024-01-10', { signed: false })] });
    expect(c.proposed).toBe(0);
    expect(c.findings.map((f) => [f.rule, f.effect])).toEqual([['unissued-draft', 'exclude'], ['no-evidence', 'zero']]);
  });

  it('a draft beside the issued plan changes nothing', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 2)], evidence: [plan('/SNV-CCHC', '2024-01-08', { signed: false }), plan('15/KH-SNV', '2024-01-10')] });
    expect(c.proposed).toBe(2);
    expect(c.findings.map((f) => f.effect)).toEqual(['exclude']);
  });

  it('a plan issued after 15/01 earns the late score; a cap never raises a lower self score', () => {
    expect(criterionOf({ claims: [claim('1.1.1', 2)], evidence: [plan('15/KH-SNV', '2024-02-01')] }).proposed).toBe(1);
    expect(criterionOf({ claims: [claim('1.1.1', 0.5)], evidence: [plan('15/KH-SNV', '2024-02-01')] }).proposed).toBe(0.5);
  });

  it('zero wins over a cap', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 3)], evidence: [plan('30a/KH-SNV', '2024-02-01')] });
    expect(c.findings.map((f) => f.effect)).toEqual(['cap', 'zero', 'cap']);
    expect(c.proposed).toBe(0);
  });

  it('a self score of 0 is not examined further', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 0)], evidence: [plan('30a/KH-SNV', '2024-02-01')] });
    expect(c).toMatchObject({ proposed: 0, findings: [] });
  });

  it('the province\'s legal basis follows each reason', () => {
    const c = criterionOf({
      claims: [claim('1.1.1', 2)], evidence: [plan('30a/KH-SNV', '2024-01-10')],
      rules: { 'suffixed-number': { legalBasis: 'điểm b mục 4 Hướng dẫn của Sở Nội vụ tỉnh Thái Nguyên năm 2024' } },
    });
    expect(c.findings[0]?.reason).toMatch(/tiêu chí được chấm 0 điểm\. Căn cứ: điểm b mục 4 Hướng dẫn của Sở Nội vụ tỉnh Thái Nguyên năm 2024\.$/u);
  });
});

describe('the council\'s decisions override proposals and are recorded', () => {
  it('the council restores 1,5 on a zeroed criterion: proposal kept, decision applied and noted', () => {
    const c = criterionOf({
      claims: [claim('1.1.1', 2)], evidence: [plan('30a/KH-SNV', '2024-01-10')],
      decisions: [{ unit: 'SNV', criterion: '1.1.1', score: 1.5, note: 'Đơn vị đã bổ sung bản gốc.' }],
    });
    expect(c).toMatchObject({ proposed: 0, appraised: 1.5, council: { score: 1.5, note: 'Đơn vị đã bổ sung bản gốc.' }, review: false });
  });

  it('a decision above the maximum is a slip, not counted: the proposal stands and the criterion waits for the corrected file', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 1)], evidence: [plan('15/KH-SNV', '2024-01-10')], decisions: [{ unit: 'SNV', criterion: '1.1.1', score: 2.5, note: '' }] });
    expect(c).toMatchObject({ proposed: 1, appraised: 1, review: true });
    expect(c.council).toBeUndefined();
    expect(c.findings.at(-1)).toMatchObject({ effect: 'review', reason: 'Điểm Hội đồng thẩm định ghi cho tiêu chí 1.1.1 là 2,5 điểm, vượt điểm tối đa 2 điểm: không được tính (có thể nhập nhầm); tiêu chí vẫn chờ Hội đồng cho đến khi tệp kết luận được sửa.' });
  });

  it('"KAD" on a criterion the unit did not mark "Không áp dụng" takes it off the scale, and says so', () => {
    const c = criterionOf({ claims: [claim('1.1.1', 1)], evidence: [plan('15/KH-SNV', '2024-01-10')], decisions: [{ unit: 'SNV', criterion: '1.1.1', score: 0, note: '', notApplicable: true }] });
    expect(c).toMatchObject({ notApplicable: true, appraised: 0, review: false });
    expect(c.findings.at(-1)).toMatchObject({ rule: 'council-decision', effect: 'info', reason: 'Hội đồng thẩm định ghi "KAD" (không áp dụng) cho tiêu chí 1.1.1, dù đơn vị không đánh dấu "Không áp dụng" (đơn vị tự chấm 1 điểm): tiêu chí không tính vào tổng điểm tối đa của đơn vị theo quyết định của Hội đồng.' });
  });

  it('a decision on a criterion with sub-criteria, or on an unknown code, is a finding for the unit', () => {
    const result = appraiseUnit({
      unit: SNV, batch: testBatch(), framework: framework(), claims: [], evidence: [], survey: new Map(), adjustments: [],
      councilDecisions: [{ unit: 'SNV', criterion: '1.1', score: 3, note: '' }, { unit: 'SNV', criterion: '9.9', score: 1, note: '' }], findings: [],
    });
    expect(result.findings.map((f) => f.reason)).toEqual([
      'Quyết định của Hội đồng thẩm định (3 điểm) không áp dụng được: tiêu chí 1.1 gồm các tiêu chí thành phần, cần ghi điểm cho từng tiêu chí thành phần.',
      'Quyết định của Hội đồng thẩm định (1 điểm) không áp dụng được: bộ chỉ số tiny không có tiêu chí 9.9.',
    ]);
  });
});

describe('results carry what the minutes, the workbook and results.json need', () => {
  it('unit, areas and criteria fields (results.json is JSON.stringify of these)', () => {
    const result = appraiseUnit({
      unit: SNV, batch: testBatch(), framework: framework(),
      claims: [claim('1.1.1', 2), claim('1.1.2', 3, { explanation: 'Tại Mục II Báo cáo số 20/BC-SNV.' }), claim('1.2', 90)],
      evidence: [plan('15/KH-SNV', '2024-01-10'), record('1.1.2', 'BC.pdf', reading('20/BC-SNV', '2024-06-10'))],
      survey: new Map(), adjustments: [], councilDecisions: [], findings: [],
    });
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(json).toMatchObject({
      code: 'SNV', name: 'Sở Nội vụ', group: 'so', selfTotal: 95, appraisedTotal: 95, maxApplicable: 100, index: 95, rating: 'Đạt', rank: null,
      areas: [{ code: '1', max: 100, appraised: 95, index: 95 }],
    });
    expect(result.criteria.map((c) => [c.code, c.max, c.self, c.appraised, c.leaf])).toEqual([
      ['1.1', 5, 5, 5, false], ['1.1.1', 2, 2, 2, true], ['1.1.2', 3, 3, 3, true], ['1.2', 95, 90, 90, true],
    ]);
  });
});
