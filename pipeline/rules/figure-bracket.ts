import { bracketFor, describeBracket, formatFigure } from '../framework/figure.js';
import { points } from './describe.js';
import { noParams } from './params.js';
import { defineRule } from './rule.js';

/**
 * A criterion scored from a reported figure (framework `figure`) is scored by the figure's bracket:
 * a self score above it is brought down to it (`cap`); a self score below it, or a figure missing,
 * goes to the council with both values (`review`: the appraisal never raises a unit's own score).
 * Example from the issue's scoring guides: "Tỷ lệ hồ sơ trực tuyến toàn trình: 100% → 1 điểm; từ 80%
 * đến dưới 100% → 0,5; dưới 80% → 0".
 */
export const figureBracket = defineRule({
  id: 'figure-bracket',
  description: 'Tiêu chí chấm theo số liệu: điểm theo mức của số liệu đơn vị báo cáo; tự chấm cao hơn mức thì chỉ tính theo mức',
  phase: 'claim',
  effects: ['cap', 'review'],
  enabledByDefault: true,
  params: noParams,
  check({ criterion, claim, effect }) {
    const scale = criterion.figure;
    if (!scale || criterion.survey || !claim || claim.notApplicable || claim.self === null) return [];
    const what = scale.label ? `${scale.label.charAt(0).toLocaleLowerCase('vi-VN')}${scale.label.slice(1)}` : 'số liệu';
    if (!claim.figure) {
      return [{
        effect: 'review',
        reason: `Tiêu chí ${criterion.code} chấm theo số liệu (${what}) nhưng báo cáo không ghi số liệu; chưa đối chiếu được điểm tự đánh giá ${points(claim.self)}, đề nghị Tổ thẩm định xem xét.`,
      }];
    }
    const figure = formatFigure(scale, claim.figure.value);
    const given = claim.figure.numerator !== undefined ? `${figure} (${claim.figure.numerator}/${claim.figure.denominator})` : figure;
    const bracket = bracketFor(scale, claim.figure.value);
    if (!bracket) {
      return [{ effect: 'review', reason: `Số liệu ${given} của tiêu chí ${criterion.code} không thuộc mức điểm nào của bộ chỉ số; đề nghị Tổ thẩm định xem xét.` }];
    }
    const level = `${describeBracket(scale, bracket)}: ${points(bracket.score)}`;
    if (claim.self > bracket.score) {
      return [{
        effect, ...(effect === 'cap' ? { cap: bracket.score } : {}),
        reason: `Đơn vị báo cáo ${what} ${given}, thuộc mức ${level}, nhưng tự chấm ${points(claim.self)}; ${effect === 'cap' ? `tính ${points(bracket.score)} theo số liệu` : 'đề nghị Tổ thẩm định xem xét'}.`,
      }];
    }
    if (claim.self < bracket.score) {
      return [{
        effect: 'review',
        reason: `Đơn vị báo cáo ${what} ${given}, thuộc mức ${level}, nhưng chỉ tự chấm ${points(claim.self)}; đề nghị Tổ thẩm định xem xét.`,
      }];
    }
    return [];
  },
});
