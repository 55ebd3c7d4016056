import { points } from './describe.js';
import { noParams } from './params.js';
import { defineRule } from './rule.js';

/** A survey criterion needs its points from the survey file: missing points go to the council, excess is capped. */
export const surveyPoints = defineRule({
  id: 'survey-points',
  description: 'Tiêu chí điều tra xã hội học phải có điểm điều tra; thiếu điểm thì Hội đồng xem xét, vượt điểm tối đa thì chỉ tính tối đa',
  phase: 'claim',
  effects: ['review'],
  enabledByDefault: true,
  params: noParams,
  check({ criterion, survey, effect }) {
    if (!criterion.survey) return [];
    if (survey === undefined) {
      return [{
        effect,
        reason: `Chưa có điểm điều tra xã hội học cho tiêu chí ${criterion.code} (${criterion.title}); tạm tính 0 điểm, đề nghị Hội đồng thẩm định bổ sung kết quả điều tra trước khi tổng hợp.`,
      }];
    }
    if (survey > criterion.max) {
      return [{
        effect: 'cap',
        cap: criterion.max,
        reason: `Điểm điều tra xã hội học của tiêu chí ${criterion.code} là ${points(survey)}, vượt điểm tối đa ${points(criterion.max)}; chỉ tính ${points(criterion.max)}.`,
      }];
    }
    return [];
  },
});
