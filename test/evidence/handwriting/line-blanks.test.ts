import { describe, expect, it } from 'vitest';
import type { HandPartKind } from '../../../pipeline/evidence/handwriting/blank-crops.js';
import { blankFrames, greedyPath, labelLetters, type PathChar } from '../../../pipeline/evidence/handwriting/line-blanks.js';

/** A best path from text, one character per two frames, a blank frame after each. */
const pathOf = (text: string): PathChar[] => [...text].map((char, i) => ({ char, t0: 3 * i, t1: 3 * i + 1 }));
const blanks = (text: string, kinds: readonly HandPartKind[] = ['numeral', 'day', 'month']) => {
  const path = pathOf(text);
  return blankFrames(path, path.length * 3, kinds).map((r) => [r.kind, text.slice(Math.ceil((r.from + 1) / 3), Math.floor((r.to - 1) / 3) + 1)]);
};

describe('greedyPath', () => {
  it('merges a character held over frames and drops blanks, keeping each character\'s frames', () => {
    // classes: blank, "S", "4"
    const probs = new Float32Array([0.1, 0.9, 0, 0.2, 0.8, 0, 0.9, 0.1, 0, 0, 0, 1]);
    expect(greedyPath({ probs, frames: 4, classes: 3, charOf: ['', 'S', '4'] })).toEqual([{ char: 'S', t0: 0, t1: 1 }, { char: '4', t0: 3, t1: 3 }]);
  });
});

describe('blankFrames: the blanks between the printed labels, on the recognizer\'s own reading of the line', () => {
  it('`Số: 4532/BCA-C04`: the numeral between the label and the slash, not the digits of the symbol', () => {
    expect(blanks('So: 4532/BCA-C04')).toEqual([['numeral', ' 4532']]);
  });
  it('`6: 1868/TT-STP`: the label read without its `S` at the line\'s start still starts the blank', () => {
    expect(blanks('6: 1868/TT-STP')).toEqual([['numeral', ' 1868']]);
  });
  it('`S6: /455/BC-SGDDT`: a pen stroke read as a slash is not the symbol\'s slash', () => {
    expect(blanks('S6: /455/BC-SGDDT')).toEqual([['numeral', ' /455']]);
  });
  it('`Số: 12/2020/QĐ-UBND`: a normative number\'s slash is the one before the year', () => {
    expect(blanks('So: 12/2020/QD-UBND')).toEqual([['numeral', ' 12']]);
  });
  it('`Số: 1725CTr-UBND`: the pen hid the slash; the symbol\'s first letter ends the blank', () => {
    expect(blanks('So: 1725CTr-UBND')).toEqual([['numeral', ' 1725']]);
  });
  it('no slash and no digit read: the blank ends at the symbol\'s type code before its hyphen, not at the line\'s end', () => {
    // `08/TT-UBND` read `CTT-UBND`, `2120/QĐ-UBND` read `ZZCQD-UBND`: what is left of the code is the pen's.
    expect(blanks('S6: CTT-UBND')).toEqual([['numeral', ' C']]);
    expect(blanks('SO: ZZCQD-UBND')).toEqual([['numeral', ' ZZC']]);
    expect(blanks('S6: JBC-UBND')).toEqual([['numeral', ' J']]);
    // A công văn's symbol starts with its issuer: nothing of it is taken for the pen.
    expect(blanks('So: J UBND-VHXH')).toEqual([['numeral', ' J ']]);
  });
  it('`Thái Nguyên, ngày 8 tháng 3 năm 2023`: the day after the last `ngay` before `thang`, the month before `nam`', () => {
    expect(blanks('Thai Nguyen, ngay 8 thang 3 nam 2023')).toEqual([['day', ' 8 '], ['month', ' 3 ']]);
  });
  it('only the parts asked for', () => {
    expect(blanks('Ha Noi, ngay 9 thang 10 nam 2025', ['day'])).toEqual([['day', ' 9 ']]);
  });
  it('a line without the labels has no blanks', () => {
    expect(blanks('CONG HOA XA HOI CHU NGHIA VIET NAM')).toEqual([]);
  });
});

describe('blankFrames: `SỞ` and `soát` are not the label `Số:`', () => {
  it('the issuer `SỞ NỘI VỤ` on the line gives no numeral blank', () => {
    expect(blanks('SO NOI VU 12/KH', ['numeral'])).toEqual([]);
  });
  it('`kiểm soát` before the label does not start the blank', () => {
    expect(blanks('kiem soat So: 45/KH-UBND', ['numeral'])).toEqual([['numeral', ' 45']]);
  });
});

describe('labelLetters: the printed letters the recognizer read beside a blank', () => {
  // `tháng 6 năm`: the `g` on frame 3, the clerk's `6` on frame 6, the `n` of `năm` on frames 10–11; the blank on frames 4–9.
  const path: PathChar[] = [{ char: 'n', t0: 1, t1: 1 }, { char: 'g', t0: 3, t1: 3 }, { char: '6', t0: 6, t1: 6 }, { char: 'n', t0: 10, t1: 11 }, { char: 'a', t0: 12, t1: 12 }];
  it('the last letter of the label before the blank and the first after it, in pixels', () => {
    expect(labelLetters(path, { kind: 'month', from: 4, to: 9 }, 8)).toEqual([{ x0: 24, x1: 32 }, { x0: 80, x1: 96 }]);
  });
  it('a digit or a mark beside the blank is no letter (`ngày 5 tháng 12/2024`)', () => {
    const digits: PathChar[] = [{ char: 'g', t0: 3, t1: 3 }, { char: '1', t0: 6, t1: 6 }, { char: '2', t0: 8, t1: 8 }, { char: '/', t0: 9, t1: 9 }];
    expect(labelLetters(digits, { kind: 'month', from: 4, to: 7 }, 8)).toEqual([{ x0: 24, x1: 32 }]);
  });
});
