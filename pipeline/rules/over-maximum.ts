import { formatScore } from '../util/text.js';
import type { Rule } from './rule.js';

/** A self score above the criterion's maximum is capped at the maximum. */
export const overMaximum: Rule = {
  id: 'over-maximum',
  description: 'Điểm tự đánh giá vượt điểm tối đa thì chỉ tính bằng điểm tối đa',
  check({ criterion, claim }) {
    if (criterion.survey || !claim || claim.self === null || claim.self <= criterion.max) return [];
    return [{
      effect: 'cap',
      cap: criterion.max,
      reason: `Điểm tự đánh giá ${formatScore(claim.self)} vượt điểm tối đa ${formatScore(criterion.max)}: chỉ tính ${formatScore(criterion.max)} điểm.`,
    }];
  },
};
