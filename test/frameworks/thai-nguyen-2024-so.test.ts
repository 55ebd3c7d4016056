// Thái Nguyên 2024 (departments): digitally signed evidence only (§4a); "số văn bản a, b" scores 0 (§4b);
// the explanation names Mục, Khoản, Điểm (§4b–c); only criteria with complete evidence are appraised
// (§4c); data cut off on 20/11/2024, reports not yet due exempt (§5).
import { describe, expect, it } from 'vitest';
import { reading } from '../rules/support/factory.js';
import { appraiseBatch, batchFor, bundled, criterionOf, unitOf } from './support/batch.js';

const scan = { signed: false, scanned: true, source: 'ocr' as const, numberConfidence: 0.95, dateConfidence: 0.95, confidence: 0.95 };

describe('Thái Nguyên 2024, departments', async () => {
  const framework = await bundled('thai-nguyen-2024-so');
  const batch = batchFor(framework);
  const results = appraiseBatch(framework, batch, [
    { code: 'STN', group: 'so', issuer: 'STNMT' },
    // The seed's own example: Sở Xây dựng's plan 30a/KH-SXD → 0 for its timing (1.1.1) and content (1.1.2): −2.
    // 1.1.3 explained without naming a section → 0: −3. 1.2 a scan without a digital signature → not
    // evidence, and an explanation does not replace it → 0: −1,5. 6.4 a plan of 25/11/2024, after the
    // cut-off → not counted → 0: −2,5. 6.3 an evaluation of 05/12/2024 is exempt (§5).
    // 100 − 9 = 91; area 1 = 12 − 6,5 = 5,5 of 12 (45,8%) → Xuất sắc downgraded to Tốt.
    {
      code: 'SXD', group: 'so', issuer: 'SXD',
      changes: {
        '1.1.1': { evidence: [reading('30a/KH-SXD', '2024-01-10')] },
        '1.1.2': { evidence: [reading('30a/KH-SXD', '2024-01-10')] },
        '1.1.3': { explanation: 'Sở đã hoàn thành 21/21 nhiệm vụ của kế hoạch, đạt 100%.' },
        '1.2': { evidence: [reading('40/BC-SXD', '2024-06-20', scan)] },
        '6.3': { evidence: [reading('75/QĐ-SXD', '2024-12-05')] },
        '6.4': { evidence: [reading('70/KH-SXD', '2024-11-25')] },
      },
    },
  ]);
  const sxd = unitOf(results, 'SXD');

  it('totals, rating and ranks', () => {
    expect(results.map((u) => [u.code, u.appraisedTotal, u.rating, u.rank])).toEqual([['STN', 100, 'Xuất sắc', 1], ['SXD', 91, 'Tốt', 2]]);
  });

  it('30a/KH-SXD scores 0 for both the plan\'s timing and its content, citing the guidance', () => {
    for (const code of ['1.1.1', '1.1.2']) {
      const c = criterionOf(sxd, code);
      expect(c.appraised).toBe(0);
      expect(c.findings[0]?.reason).toBe('Tệp "' + code + '-1.pdf" (trang 1), văn bản số 30a/KH-SXD ngày 10/01/2024 có số văn bản kèm chữ cái (số a, b), trái với nguyên tắc số văn bản được đánh liên tục trong năm (Nghị định số 30/2020/NĐ-CP, Điều 15); tiêu chí được chấm 0 điểm. Căn cứ: điểm b mục 4 Hướng dẫn của Sở Nội vụ tỉnh Thái Nguyên năm 2024.');
    }
  });

  it('an explanation that names no section scores 0', () => {
    const c = criterionOf(sxd, '1.1.3');
    expect(c.appraised).toBe(0);
    expect(c.findings.map((f) => [f.rule, f.effect])).toEqual([['explanation-section', 'zero']]);
  });

  it('a scan is not a digitally signed document; an explanation does not replace evidence', () => {
    const c = criterionOf(sxd, '1.2');
    expect(c.appraised).toBe(0);
    expect(c.findings.map((f) => [f.rule, f.effect])).toEqual([['unsigned-evidence', 'exclude'], ['no-evidence', 'zero']]);
  });

  it('after the 20/11/2024 cut-off evidence does not count, except reports not yet due', () => {
    expect(criterionOf(sxd, '6.4').findings.map((f) => [f.rule, f.effect])).toEqual([['data-window', 'exclude'], ['no-evidence', 'zero']]);
    expect(criterionOf(sxd, '6.3')).toMatchObject({ appraised: 2.5, findings: [] });
  });
});

describe('Thái Nguyên 2024: criteria scored from a reported figure', async () => {
  const framework = await bundled('thai-nguyen-2024-so');
  const results = appraiseBatch(framework, batchFor(framework), [
    {
      code: 'SYT', group: 'so', issuer: 'SYT',
      changes: {
        // 85% online: "từ 80% đến dưới 100%" → 1,25 of 2,5, whatever the unit claims.
        '8.2.1': { self: 2.5, figure: { value: 85 } },
        // 1 960 of 2 000 files on time (98%) → 3 of 4.
        '4.3': { self: 3, figure: { value: 98, numerator: 1960, denominator: 2000 } },
        // One inspection held, full marks claimed → 0,75 of 1,5.
        '1.3.2': { self: 1.5, figure: { value: 1 } },
      },
    },
  ]);
  const unit = unitOf(results, 'SYT');

  it.each([['8.2.1', 1.25], ['4.3', 3], ['1.3.2', 0.75]])('criterion %s is scored %s from its figure', (code, score) => {
    expect(criterionOf(unit, code).appraised).toBe(score);
  });

  it('the finding names the figure, its bracket and the self score', () => {
    expect(criterionOf(unit, '8.2.1').findings.map((f) => f.reason)).toContain(
      'Đơn vị báo cáo tỷ lệ hồ sơ TTHC được xử lý trực tuyến 85%, thuộc mức từ 80% đến dưới 100%: 1,25 điểm, nhưng tự chấm 2,5 điểm; tính 1,25 điểm theo số liệu.',
    );
    expect(criterionOf(unit, '4.3').findings).toEqual([]);
  });
});
