// Criteria scored from a reported figure: "Tỷ lệ hồ sơ trực tuyến toàn trình: 100% → 1 điểm; từ 80%
// đến dưới 100% → 0,5; dưới 80% → 0", and a count ("tổ chức ít nhất 2 cuộc kiểm tra").
import { describe, expect, it } from 'vitest';
import { bracketFor, checkFigureScale, describeBracket } from '../../pipeline/framework/figure.js';
import type { FigureScale } from '../../pipeline/model.js';
import { claim, criterion, runRule } from './support/factory.js';

const ONLINE: FigureScale = {
  unit: '%', label: 'Tỷ lệ hồ sơ trực tuyến toàn trình', ratio: false,
  brackets: [{ min: 100, score: 1 }, { min: 80, score: 0.5 }, { min: 0, score: 0 }],
};
const INSPECTIONS: FigureScale = { unit: 'cuộc kiểm tra', ratio: false, brackets: [{ min: 2, score: 1.5 }, { min: 1, score: 0.75 }, { min: 0, score: 0 }] };

describe('the brackets of a figure', () => {
  it.each([
    [100, 1, '100%'], [99.9, 0.5, 'từ 80% đến dưới 100%'], [80, 0.5, 'từ 80% đến dưới 100%'], [79.99, 0, 'dưới 80%'], [0, 0, 'dưới 80%'],
  ])('%s%% → %s điểm (%s)', (value, score, words) => {
    const bracket = bracketFor(ONLINE, value)!;
    expect(bracket.score).toBe(score);
    expect(describeBracket(ONLINE, bracket)).toBe(words);
  });

  it('counts: 3 inspections are "từ 2 cuộc kiểm tra trở lên"', () => {
    const bracket = bracketFor(INSPECTIONS, 3)!;
    expect([bracket.score, describeBracket(INSPECTIONS, bracket)]).toEqual([1.5, 'từ 2 cuộc kiểm tra trở lên']);
  });

  it.each([
    ['no bracket from 0', { ...ONLINE, brackets: [{ min: 100, score: 1 }, { min: 80, score: 0.5 }] },
      'tiêu chí 7.2.1: figure.brackets: không có bậc cho số liệu dưới 80% (cần một bậc min: 0)'],
    ['a gap between 90 and 100', { ...ONLINE, brackets: [{ min: 100, score: 1 }, { min: 80, max: 90, score: 0.5 }, { min: 0, score: 0 }] },
      'tiêu chí 7.2.1: figure.brackets[1].max: bậc từ 80 đến 90 để hở khoảng trước 100 (brackets[0]); các bậc phải liền nhau'],
    ['overlapping brackets', { ...ONLINE, brackets: [{ min: 90, score: 1 }, { min: 80, max: 95, score: 0.5 }, { min: 0, score: 0 }] },
      'tiêu chí 7.2.1: figure.brackets[1].max: bậc từ 80 đến 95 chồng lên bậc từ 90 (brackets[0])'],
    ['a percentage above 100', { ...ONLINE, brackets: [{ min: 120, score: 1 }, { min: 0, score: 0 }] },
      'tiêu chí 7.2.1: figure.brackets[0].min: 120% nằm ngoài khoảng 0–100%'],
    ['a score above the maximum', { ...ONLINE, brackets: [{ min: 100, score: 2 }, { min: 0, score: 0 }] },
      'tiêu chí 7.2.1: figure.brackets[0].score: 2 điểm lớn hơn điểm tối đa 1 của tiêu chí'],
    ['two brackets from one figure', { ...ONLINE, brackets: [{ min: 80, score: 1 }, { min: 80, score: 0.5 }, { min: 0, score: 0 }] },
      'tiêu chí 7.2.1: figure.brackets[1].min: hai bậc cùng bắt đầu từ 80 (brackets[0])'],
  ])('refuses %s, naming the field', (_label, scale, message) => {
    expect(checkFigureScale('7.2.1', scale as FigureScale, 1)).toContain(message);
  });

  it('accepts the guide\'s own brackets', () => {
    expect(checkFigureScale('7.2.1', ONLINE, 1)).toEqual([]);
    expect(checkFigureScale('1.3.2', INSPECTIONS, 1.5)).toEqual([]);
  });
});

describe('figure-bracket: the score follows the reported figure', () => {
  const online = criterion('7.2.1', 1, { figure: ONLINE });
  it.each([
    { name: '85% reported, 1 claimed → capped at 0,5', self: 1, figure: { value: 85 }, expected: [{ effect: 'cap', cap: 0.5 }] },
    { name: '100% reported, 1 claimed → nothing to say', self: 1, figure: { value: 100 }, expected: [] },
    { name: '85% reported, 0,5 claimed → nothing to say', self: 0.5, figure: { value: 85 }, expected: [] },
    { name: '100% reported, 0,5 claimed → the council looks (never raised by itself)', self: 0.5, figure: { value: 100 }, expected: [{ effect: 'review', cap: undefined }] },
    { name: 'no figure reported → the council looks', self: 1, figure: undefined, expected: [{ effect: 'review', cap: undefined }] },
    { name: 'left blank → not examined', self: null, figure: { value: 85 }, expected: [] },
  ])('$name', ({ self, figure, expected }) => {
    const reports = runRule('figure-bracket', { criterion: online, claim: claim('7.2.1', self, figure ? { figure } : {}) });
    expect(reports.map(({ effect, cap }) => ({ effect, cap }))).toEqual(expected);
  });

  it('says both values', () => {
    const [report] = runRule('figure-bracket', { criterion: online, claim: claim('7.2.1', 1, { figure: { value: 85, numerator: 170, denominator: 200 } }) });
    expect(report?.reason).toBe('Đơn vị báo cáo tỷ lệ hồ sơ trực tuyến toàn trình 85% (170/200), thuộc mức từ 80% đến dưới 100%: 0,5 điểm, nhưng tự chấm 1 điểm; tính 0,5 điểm theo số liệu.');
  });

  it('a criterion without a figure scale is not this rule', () => {
    expect(runRule('figure-bracket', { criterion: criterion('1.1', 1), claim: claim('1.1', 1) })).toEqual([]);
  });
});
