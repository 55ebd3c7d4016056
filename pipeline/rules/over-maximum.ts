import { points } from './describe.js';
import { noParams } from './params.js';
import { defineRule } from './rule.js';

/** A self score above the criterion's maximum counts only up to the maximum. */
export const overMaximum = defineRule({
  id: 'over-maximum',
  description: 'Điểm tự đánh giá vượt điểm tối đa của tiêu chí thì chỉ tính bằng điểm tối đa',
  phase: 'claim',
  effects: ['cap'],
  enabledByDefault: true,
  params: noParams,
  check({ criterion, claim }) {
    if (criterion.survey || !claim || claim.notApplicable || claim.self === null || claim.self <= criterion.max) return [];
    return [{
      effect: 'cap',
      cap: criterion.max,
      reason: `Đơn vị tự chấm ${points(claim.self)} cho tiêu chí ${criterion.code}, vượt điểm tối đa của tiêu chí là ${points(criterion.max)}; Tổ thẩm định chỉ tính ${points(criterion.max)}.`,
    }];
  },
});
