import { formatDateVn } from '../util/text.js';
import { documentType } from './cited-documents.js';
import { aboutFile, effectClause, evidenceLabel, points } from './describe.js';
import { noParams } from './params.js';
import { defineRule, type EvidenceRecord } from './rule.js';

/**
 * A criterion may set an issue deadline (the annual PAR plan by 15 January…) and the score a late
 * document earns (`evidence.deadline`, `evidence.lateScore` in the framework; 0 when not given).
 * The earliest document of the expected type counts: a later amendment does not make a plan late.
 */
export const lateIssue = defineRule({
  id: 'late-issue',
  description: 'Văn bản ban hành sau thời hạn tiêu chí quy định chỉ được tính mức điểm của bộ chỉ số cho trường hợp chậm',
  phase: 'criterion',
  effects: ['cap', 'review'],
  enabledByDefault: true,
  params: noParams,
  check({ criterion, claim, evidence, batch, effect, trusted }) {
    const expects = criterion.evidence;
    if (!claim || !expects?.deadline) return [];
    const deadline = resolveDeadline(expects.deadline, batch.year);
    const candidates = evidence.filter((r) =>
      r.extraction.status === 'ok' && (expects.types.length === 0 || expects.types.includes(documentType(r.extraction))));
    if (candidates.length === 0 || !candidates.every((r) => r.extraction.date && trusted(r.extraction, 'date'))) return [];
    const earliest = candidates.reduce<EvidenceRecord>((a, b) => ((b.extraction.date ?? '') < (a.extraction.date ?? '') ? b : a), candidates[0] as EvidenceRecord);
    const date = earliest.extraction.date ?? '';
    if (date <= deadline) return [];
    const cap = Math.min(expects.lateScore ?? 0, criterion.max);
    return [{
      effect,
      cap,
      basis: ['date'],
      reason: `Tiêu chí ${criterion.code} yêu cầu ban hành chậm nhất ngày ${formatDateVn(deadline)}; ${evidenceLabel(earliest)} ban hành sau thời hạn, ${
        effect === 'cap' ? `nên tiêu chí chỉ được tính tối đa ${points(cap)}` : `theo bộ chỉ số chỉ được tính tối đa ${points(cap)}; ${effectClause(effect)}`}.`,
      ...aboutFile(earliest),
    }];
  },
});

/** `MM-DD` is a date in the assessed year; a full ISO date stands as it is. */
export function resolveDeadline(deadline: string, year: number): string {
  return /^\d{4}-/u.test(deadline) ? deadline : `${year}-${deadline}`;
}
