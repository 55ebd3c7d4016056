import { describe, expect, it } from 'vitest';
import { balanceLines, contentWidth, MARGIN, punctuateBases, recipientLines } from '../../pipeline/documents/decree30-docx.js';
import { textWidthTwips } from '../../pipeline/documents/text-width.js';
import { blankDate, longDate, placeDateLine, roman, shortDate } from '../../pipeline/documents/vn-format.js';

describe('Decree 30 dates', () => {
  it('day below 10 and months 1–2 take a leading zero: "ngày 05 tháng 01 năm 2022", "ngày 02 tháng 3"', () => {
    expect(longDate('2022-01-05')).toBe('ngày 05 tháng 01 năm 2022');
    expect(longDate('2021-03-02')).toBe('ngày 02 tháng 3 năm 2021');
    expect(longDate('2021-12-20')).toBe('ngày 20 tháng 12 năm 2021');
  });

  it('body text cites dates in the short form "27/7/2018"', () => {
    expect(shortDate('2018-07-27')).toBe('27/7/2018');
    expect(shortDate('2021-01-08')).toBe('08/01/2021');
  });

  it('a draft leaves day and month blank for the records office: "ngày      tháng      năm 2022"', () => {
    expect(blankDate(2022)).toBe('ngày      tháng      năm 2022');
    expect(placeDateLine('Hưng Yên', undefined, 2022)).toBe('Hưng Yên, ngày      tháng      năm 2022');
    expect(placeDateLine('Lào Cai', '2024-02-05', 2024)).toBe('Lào Cai, ngày 05 tháng 02 năm 2024');
  });

  it('numbers groups with Roman numerals', () => {
    expect([1, 2, 4, 9, 14].map(roman)).toEqual(['I', 'II', 'IV', 'IX', 'XIV']);
  });
});

describe('Decree 30 layout', () => {
  it('A4 text area: left 30 mm, right 15 mm, in twips', () => {
    expect(MARGIN.left).toBe(1701);
    expect(MARGIN.right).toBe(850);
    expect(contentWidth()).toBe(11906 - 1701 - 850);
    expect(contentWidth(true)).toBe(16838 - 1701 - 850);
  });

  it('breaks a long issuing body over balanced lines: "ỦY BAN NHÂN DÂN" / "TỈNH HƯNG YÊN"', () => {
    expect(balanceLines('ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN', 3800, 13, true)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH HƯNG YÊN']);
    expect(balanceLines('SỞ NỘI VỤ', 3800, 13, true)).toEqual(['SỞ NỘI VỤ']);
  });

  it('measures Vietnamese like its base letters', () => {
    expect(textWidthTwips('Độc lập', 13, true)).toBe(textWidthTwips('Doc lap', 13, true));
    expect(textWidthTwips('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true)).toBeLessThan(contentWidth() - 3969);
  });

  it('"Nơi nhận" items start with "- ", end with ";", the last with ".", and "Lưu: VT" comes last', () => {
    expect(recipientLines(['Như Điều 3', 'Bộ Nội vụ (b/c);', '- Lưu: VT, NC', 'Cổng thông tin điện tử tỉnh'])).toEqual([
      '- Như Điều 3;', '- Bộ Nội vụ (b/c);', '- Cổng thông tin điện tử tỉnh;', '- Lưu: VT, NC.',
    ]);
    expect(recipientLines(['Như Điều 3;'])).toEqual(['- Như Điều 3;', '- Lưu: VT.']);
  });

  it('each căn cứ line ends with ";" and the last with "."', () => {
    const lines = punctuateBases([
      [{ text: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015' }],
      [{ text: 'Căn cứ Quyết định số 1708/QĐ-UBND ngày 14/7/2021;' }],
      [{ text: 'Theo đề nghị của Giám đốc Sở Nội vụ;' }],
    ]).map((l) => l.map((r) => r.text).join(''));
    expect(lines).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;',
      'Căn cứ Quyết định số 1708/QĐ-UBND ngày 14/7/2021;',
      'Theo đề nghị của Giám đốc Sở Nội vụ.',
    ]);
  });
});
