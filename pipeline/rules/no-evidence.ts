import type { Rule } from './rule.js';

/** Lào Cai §2, Thái Nguyên §4b–c: no evidence and no explanation scores zero. */
export const noEvidence: Rule = {
  id: 'no-evidence',
  description: 'Không có tài liệu kiểm chứng và không có giải trình thì chấm điểm 0',
  check({ criterion, claim, evidence }) {
    if (criterion.survey || !claim || claim.notApplicable || !claim.self) return [];
    if (evidence.length > 0 || criterion.evidence?.required === false) return [];
    if (claim.explanation.trim() === '') {
      return [{ effect: 'zero', reason: 'Không có tài liệu kiểm chứng và không có giải trình: chấm điểm 0.' }];
    }
    return [{ effect: 'review', reason: 'Không có tài liệu kiểm chứng, đơn vị có giải trình: Hội đồng xem xét quyết định.' }];
  },
};
