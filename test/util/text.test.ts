import { describe, expect, it } from 'vitest';
import { cleanText, foldVietnamese, formatDateVn, formatScore, nfc, roundScore, stripControlChars } from '../../pipeline/util/text.js';

describe('text helpers', () => {
  it('normalises decomposed Vietnamese to NFC', () => {
    const nfd = 'Độc lập - Tự do - Hạnh phúc'.normalize('NFD');
    expect(nfd).not.toBe('Độc lập - Tự do - Hạnh phúc');
    expect(nfc(nfd)).toBe('Độc lập - Tự do - Hạnh phúc');
  });

  it('folds labels typed with or without diacritics, in any case', () => {
    expect(foldVietnamese('Điểm tự đánh giá')).toBe('diem tu danh gia');
    expect(foldVietnamese('  ĐIỂM  TỰ ĐÁNH GIÁ ')).toBe('diem tu danh gia');
    expect(foldVietnamese('Điểm tự đánh giá'.normalize('NFD'))).toBe('diem tu danh gia');
  });

  it('collapses white space', () => {
    expect(cleanText(' Sở\u00A0 Tư\tpháp \n')).toBe('Sở Tư pháp');
  });

  it('strips characters Word rejects, keeping tabs and line breaks', () => {
    expect(stripControlChars('Số:\u0000 30a\u000B/KH-SXD\tngày\n05')).toBe('Số: 30a/KH-SXD\tngày\n05');
    expect(stripControlChars('a\uD800b')).toBe('ab');
  });

  it('writes scores the Vietnamese way and rounds without binary drift', () => {
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
    expect(formatScore(12.5)).toBe('12,5');
    expect(formatScore(3)).toBe('3');
    expect(formatScore(98.6875)).toBe('98,69');
  });

  it('writes every score exactly as the vi-VN number format does (negative, tiny, huge, one or three decimals)', () => {
    const values = [0, -0, 1, -1.5, 1.005, 2.675, 93.74, 99.995, 1e-7, -0.004, -0.005, 123456789.125, 1e15 + 0.5, Number.NaN, Infinity];
    // A fixed spread of scores and figures, reproducible (no Math.random in a specification).
    for (let i = 1; i < 4000; i++) values.push((i * 7919) % 100003 / 997 - 20, ((i * 104729) % 65537) / 3);
    for (const digits of [0, 1, 2, 3]) {
      const intl = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits, useGrouping: false });
      for (const v of values) expect(formatScore(v, digits)).toBe(intl.format(roundScore(v, digits)));
    }
  });

  it('formats ISO dates as dd/mm/yyyy', () => {
    expect(formatDateVn('2021-07-14')).toBe('14/07/2021');
  });
});
