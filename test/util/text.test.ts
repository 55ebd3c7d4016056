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

  it('formats ISO dates as dd/mm/yyyy', () => {
    expect(formatDateVn('2021-07-14')).toBe('14/07/2021');
  });
});
