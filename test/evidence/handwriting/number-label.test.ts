import { describe, expect, it } from 'vitest';
import { numberLabel } from '../../../pipeline/evidence/handwriting/number-label.js';
import { foldVietnamese } from '../../../pipeline/util/text.js';

const label = (line: string) => {
  const folded = foldVietnamese(line);
  const at = numberLabel(folded);
  return at ? folded.slice(at.index, at.index + at.length) : null;
};

describe('numberLabel: the document-number label `Số:` (Decree 30/2020, Appendix I) and nothing else', () => {
  it.each([
    ['Số: 123/QĐ-UBND', 'so:'],
    ['SỐ: 4532/BCA-C04', 'so:'],
    ['Số:46 /TB-UBND', 'so:'],
    ['S6: /455/BC-SGDDT', 's6:'],
    ['S: 12/KH-SNV', 's:'],
    ['Sô; 32 /2020/TT-BGDĐT', 'so;'],
    ['Số 31-CTr/TU', 'so'],
    ['Số 1975/QĐ-UBND', 'so'],
    ['Số /SNV-CCHC', 'so'],
    ['UBND TỈNH   Số: 08/CT-UBND', 'so:'],
    // The recognizer's reading of a generated line: letters glued to the label, its colon kept.
    ['VwaS6: 792/STPVP', 's6:'],
    // Its `S` lost too, at the start of the number line, the numeral or the slash after it.
    ['6: 1868/TT-STP', '6:'],
    ['o: 997BB-STC', 'o:'],
    ['6:/455/BC-SGDDT', '6:'],
  ])('%s → the label %s', (line, expected) => {
    expect(label(line)).toBe(expected);
  });

  it.each([
    ['SỞ NỘI VỤ'],
    ['SỞ Y TẾ'],
    ['SỞ THÔNG TIN VÀ TRUYỀN THÔNG'],
    ['V/v kiểm soát thủ tục hành chính'],
    ['Soát xét'],
    // `1016/SNV` read without its label: the S of the symbol is no label.
    ['IOI6:HCSOISNV-'],
    ['BỘ CÔNG AN'],
    ['Hà Nội, ngày 9 tháng 10 năm 2025'],
    // A `6:` or `o:` not at the line's start, or with no numeral after it, is no label.
    ['Lúc 16:30 ngày 2/10'],
    ['Ghi chú 6: xem phụ lục'],
    ['6: Nơi nhận'],
  ])('%s → no label', (line) => {
    expect(label(line)).toBeNull();
  });
});
