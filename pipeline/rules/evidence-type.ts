import { z } from 'zod';
import { documentType } from './cited-documents.js';
import { effectClause, evidenceLabel, explains, notAnExplanation, quote, typeName, typeNames } from './describe.js';
import { defineRule, type EvidenceRecord } from './rule.js';

/** Copies (Decree 30 Appendix III): bản sao y, trích sao, sao lục. */
const COPY_TYPES = ['SY', 'TrS', 'SL'];

/**
 * Evidence must be the kind of document the criterion asks for (a Kế hoạch where the criterion is
 * the annual plan, not a Báo cáo). Evidence that does not show what the criterion asks is treated like
 * missing evidence (Lào Cai §2, Thái Nguyên §4b–c): without an explanation 0, with one the council.
 * `acceptCopies`: a copy (SY, TrS, SL) stands for the document it copies (Tam Đường §4: evidence is
 * submitted "dưới dạng sao gửi").
 */
export const evidenceType = defineRule({
  id: 'evidence-type',
  description: 'Loại văn bản của tài liệu kiểm chứng phải đúng loại tiêu chí yêu cầu (Kế hoạch, Báo cáo, Quyết định…)',
  phase: 'criterion',
  effects: ['zero', 'review', 'info'],
  enabledByDefault: true,
  params: z
    .object({
      withExplanation: z.enum(['review', 'zero', 'info']).default('review'),
      acceptCopies: z.boolean().default(false),
    })
    .strict(),
  check({ criterion, claim, evidence, effect, params, trusted }) {
    const expected = criterion.evidence?.types ?? [];
    if (!claim || expected.length === 0 || evidence.length === 0) return [];
    // A reading we cannot trust might be the right document: the council sees it anyway.
    const known = (r: EvidenceRecord) => r.extraction.status === 'ok' && trusted(r.extraction, 'number') && documentType(r.extraction) !== '';
    if (!evidence.every(known)) return [];
    const accepted = new Set([...expected, ...(params.acceptCopies ? COPY_TYPES : [])]);
    if (evidence.some((r) => accepted.has(documentType(r.extraction)))) return [];
    const found = evidence
      .map((r) => `${typeName(documentType(r.extraction))}, ${evidenceLabel(r)}`)
      .join('; ');
    const head = `Tiêu chí ${criterion.code} yêu cầu tài liệu kiểm chứng là ${typeNames(expected)}, nhưng tài liệu kèm theo là ${found}`;
    const explanation = claim.explanation.trim();
    if (!explains(explanation)) {
      return [{ effect, reason: `${head}; tài liệu không thể hiện nội dung tiêu chí yêu cầu và đơn vị không giải trình${notAnExplanation(explanation)}, ${effectClause(effect)}.` }];
    }
    return [{
      effect: params.withExplanation,
      reason: `${head}; đơn vị có giải trình ${quote(explanation)}, ${effectClause(params.withExplanation)}.`,
    }];
  },
});
