import { describe, expect, it } from 'vitest';
import { legacyDateDigits, legacyNumber } from '../../pipeline/evidence/legacy-text.js';
import { legacyHeader } from '../../pipeline/evidence/header-fields.js';
import { assessTextLayer } from '../../pipeline/evidence/text-quality.js';

const HEADER = 'UBND TỈNH LÀO CAI SỞ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 12/KH-SNV Lào Cai, ngày 05 tháng 02 năm 2024 KẾ HOẠCH';

describe('assessTextLayer', () => {
  const cases: { name: string; text: string; verdict: ReturnType<typeof assessTextLayer> }[] = [
    { name: 'a Word export in Unicode is usable', text: HEADER, verdict: { usable: true } },
    { name: 'Vietnamese without diacritics is still usable', text: 'CONG HOA XA HOI CHU NGHIA VIET NAM So: 12/KH-SNV Lao Cai, ngay 05 thang 02 nam 2024', verdict: { usable: true } },
    { name: 'TCVN3 mojibake `Céng hßa x· héi chñ nghÜa ViÖt Nam`', text: 'Céng hßa x· héi chñ nghÜa ViÖt Nam §éc lËp - Tù do - H¹nh phóc Sè: 12/KH-SNV Lµo Cai, ngµy 05 th¸ng 02 n¨m 2024', verdict: { usable: false, reason: 'legacy-font' } },
    { name: 'VNI mojibake `Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam`', text: 'Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam Ñoäc laäp - Töï do - Haïnh phuùc Soá: 12/KH-SNV Laøo Cai, ngaøy 05 thaùng 02 naêm 2024', verdict: { usable: false, reason: 'legacy-font' } },
    { name: 'a scan with only a scanner stamp is thin', text: 'CamScanner', verdict: { usable: false, reason: 'thin' } },
    { name: 'an empty text layer is thin', text: '', verdict: { usable: false, reason: 'thin' } },
    { name: 'glyph ids without a ToUnicode map are garbled', text: '\u0003\u0011\u0012\u0005\u0007\u0014\u0003\u0011\u0012\u0005\u0007\u0014 abc def ghi', verdict: { usable: false, reason: 'garbled' } },
    { name: 'a few symbols in a Unicode text do not make it legacy', text: `${HEADER} § 3 Điều 5 ± 10% ° ©`, verdict: { usable: true } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(assessTextLayer(c.text)).toEqual(c.verdict));
  }
});

describe('legacyNumber (a legacy-font number line, Đ restored)', () => {
  it.each([
    ['Sè: 45/Q§-SXD', '45/QĐ-SXD', 'QĐ'],
    ['Soá: 2825/TB-SGDÑT', '2825/TB-SGDĐT', 'TB'],
    ['Sè: 30a/KH-UBND', '30a/KH-UBND', 'KH'],
    ['Sè: 29/2019/Q§-UBND', '29/2019/QĐ-UBND', 'QĐ'],
  ])('%s → %s', (line, number, typeCode) => expect(legacyNumber(line)).toMatchObject({ number, typeCode }));

  it('a line without a number', () => expect(legacyNumber('UBND TØNH H¦NG Y£N')).toBeNull());
});

describe('legacyDateDigits (the numbers of a legacy-font place-date line)', () => {
  it.each([
    ['H­ng Yªn, ngµy 08 th¸ng 02 n¨m 2021', { day: 8, month: 2, year: 2021 }],
    ['Laøo Cai, ngaøy 9 thaùng 12 naêm 2003', { day: 9, month: 12, year: 2003 }],
  ])('%s', (line, digits) => expect(legacyDateDigits(line)).toEqual(digits));

  it('a blank day is no date', () => expect(legacyDateDigits('Lµo Cai, ngµy    th¸ng 02 n¨m 2021')).toBeNull());
});

describe('legacyHeader (number and date from a legacy-font layer, or OCR is needed)', () => {
  const box = { x0: 0, y0: 0, x1: 1, y1: 1 };
  const header = (number: string, date: string) => legacyHeader({ text: number, box }, { text: date, box });

  it('takes both when both decode, as text read from the layer', () => {
    expect(header('Sè: 45/Q§-SXD', 'H­ng Yªn, ngµy 05 th¸ng 02 n¨m 2004')).toMatchObject({
      number: { value: { number: '45/QĐ-SXD', typeCode: 'QĐ' }, origin: 'text', confidence: 0.9 },
      date: { value: { date: '2004-02-05', place: null, blankDate: false }, origin: 'text', confidence: 0.9 },
    });
  });

  it.each([
    ['a blank day (a draft: OCR must see the blank)', 'Sè: 45/Q§-SXD', 'Lµo Cai, ngµy    th¸ng 02 n¨m 2021'],
    ['a day that does not exist', 'Sè: 45/Q§-SXD', 'Lµo Cai, ngµy 31 th¸ng 02 n¨m 2021'],
    ['a number line without a number', 'Sè:       /Q§-SXD', 'Lµo Cai, ngµy 08 th¸ng 02 n¨m 2021'],
  ])('leaves the header to OCR on %s', (_, number, date) => expect(header(number, date)).toBeNull());
});
