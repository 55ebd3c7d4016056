// Criteria scored from a figure the unit reports (tiêu chí chấm theo số liệu): "Tỷ lệ hồ sơ trực
// tuyến toàn trình: 100% → 1 điểm; từ 80% đến dưới 100% → 0,5; dưới 80% → 0", or a count ("tổ chức
// ít nhất 2 cuộc kiểm tra"). The framework gives the brackets; the appraisal finds the figure's one.
import type { FigureScale } from '../model.js';
import { formatScore } from '../util/text.js';

/** The unit of a percentage figure; any other unit is a count (`cuộc`, `văn bản`). */
export const PERCENT = '%';

/**
 * Problems with a criterion's figure scale, as Vietnamese sentences naming the field
 * (`tiêu chí 7.2.1: figure.brackets[1]…`). Brackets are read from the highest `min` down; each covers
 * from its `min` up to its own `max` (inclusive) or to the next higher bracket's `min`. Refused: no
 * bracket from 0 (figures below the lowest are uncovered), a `max` below the next bracket's `min` (a gap)
 * or at or above it (an overlap), a percentage bound outside 0–100, a score above the criterion's
 * maximum, two brackets with one `min`.
 */
export function checkFigureScale(code: string, figure: FigureScale, max: number): string[] {
  const where = `tiêu chí ${code}: figure`;
  const problems: string[] = [];
  const percent = figure.unit === PERCENT;
  figure.brackets.forEach((b, i) => {
    const at = `${where}.brackets[${i}]`;
    if (percent && (b.min < 0 || b.min > 100)) problems.push(`${at}.min: ${formatScore(b.min)}% nằm ngoài khoảng 0–100%`);
    if (percent && b.max !== undefined && (b.max < 0 || b.max > 100)) problems.push(`${at}.max: ${formatScore(b.max)}% nằm ngoài khoảng 0–100%`);
    if (!percent && b.min < 0) problems.push(`${at}.min: số liệu đếm không âm`);
    if (b.max !== undefined && b.max < b.min) problems.push(`${at}.max: ${formatScore(b.max)} nhỏ hơn min ${formatScore(b.min)}`);
    if (b.score > max) problems.push(`${at}.score: ${formatScore(b.score)} điểm lớn hơn điểm tối đa ${formatScore(max)} của tiêu chí`);
  });
  const sorted = [...figure.brackets.entries()].sort(([, a], [, b]) => b.min - a.min);
  for (let k = 1; k < sorted.length; k++) {
    const [hi, higher] = sorted[k - 1]!;
    const [i, b] = sorted[k]!;
    if (b.min === higher.min) {
      problems.push(`${where}.brackets[${i}].min: hai bậc cùng bắt đầu từ ${formatScore(b.min)} (brackets[${hi}])`);
      continue;
    }
    if (b.max === undefined) continue;
    if (b.max < higher.min) {
      problems.push(`${where}.brackets[${i}].max: bậc từ ${formatScore(b.min)} đến ${formatScore(b.max)} để hở khoảng trước ${formatScore(higher.min)} (brackets[${hi}]); các bậc phải liền nhau`);
    } else if (b.max >= higher.min) {
      problems.push(`${where}.brackets[${i}].max: bậc từ ${formatScore(b.min)} đến ${formatScore(b.max)} chồng lên bậc từ ${formatScore(higher.min)} (brackets[${hi}])`);
    }
  }
  const lowest = sorted[sorted.length - 1]?.[1];
  if (lowest && lowest.min > 0) {
    problems.push(`${where}.brackets: không có bậc cho số liệu dưới ${formatScore(lowest.min)}${percent ? '%' : ''} (cần một bậc min: 0)`);
  }
  const top = sorted[0]?.[1];
  if (percent && top?.max !== undefined && top.max < 100) {
    problems.push(`${where}.brackets: không có bậc cho số liệu trên ${formatScore(top.max)}% (bậc cao nhất cần đến 100%)`);
  }
  return problems;
}

/** The bracket a figure falls in (brackets checked by checkFigureScale), or null when none covers it. */
export function bracketFor(figure: FigureScale, value: number): FigureScale['brackets'][number] | null {
  const sorted = [...figure.brackets].sort((a, b) => b.min - a.min);
  return sorted.find((b) => value >= b.min && (b.max === undefined || value <= b.max)) ?? null;
}

/** `85%`, `2 cuộc`. */
export function formatFigure(figure: FigureScale, value: number): string {
  return figure.unit === PERCENT ? `${formatScore(value)}%` : `${formatScore(value)} ${figure.unit}`;
}

/** `từ 80% đến dưới 100%`, `từ 100%`, `dưới 80%`: a bracket in the words of a scoring guide. */
export function describeBracket(figure: FigureScale, bracket: FigureScale['brackets'][number]): string {
  const sorted = [...figure.brackets].sort((a, b) => b.min - a.min);
  const higher = sorted[sorted.indexOf(bracket) - 1];
  const f = (v: number) => formatFigure(figure, v);
  if (bracket.max !== undefined) return bracket.min === 0 ? `đến ${f(bracket.max)}` : `từ ${f(bracket.min)} đến ${f(bracket.max)}`;
  if (!higher) return figure.unit === PERCENT && bracket.min === 100 ? '100%' : `từ ${f(bracket.min)} trở lên`;
  return bracket.min === 0 ? `dưới ${f(higher.min)}` : `từ ${f(bracket.min)} đến dưới ${f(higher.min)}`;
}
