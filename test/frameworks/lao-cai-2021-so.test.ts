// Lào Cai 2021 (departments): evidence is a scan of the paper document or a digitally signed
// electronic document (§2); a criterion without valid evidence is explained or scores 0.
import { describe, expect, it } from 'vitest';
import { reading } from '../rules/support/factory.js';
import { appraiseBatch, batchFor, bundled, criterionOf, unitOf } from './support/batch.js';

const word = { signed: false, scanned: false, signer: null };
const scan = { signed: false, scanned: true, source: 'ocr' as const, numberConfidence: 0.93, dateConfidence: 0.9, confidence: 0.9 };

describe('Lào Cai 2021, departments', async () => {
  const framework = await bundled('lao-cai-2021-so');
  const results = appraiseBatch(framework, batchFor(framework), [
    // 1.2: an unsigned Word export is not evidence; nothing else, no explanation → 0 (−1,5).
    // 1.4: a scan of the paper plan counts. 1.5: no evidence but an explanation → the council.
    // 100 − 1,5 = 98,5.
    {
      code: 'SCT', group: 'so', issuer: 'SCT',
      changes: {
        '1.2': { evidence: [reading('12/BC-SCT', '2021-03-01', word)], explanation: '' },
        '1.4': { evidence: [reading('15/KH-SCT', '2021-02-01', scan)] },
        '1.5': { evidence: [], explanation: 'Sáng kiến "Một cửa số" đã được Hội đồng sáng kiến tỉnh công nhận, quyết định đang chờ ký.' },
      },
    },
    // The same report, digitally signed: counts. 100.
    { code: 'SGTVT', group: 'so', issuer: 'SGTVT', changes: { '1.2': { evidence: [reading('12/BC-SGTVT', '2021-03-01')] } } },
  ]);

  it('totals and ranks', () => {
    expect(results.map((u) => [u.code, u.appraisedTotal, u.rating, u.rank, u.pendingReview])).toEqual([
      ['SCT', 98.5, 'Xuất sắc', 2, 1],
      ['SGTVT', 100, 'Xuất sắc', 1, 0],
    ]);
  });

  it('an unsigned Word export is excluded, with the province\'s basis, and the criterion scores 0', () => {
    const c = criterionOf(unitOf(results, 'SCT'), '1.2');
    expect(c.appraised).toBe(0);
    expect(c.findings.map((f) => f.reason)).toEqual([
      'Tệp "1.2-1.pdf" (trang 1) là bản điện tử không có chữ ký số và không phải bản chụp văn bản giấy, trong khi tài liệu kiểm chứng phải là bản chụp (scan) của văn bản giấy hoặc văn bản điện tử có chữ ký số; tài liệu này không được tính là tài liệu kiểm chứng hợp lệ. Căn cứ: mục 2 Hướng dẫn tự đánh giá, chấm điểm Chỉ số CCHC năm 2021 của Sở Nội vụ tỉnh Lào Cai.',
      'Tiêu chí 1.2 không còn tài liệu kiểm chứng hợp lệ (tệp "1.2-1.pdf" (trang 1) không được tính như đã nêu) và đơn vị không giải trình; tiêu chí được chấm 0 điểm. Căn cứ: mục 2 Hướng dẫn tự đánh giá, chấm điểm Chỉ số CCHC năm 2021 của Sở Nội vụ tỉnh Lào Cai.',
    ]);
  });

  it('a scan counts; an explained gap goes to the council with its score', () => {
    const sct = unitOf(results, 'SCT');
    expect(criterionOf(sct, '1.4')).toMatchObject({ appraised: 2, findings: [] });
    expect(criterionOf(sct, '1.5')).toMatchObject({ appraised: 1, review: true });
  });
});
