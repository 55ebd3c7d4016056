// Tam Đường (Lai Châu) 2019: the district and its communes, each group ranked apart. Evidence comes as
// copies (§4); each district office appraises its own areas (§2). Period 01/12/2018 – 30/11/2019.
import { describe, expect, it } from 'vitest';
import { reading } from '../rules/support/factory.js';
import { appraiseBatch, batchFor, bundled, criterionOf, unitOf } from './support/batch.js';

describe('Tam Đường 2019, district', async () => {
  const framework = await bundled('tam-duong-2019-huyen');
  const [district] = appraiseBatch(framework, batchFor(framework), [
    // 1.2: the periodic report filed as a certified copy (05/SY-UBND) counts as the report.
    // Survey 8.1.x: 2 + 2 + 1 = 5 of 14 → area 8 = 5 + 3 + 3 = 11 of 20 = 55%, but area 8 "Tác động" is
    // not one of the seven reform areas: no downgrade. Total 100 − 9 = 91 → Xuất sắc.
    {
      code: 'HUYEN-TAMDUONG', group: 'huyen', issuer: 'UBND',
      changes: { '1.2': { evidence: [reading('05/SY-UBND', '2019-07-15')] } },
      survey: { '8.1.1': 2, '8.1.2': 2, '8.1.3': 1 },
    },
  ]);

  it('a copy stands for the document it copies (§4 "sao gửi")', () => {
    expect(criterionOf(district!, '1.2')).toMatchObject({ appraised: 1.5, findings: [] });
  });

  it('a weak "Tác động" area does not downgrade: only the seven reform areas count', () => {
    expect(district!.areas.find((a) => a.code === '8')).toMatchObject({ max: 20, appraised: 11, index: 55 });
    expect(district).toMatchObject({ appraisedTotal: 91, index: 91, rating: 'Xuất sắc', rank: 1 });
  });

  it('each area names who appraises it (§2)', () => {
    expect(framework.areas.map((a) => a.appraiser?.split(' (')[0])).toEqual([
      'Phòng Nội vụ huyện', 'Phòng Tư pháp huyện', 'Văn phòng HĐND - UBND huyện', 'Phòng Nội vụ huyện', 'Phòng Nội vụ huyện',
      'Phòng Tài chính - Kế hoạch huyện', 'Phòng Văn hóa và Thông tin', 'Sở Nội vụ',
    ]);
  });
});

describe('Tam Đường 2019, communes', async () => {
  const framework = await bundled('tam-duong-2019-xa');
  const results = appraiseBatch(framework, batchFor(framework), [
    // Plan 01/KH-UBND of 10/02/2019, after the 31/01 deadline → 0,5 of 1,5 (−1). Its own "…-UBND".
    // 100 − 1 = 99.
    { code: 'XA-BINHLU', group: 'xa', issuer: 'UBND', changes: { '1.1.1': { evidence: [reading('01/KH-UBND', '2019-02-10')] } } },
    // 5.3 waived with an explanation (allowed): maximum 97, points 97 → 100.
    // 4.4 marked "không áp dụng", not allowed: kept in the maximum with 0 → 97 − 4 = 93 of 97 = 95,88.
    {
      code: 'XA-SONBINH', group: 'xa', issuer: 'UBND',
      changes: {
        '5.3': { notApplicable: true, self: null, evidence: [], explanation: 'Xã không có đơn vị sự nghiệp, quỹ tài chính riêng.' },
        '4.4': { notApplicable: true, self: null, evidence: [], explanation: 'Không phát sinh.' },
      },
    },
    // Clean: 100; online and postal services 3 + 2 = 5, as Sơn Bình.
    { code: 'XA-THANTHUOC', group: 'xa', issuer: 'UBND' },
  ]);

  it('totals, normalisation and ranks within the commune group', () => {
    expect(results.map((u) => [u.code, u.maxApplicable, u.appraisedTotal, u.index, u.rating, u.rank])).toEqual([
      ['XA-BINHLU', 100, 99, 99, 'Xuất sắc', 2],
      ['XA-SONBINH', 97, 93, 95.88, 'Xuất sắc', 3],
      ['XA-THANTHUOC', 100, 100, 100, 'Xuất sắc', 1],
    ]);
  });

  it('a waiver outside the allowed list goes to the council', () => {
    const sonBinh = unitOf(results, 'XA-SONBINH');
    const allowed = criterionOf(sonBinh, '5.3');
    expect(allowed).toMatchObject({ notApplicable: true, review: false });
    expect(allowed.findings.map((f) => [f.rule, f.effect])).toEqual([['not-applicable', 'info']]);
    expect(criterionOf(sonBinh, '4.4')).toMatchObject({ notApplicable: false, appraised: 0, review: true });
  });

  it('a commune\'s late plan, its own "…-UBND" document', () => {
    const c = criterionOf(unitOf(results, 'XA-BINHLU'), '1.1.1');
    expect(c.appraised).toBe(0.5);
    expect(c.findings.map((f) => f.rule)).toEqual(['late-issue']);
  });
});
