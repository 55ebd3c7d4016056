import { z } from 'zod';
import { points } from './describe.js';
import { criterionCodes } from './params.js';
import { defineRule } from './rule.js';

/**
 * "Không áp dụng": a unit that by its nature does not carry out a criterion is assessed on the rest,
 * normalised to 100 (Hưng Yên art. 3.3, 4.3b). The framework says which criteria may be waived and
 * whether the unit must explain; a waiver the framework does not allow, or one without the required
 * explanation, keeps the criterion in the maximum and goes to the council, which may still accept it.
 */
export const notApplicable = defineRule({
  id: 'not-applicable',
  description: 'Tiêu chí đơn vị đánh dấu "Không áp dụng" phải thuộc danh mục được miễn và có giải trình',
  phase: 'claim',
  effects: ['review'],
  enabledByDefault: true,
  params: z
    .object({
      /** `all`, or the codes of the criteria a unit may mark as not applicable. */
      allowed: z.union([z.literal('all'), criterionCodes]).default('all'),
      requireExplanation: z.boolean().default(true),
    })
    .strict(),
  check({ criterion, claim, params, effect }) {
    if (criterion.survey || !claim?.notApplicable) return [];
    const allowed = params.allowed === 'all' || params.allowed.includes(criterion.code);
    if (!allowed) {
      const scored = claim.self === null ? '0 điểm' : `${points(claim.self)} theo điểm tự chấm`;
      return [{
        effect,
        applicable: true,
        reason: `Đơn vị đánh dấu "Không áp dụng" đối với tiêu chí ${criterion.code}, nhưng bộ chỉ số không cho phép miễn đánh giá tiêu chí này; tiêu chí vẫn được tính vào tổng điểm tối đa và tạm tính ${scored}. Đề nghị Hội đồng thẩm định xem xét, quyết định.`,
      }];
    }
    if (params.requireExplanation && claim.explanation.trim() === '') {
      // Unexplained, the waiver is not granted yet: the criterion stays in the maximum (at the self
      // score, 0 when blank) until the council accepts it, so the index cannot rise on a bare tick.
      const scored = claim.self === null ? '0 điểm' : `${points(claim.self)} theo điểm tự chấm`;
      return [{
        effect,
        applicable: true,
        reason: `Đơn vị đánh dấu "Không áp dụng" đối với tiêu chí ${criterion.code} nhưng không giải trình lý do; tiêu chí vẫn được tính vào tổng điểm tối đa và tạm tính ${scored} cho đến khi Hội đồng thẩm định chấp nhận việc không áp dụng (ghi "KAD" ở cột Điểm Hội đồng).`,
      }];
    }
    return [];
  },
});
