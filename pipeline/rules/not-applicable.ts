import { z } from 'zod';
import type { Claim, Criterion, Framework } from '../model.js';
import { explains, notAnExplanation, percent, points, quote } from './describe.js';
import { FrameworkMemo } from './memo.js';
import { criterionCodes } from './params.js';
import { defineRule } from './rule.js';

/**
 * "Không áp dụng": a unit that by its nature does not carry out a criterion is assessed on the rest,
 * normalised to 100 (Hưng Yên art. 3.3, 4.3b). The framework says which criteria may be waived and
 * whether the unit must explain; a waiver the framework does not allow, or one without the required
 * explanation, or one of a whole content area (every unit of a group carries each area), keeps the
 * criterion in the maximum and goes to the council, which may still accept it. A waiver granted on
 * the unit's explanation is an `info` finding, so the reduced scale is said wherever it counts.
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
      /**
       * The share of the framework's scored maximum (survey criteria aside) a unit may mark "Không
       * áp dụng" before every waiver goes to the council: a unit waiving most of the framework would
       * otherwise be rated on what little it kept (normalised to 100).
       */
      maxWaivedShare: z.number().min(0).max(1).default(0.25),
      /**
       * Whether a unit may waive a whole content area (lĩnh vực) on its own explanation. By default
       * not: every unit of a group carries each area (Hưng Yên art. 3.3 reduces the scale only for
       * "đặc thù" a council judges), so such waivers go to the council.
       */
      wholeArea: z.boolean().default(false),
    })
    .strict(),
  check({ criterion, claim, params, effect, framework, unitClaims, area }) {
    if (criterion.survey || !claim?.notApplicable) return [];
    // What the criterion counts for while the council has not accepted the waiver.
    const scored = claim.self === null ? '0 điểm' : `${points(claim.self)} theo điểm tự chấm`;
    const waived = unitClaims ? waivedMemo.get(unitClaims, framework, 'waived', () => waivedShare(framework, unitClaims)) : null;
    if (waived && waived.share > params.maxWaivedShare) {
      return [{
        effect,
        applicable: true,
        reason: `Đơn vị đánh dấu "Không áp dụng" ${waived.count} tiêu chí với tổng điểm tối đa ${points(waived.points)}, bằng ${percent(waived.share)} điểm các tiêu chí của bộ chỉ số, vượt mức ${percent(params.maxWaivedShare)}; tiêu chí ${criterion.code} vẫn được tính vào tổng điểm tối đa và tạm tính ${scored} cho đến khi Hội đồng thẩm định xem xét, chấp nhận việc không áp dụng (ghi "KAD" ở cột Điểm Hội đồng).`,
      }];
    }
    const allowed = params.allowed === 'all' || params.allowed.includes(criterion.code);
    if (!allowed) {
      return [{
        effect,
        applicable: true,
        reason: `Đơn vị đánh dấu "Không áp dụng" đối với tiêu chí ${criterion.code}, nhưng bộ chỉ số không cho phép miễn đánh giá tiêu chí này; tiêu chí vẫn được tính vào tổng điểm tối đa và tạm tính ${scored}. Đề nghị Hội đồng thẩm định xem xét, quyết định.`,
      }];
    }
    const areaLeaves = scoredLeaves(area.criteria);
    if (!params.wholeArea && unitClaims && areaLeaves.length > 1 && areaLeaves.every((c) => unitClaims.get(c.code)?.notApplicable === true)) {
      return [{
        effect,
        applicable: true,
        reason: `Đơn vị đánh dấu "Không áp dụng" toàn bộ ${areaLeaves.length} tiêu chí của lĩnh vực ${area.code} (${area.title}); lĩnh vực mọi đơn vị trong nhóm đều phải thực hiện nên tiêu chí ${criterion.code} vẫn được tính vào tổng điểm tối đa và tạm tính ${scored} cho đến khi Hội đồng thẩm định xem xét, chấp nhận việc không áp dụng (ghi "KAD" ở cột Điểm Hội đồng).`,
      }];
    }
    if (params.requireExplanation && !explains(claim.explanation)) {
      // Unexplained, the waiver is not granted yet: the criterion stays in the maximum (at the self
      // score, 0 when blank) until the council accepts it, so the index cannot rise on a bare tick.
      return [{
        effect,
        applicable: true,
        reason: `Đơn vị đánh dấu "Không áp dụng" đối với tiêu chí ${criterion.code} nhưng không giải trình lý do${notAnExplanation(claim.explanation)}; tiêu chí vẫn được tính vào tổng điểm tối đa và tạm tính ${scored} cho đến khi Hội đồng thẩm định chấp nhận việc không áp dụng (ghi "KAD" ở cột Điểm Hội đồng).`,
      }];
    }
    // Granted on the unit's explanation: said, so the minutes and the audit show the reduced scale.
    return [{
      effect: 'info',
      reason: `Không áp dụng theo ${claim.explanation.trim() ? `giải trình của đơn vị: ${quote(claim.explanation.trim())}` : 'đánh dấu của đơn vị'}; tiêu chí ${criterion.code} (tối đa ${points(criterion.max)}) không tính vào tổng điểm tối đa (Hội đồng thẩm định có thể không chấp nhận).`,
    }];
  },
});

/** The scored (non-survey) leaf criteria below `criteria`. */
function scoredLeaves(criteria: Criterion[]): Criterion[] {
  return criteria.flatMap((c) => (c.children.length > 0 ? scoredLeaves(c.children) : c.survey ? [] : [c]));
}

/** The unit's waived share, worked out once per unit's claims and framework, not once per waived criterion. */
const waivedMemo = new FrameworkMemo<ReadonlyMap<string, Claim>, 'waived', ReturnType<typeof waivedShare>>();

/**
 * How much of the framework's scored maximum (leaf criteria, survey ones aside) the unit marked
 * "Không áp dụng": the number of such criteria, their points and their share of that maximum.
 */
export function waivedShare(framework: Framework, claims: ReadonlyMap<string, Claim>): { count: number; points: number; share: number } {
  const leaves: Criterion[] = [];
  const visit = (c: Criterion): void => {
    if (c.children.length > 0) c.children.forEach(visit);
    else if (!c.survey) leaves.push(c);
  };
  for (const area of framework.areas) area.criteria.forEach(visit);
  const total = leaves.reduce((s, c) => s + c.max, 0);
  const waived = leaves.filter((c) => claims.get(c.code)?.notApplicable === true);
  const points = waived.reduce((s, c) => s + c.max, 0);
  return { count: waived.length, points, share: total > 0 ? points / total : 0 };
}
