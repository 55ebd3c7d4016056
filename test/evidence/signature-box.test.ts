import { describe, expect, it } from 'vitest';
import { parseOcrSignatureBox, parseSignatureBox, signatureBoxLine } from '../../pipeline/evidence/signature-box.js';

describe('parseSignatureBox', () => {
  it('the box of DOMAIN.md: signer, organisation and the signing time with its offset', () => {
    const text = 'Ký bởi: Sở Giáo dục và Đào tạo\nEmail: sgddt@laocai.gov.vn\nCơ quan: Tỉnh Lào Cai\nThời gian ký: 05.02.2024 10:11:12 +07:00';
    expect(parseSignatureBox(text)).toEqual({ signedBy: 'Sở Giáo dục và Đào tạo', organisation: 'Tỉnh Lào Cai', signedAt: '2024-02-05T10:11:12+07:00' });
  });

  it('labels on one line, slashes in the date, no offset', () => {
    const text = 'Người ký: Nguyễn Văn A Cơ quan: Sở Nội vụ Ngày ký: 5/2/2024 9:01:00';
    expect(parseSignatureBox(text)).toEqual({ signedBy: 'Nguyễn Văn A', organisation: 'Sở Nội vụ', signedAt: '2024-02-05T09:01:00' });
  });

  it('an ISO time', () => {
    expect(parseSignatureBox('Ký bởi: UBND huyện Tam Đường Thời gian ký: 2019-12-26 16:45:03+07:00')?.signedAt).toBe('2019-12-26T16:45:03+07:00');
  });

  it('a page without a box', () => {
    expect(parseSignatureBox('Số: 12/KH-SNV Lào Cai, ngày 05 tháng 02 năm 2024 Cơ quan: chủ trì')).toBeNull();
  });
});

describe('signatureBoxLine', () => {
  it.each([
    ['Ký bởi: Sở Tư pháp', 'signing'],
    ['Thời gian ký: 15.11.2021 16:23:37 +07:00', 'signing'],
    ['NGƯỜI KÝ: Nguyễn Văn A', 'signing'],
    ['Cơ quan: UBND tỉnh Hưng Yên', 'detail'],
    ['Email: stp@hungyen.gov.vn', 'detail'],
    ['Số: 186/BC-STP', null],
    ['Hưng Yên, ngày 15 tháng 11 năm 2021', null],
  ] as const)('%s → %s', (text, kind) => {
    expect(signatureBoxLine(text)).toBe(kind);
  });
});

describe('parseSignatureBox: a time that does not exist is no time', () => {
  it.each([
    ['Thời gian ký: 31.02.2024 10:11:12 +07:00'],
    ['Thời gian ký: 05.13.2024 10:11:12'],
    ['Thời gian ký: 05.02.2024 25:11:12'],
    ['Thời gian ký: 2024-02-30 10:11:12+07:00'],
  ])('%s → signedAt null', (text) => {
    expect(parseSignatureBox(`Ký bởi: Sở Nội vụ\n${text}`)?.signedAt).toBeNull();
  });
});

describe('parseOcrSignatureBox: what OCR read in a printed signing box is shown only when it is a name', () => {
  it('real-headers h01: "hanglì Quảng Ngãi" is no name (OCR of "Ủy ban Nhân dân Tỉnh Quảng Ngãi"); the unreadable time is none', () => {
    const ocr = '-   - NO ⁄ZZR3?A Ký bởi: hanglì Quảng Ngãi\nZŒA TRUNG TÂM CÔNG Co Thô gia kớc 20012095 11:12.09\nUY BAN NHÂN DÂN   CỌNG HOA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
    expect(parseOcrSignatureBox(ocr)).toBeNull();
  });

  it('real-headers h09: a lone "Ủ" is no name', () => {
    const ocr = 'Người ký: Ủ\n4 Zx. >> > nhân dânHH HH\n|xì x cự quan: Tỉnh Hà\nUỶ BAN NHÂN DÂN   CỘNG HÒA   XÃ   HỆ xi   6h';
    expect(parseOcrSignatureBox(ocr)).toBeNull();
  });

  it('a box read cleanly keeps its signer, organisation and time', () => {
    const ocr = 'Ký bởi: Ủy ban Nhân dân Tỉnh Quảng Ngãi\nCơ quan: Tỉnh Quảng Ngãi\nThời gian ký: 27.01.2025 11:12:09 +07:00';
    expect(parseOcrSignatureBox(ocr)).toEqual({ signedBy: 'Ủy ban Nhân dân Tỉnh Quảng Ngãi', organisation: 'Tỉnh Quảng Ngãi', signedAt: '2025-01-27T11:12:09+07:00' });
  });

  it('a garbled signer with a readable time keeps the time only', () => {
    expect(parseOcrSignatureBox('Ký bởi: hanglì Quảng Ngãi\nThời gian ký: 27.01.2025 11:12:09 +07:00')).toEqual({ signedBy: null, organisation: null, signedAt: '2025-01-27T11:12:09+07:00' });
  });
});
