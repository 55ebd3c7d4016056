import { points } from './describe.js';
import { noParams } from './params.js';
import { defineRule } from './rule.js';

/**
 * Survey criteria (điều tra xã hội học) take their points from the survey only (Hưng Yên art. 4.2,
 * Tuyên Quang §2): a self score on one is not counted, and the minutes say so.
 */
export const surveySelfScored = defineRule({
  id: 'survey-self-scored',
  description: 'Tiêu chí đánh giá qua điều tra xã hội học không được tự chấm; điểm tự chấm (nếu có) không được tính',
  phase: 'claim',
  effects: ['info'],
  enabledByDefault: true,
  params: noParams,
  check({ criterion, claim }) {
    if (!criterion.survey || !claim || claim.self === null || claim.self === 0) return [];
    return [{
      effect: 'info',
      reason: `Tiêu chí ${criterion.code} được đánh giá qua điều tra xã hội học nên đơn vị không tự chấm; điểm tự chấm ${points(claim.self)} của đơn vị không được tính, điểm của tiêu chí lấy theo kết quả điều tra.`,
    }];
  },
});
