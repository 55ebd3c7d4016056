// The two-tier local government, 2025: departments and communes, no district group. Period
// 01/12/2024 – 30/11/2025; clean documents are dated 10/01/2025.
import { describe, expect, it } from 'vitest';
import { rankUnits } from '../../pipeline/appraisal/rank.js';
import { reading } from '../rules/support/factory.js';
import { appraiseBatch, batchFor, bundled, criterionOf, unitOf } from './support/batch.js';

describe('two-tier 2025: departments and communes ranked apart', async () => {
  const so = await bundled('hai-cap-2025-so');
  const xa = await bundled('hai-cap-2025-xa');
  const departments = appraiseBatch(so, batchFor(so), [
    { code: 'SNV', group: 'so', issuer: 'SNV' },
    // Formed on 01/03/2025 from SNN and STNMT. Its plan of 10/01/2025 was issued by SNN (a predecessor,
    // before the merger): counts. A report of 10/04/2025 still signed by STNMT, after the merger, is not
    // its own; nothing else, no explanation → 0 (−1,5): 98,5.
    {
      code: 'SNNMT', group: 'so', issuer: 'SNNMT',
      changes: {
        '1.1.1': { evidence: [reading('03/KH-SNN', '2025-01-10')] },
        '1.2': { evidence: [reading('45/BC-STNMT', '2025-04-10')], explanation: '' },
      },
    },
    // Not merged: 1.6 and 6.2 waived, with explanations → 96 of 96 = 100; ties with SNV on online
    // and postal services (7) too → both rank 1.
    {
      code: 'STP', group: 'so', issuer: 'STP',
      changes: {
        '1.6': { notApplicable: true, self: null, evidence: [], explanation: 'Sở Tư pháp không thuộc diện sắp xếp, hợp nhất.' },
        '6.2': { notApplicable: true, self: null, evidence: [], explanation: 'Không có tài sản dôi dư do không sắp xếp.' },
      },
    },
  ]);
  const communes = appraiseBatch(xa, batchFor(xa), [
    // The new commune's plan of 04/08/2025, after 31/07/2025 → 0,5 of 1,5 (−1): 99; online services 5 + 3.
    { code: 'XA-DONGSON', group: 'xa', issuer: 'UBND', changes: { '1.1.1': { evidence: [reading('02/KH-UBND', '2025-08-04')] } } },
    // Not merged: 2.2 waived → 97 of 97 = 100.
    { code: 'XA-BACSON', group: 'xa', issuer: 'UBND', changes: { '2.2': { notApplicable: true, self: null, evidence: [], explanation: 'Xã giữ nguyên địa giới, không sáp nhập.' } } },
    // 3.6 self-scored 4 of 5: 99 like Đông Sơn, but online services 4 + 3 = 7 < 8 → ranks after it.
    { code: 'PHUONG-TRUNGTAM', group: 'xa', issuer: 'UBND', changes: { '3.6': { self: 4 } } },
  ]);

  it('departments', () => {
    expect(departments.map((u) => [u.code, u.maxApplicable, u.appraisedTotal, u.index, u.rank])).toEqual([
      ['SNV', 100, 100, 100, 1], ['SNNMT', 100, 98.5, 98.5, 3], ['STP', 96, 96, 100, 1],
    ]);
    const snnmt = unitOf(departments, 'SNNMT');
    expect(criterionOf(snnmt, '1.1.1')).toMatchObject({ appraised: 1, findings: [] });
    expect(criterionOf(snnmt, '1.2').findings.map((f) => [f.rule, f.effect])).toEqual([['own-issuer', 'exclude'], ['no-evidence', 'zero']]);
  });

  it('communes', () => {
    expect(communes.map((u) => [u.code, u.maxApplicable, u.index, u.tieBreakPoints, u.rank])).toEqual([
      ['XA-DONGSON', 100, 99, 8, 2], ['XA-BACSON', 97, 100, 8, 1], ['PHUONG-TRUNGTAM', 100, 99, 7, 3],
    ]);
    expect(criterionOf(unitOf(communes, 'XA-DONGSON'), '1.1.1').findings[0]?.reason).toBe(
      'Tiêu chí 1.1.1 yêu cầu ban hành chậm nhất ngày 31/07/2025; tệp "1.1.1-1.pdf" (trang 1), văn bản số 02/KH-UBND ngày 04/08/2025 ban hành sau thời hạn, nên tiêu chí chỉ được tính tối đa 0,5 điểm.',
    );
  });

  it('one batch, two groups: ranking never mixes departments and communes', () => {
    const all = rankUnits([...departments, ...communes].map((u) => ({ ...u, rank: null })));
    expect(all.map((u) => [u.code, u.rank])).toEqual([...departments, ...communes].map((u) => [u.code, u.rank]));
  });
});
