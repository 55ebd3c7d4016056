import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable, plausibleSignerName } from '../../pipeline/evidence/plausible-name.js';

describe('isVietnameseSyllable', () => {
  it.each([
    ['Quảng', true], ['ngãi', true], ['Nghiêm', true], ['khuyên', true], ['ỦY', true], ['Uỷ', true], ['nguyệt', true], ['học', true], ['a', true],
    ['hanglì', false], ['HH', false], ['kx', false], ['kh', false], ['tháng3', false], ['hoàng̉', false],
    // A stopped syllable (final c, ch, p, t) takes only sắc or nặng.
    ['mạt', true], ['mát', true], ['màt', false], ['mãt', false],
  ] as const)('%s → %s', (word, expected) => {
    expect(isVietnameseSyllable(word)).toBe(expected);
  });
});

describe('plausibleSignerName', () => {
  it.each([
    ['Ủy ban nhân dân tỉnh Quảng Ngãi', 'Ủy ban nhân dân tỉnh Quảng Ngãi'],
    ['ỦY BAN NHÂN DÂN TỈNH HÀ GIANG', 'ỦY BAN NHÂN DÂN TỈNH HÀ GIANG'],
    ['Trung tâm Công báo và Tin học', 'Trung tâm Công báo và Tin học'],
    ['Sở GD&ĐT tỉnh Lào Cai', 'Sở GD&ĐT tỉnh Lào Cai'],
    ['UBND tỉnh Bà Rịa - Vũng Tàu.', 'UBND tỉnh Bà Rịa - Vũng Tàu'],
    ['Nguyễn  Văn A', 'Nguyễn Văn A'],
    ['hanglì Quảng Ngãi', null],
    ['Ủ', null],
    ['Sở Nội vụ 2024', null],
    ['sở Nội vụ', null],
    ['Sở nỘi vụ', null],
    ['Tỉnh Hà xì x', null],
    [null, null],
  ] as const)('%s → %s', (value, expected) => {
    expect(plausibleSignerName(value)).toBe(expected);
  });
});
