// The audit page says what the signature verification found, not merely that a box was seen.
import { describe, expect, it } from 'vitest';
import { formatSigningTime, signatureVerdict } from '../../pipeline/audit/signature-verdict.js';
import type { SignatureCheck } from '../../pipeline/model.js';

function check(over: Partial<SignatureCheck>): SignatureCheck {
  return {
    index: 1, kind: 'signature', subFilter: 'adbe.pkcs7.detached', verdict: 'valid', problems: [],
    digestAlgorithm: 'SHA-256', signatureAlgorithm: 'RSA', digestMatches: true, signatureValid: true,
    coversRevision: true, bytesAfter: 0, changes: [], docMdp: null, signer: null,
    signingTime: { attribute: null, dictionary: null, timestamp: null }, timestampValid: null,
    signingTimeInValidity: true, reason: null, location: null, name: null,
    chain: { status: 'not-checked', certificates: [], problems: [] }, revocation: 'not-checked', ...over,
  };
}

const base = { signed: true, signer: 'Sở Xây dựng', signedAt: '2021-11-22T09:00:00+07:00' };

describe('signatureVerdict', () => {
  it.each([
    ['a valid signature, no trust anchors', { ...base, signatureStatus: 'valid' as const, signatures: [check({})] },
      'chữ ký số hợp lệ: Sở Xây dựng, ký lúc 09:00:00 ngày 22/11/2021; chưa kiểm tra chuỗi chứng thư (chưa có chứng thư gốc của tỉnh); chưa kiểm tra thu hồi chứng thư (không có mạng)'],
    ['a records office signing a scan, chain trusted', { ...base, signatureStatus: 'valid' as const, signatures: [check({ role: 'records-office', chain: { status: 'trusted', certificates: [], problems: [] } })] },
      'chữ ký số hợp lệ: Sở Xây dựng, ký lúc 09:00:00 ngày 22/11/2021 (văn thư ký số bản quét, là bình thường); chuỗi chứng thư tin cậy; chưa kiểm tra thu hồi chứng thư (không có mạng)'],
    ['page content changed after signing (how a 30a slips in)', { ...base, signatureStatus: 'modified' as const, signatures: [check({ verdict: 'modified', problems: ['tệp bị sửa đổi sau khi ký: nội dung trang 1'] })] },
      'tệp bị sửa đổi sau khi ký: Sở Xây dựng, ký lúc 09:00:00 ngày 22/11/2021: nội dung trang 1'],
    ['a FreeText over the header after the last signature', { ...base, signatureStatus: 'modified' as const, signatures: [check({ verdict: 'modified', problems: ['tệp bị sửa đổi sau khi ký: chú thích (FreeText) đè lên phần đầu văn bản ở trang 1 (nơi ghi số, ngày văn bản)'] })] },
      'tệp bị sửa đổi sau khi ký: Sở Xây dựng, ký lúc 09:00:00 ngày 22/11/2021: chú thích (FreeText) đè lên phần đầu văn bản ở trang 1 (nơi ghi số, ngày văn bản)'],
    ['the issuer signs, a comment added at the foot afterwards', { ...base, signatureStatus: 'valid' as const, signatures: [check({ role: 'issuer', notes: ['sau khi ký có thêm hoặc sửa chú thích (Text) trên trang 1 (thay đổi được phép, không thuộc phần đầu văn bản)'] })] },
      'chữ ký số hợp lệ: Sở Xây dựng, ký lúc 09:00:00 ngày 22/11/2021 (cơ quan ban hành ký); chưa kiểm tra chuỗi chứng thư (chưa có chứng thư gốc của tỉnh); sau khi ký có thêm hoặc sửa chú thích (Text) trên trang 1 (thay đổi được phép, không thuộc phần đầu văn bản); chưa kiểm tra thu hồi chứng thư (không có mạng)'],
    ['a byte flipped in the signed range', { ...base, signatureStatus: 'broken' as const, signatures: [check({ verdict: 'broken', problems: ['giá trị băm không khớp'] })] },
      'chữ ký số không hợp lệ: Sở Xây dựng, ký lúc 09:00:00 ngày 22/11/2021: giá trị băm không khớp'],
    ['a visible box on an unsigned page', { ...base, signatureStatus: 'none' as const, signatures: [] },
      'chỉ có khung chữ ký hiển thị, không có chữ ký số'],
    ['nothing signed', { signed: false, signer: null, signedAt: null, signatureStatus: 'none' as const, signatures: [] }, 'không thấy chữ ký số'],
    ['a reading older than the verification', { ...base }, 'thấy chữ ký số: Sở Xây dựng, ký lúc 09:00:00 ngày 22/11/2021 (chưa xác minh)'],
  ])('%s', (_name, e, text) => {
    expect(signatureVerdict(e)).toBe(text);
  });
});

describe('formatSigningTime', () => {
  it.each([
    ['2021-06-16T00:56:09Z', '07:56:09 ngày 16/06/2021'],
    ['2021-10-22T08:27:47+07:00', '08:27:47 ngày 22/10/2021'],
    ['2021-12-31T20:00:00+00:00', '03:00:00 ngày 01/01/2022'],
    ['2021-10-22T08:27:47', '2021-10-22T08:27:47'],
    ['05.02.2024', '05.02.2024'],
  ])('%s → %s', (value, text) => {
    expect(formatSigningTime(value)).toBe(text);
  });
});
