// Hưng Yên 2021 (departments): a small batch. Period 01/12/2020 – 30/11/2021 (art. 6.1); clean
// documents are dated 10/01/2021. Maximum 100 (78 in the seven content areas, 22 from the survey).
import { describe, expect, it } from 'vitest';
import { reading } from '../rules/support/factory.js';
import { appraiseBatch, batchFor, bundled, criterionOf, unitOf } from './support/batch.js';

describe('Hưng Yên 2021, departments', async () => {
  const framework = await bundled('hung-yen-2021-so');
  const batch = batchFor(framework);
  const results = appraiseBatch(framework, batch, [
    // Clean: 100.
    { code: 'SNV', group: 'so', issuer: 'SNV' },
    // Plan of 20/01/2021, after the 15/01 deadline → 0,5 of 1; 7.2.1 self-scored 1 of 2.
    // A report dated 25/11/2020, before the period, goes to the council without changing the score.
    // 100 − 0,5 − 1 = 98,5; online and postal services 1 + 2 + 2 = 5.
    {
      code: 'SXD', group: 'so', issuer: 'SXD',
      changes: {
        '1.1.1': { evidence: [reading('05/KH-SXD', '2021-01-20')] },
        '1.2': { evidence: [reading('90/BC-SXD', '2020-11-25')] },
        '7.2.1': { self: 1 },
      },
    },
    // 1.2 self-scored 0: 100 − 1,5 = 98,5, like SXD, but online and postal services 6 → ranks above it.
    { code: 'STP', group: 'so', issuer: 'STP', changes: { '1.2': { self: 0 } } },
    // Area 1 (max 12): plan 30a/KH-SYT → 0 (−1); 1.1.2 with nothing filed or explained → 0 (−2);
    // 1.5 self-scored 0 (−1,5). Area 1 = 7,5 of 12 = 62,5% < 70%. Total 95,5 → Xuất sắc, downgraded to Tốt.
    {
      code: 'SYT', group: 'so', issuer: 'SYT',
      changes: {
        '1.1.1': { evidence: [reading('30a/KH-SYT', '2021-01-10')] },
        '1.1.2': { evidence: [], explanation: '' },
        '1.5': { self: 0 },
      },
    },
  ]);

  it('totals, ratings and ranks', () => {
    expect(results.map((u) => [u.code, u.appraisedTotal, u.index, u.rating, u.rank, u.tieBreakPoints])).toEqual([
      ['SNV', 100, 100, 'Xuất sắc', 1, 6],
      ['SXD', 98.5, 98.5, 'Xuất sắc', 3, 5],
      ['STP', 98.5, 98.5, 'Xuất sắc', 2, 6],
      ['SYT', 95.5, 95.5, 'Tốt', 4, 6],
    ]);
  });

  it('a plan issued after 15/01 earns half the points (1.1.1)', () => {
    const c = criterionOf(unitOf(results, 'SXD'), '1.1.1');
    expect(c).toMatchObject({ self: 1, appraised: 0.5 });
    expect(c.findings.map((f) => f.rule)).toEqual(['late-issue']);
  });

  it('evidence before the period goes to the council (art. 6.1 has exceptions): score unchanged', () => {
    const c = criterionOf(unitOf(results, 'SXD'), '1.2');
    expect(c).toMatchObject({ appraised: 1.5, review: true });
    expect(c.findings[0]?.reason).toBe('Tệp "1.2-1.pdf" (trang 1), văn bản số 90/BC-SXD ngày 25/11/2020 ban hành trước thời gian chốt số liệu của kỳ đánh giá (từ ngày 01/12/2020 đến ngày 30/11/2021); đề nghị Hội đồng thẩm định xem xét, quyết định.');
  });

  it('the downgrade names the weak area', () => {
    const syt = unitOf(results, 'SYT');
    expect(syt.areas.find((a) => a.code === '1')).toMatchObject({ max: 12, appraised: 7.5, index: 62.5 });
    expect(syt.findings.map((f) => f.rule)).toEqual(['rating-downgrade']);
    expect(criterionOf(syt, '1.1.1').findings.map((f) => [f.rule, f.effect])).toEqual([['suffixed-number', 'zero']]);
    expect(criterionOf(syt, '1.1.2').findings.map((f) => [f.rule, f.effect])).toEqual([['no-evidence', 'zero']]);
  });
});
