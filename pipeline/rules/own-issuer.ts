import { z } from 'zod';
import { documentType, issuerBody } from './cited-documents.js';
import { aboutFile, capitalise, effectClause, evidenceLabel } from './describe.js';
import { isoDateParam } from './params.js';
import { defineRule, type RuleReport } from './rule.js';

/**
 * A criterion that requires the unit's own document (its annual plan, its report) is not met by a
 * document another body issued. The unit's issuer code is its unit code, plus `UBND` for district
 * and commune people's committees (their documents carry `…-UBND`), plus any codes listed in `also`.
 * `from`: only documents dated from then are checked (after a reorganisation, documents of the
 * predecessor bodies still count).
 */
export const ownIssuer = defineRule({
  id: 'own-issuer',
  description: 'Tiêu chí yêu cầu văn bản do chính đơn vị ban hành thì văn bản của cơ quan khác không được tính',
  phase: 'evidence',
  effects: ['exclude', 'review', 'zero'],
  enabledByDefault: true,
  params: z
    .object({
      also: z.array(z.string()).default([]),
      from: isoDateParam.optional(),
    })
    .strict(),
  check({ evidence, criterion, unit, framework, effect, params, trusted }) {
    const expects = criterion.evidence;
    if (!expects?.ownIssuer) return [];
    const own = new Set([unit.code, ...params.also, ...(framework.level === 'so' ? [] : ['UBND'])].map(issuerBody));
    const reports: RuleReport[] = [];
    for (const record of evidence) {
      const e = record.extraction;
      if (e.status !== 'ok' || !e.issuerCode || !trusted(e, 'number')) continue;
      if (expects.types.length > 0 && !expects.types.includes(documentType(e))) continue;
      if (params.from && (!e.date || e.date < params.from)) continue;
      const body = issuerBody(e.issuerCode);
      if (own.has(body)) continue;
      reports.push({
        effect,
        basis: ['number'],
        reason: `${capitalise(evidenceLabel(record))} do cơ quan khác ban hành (ký hiệu ${body}), trong khi tiêu chí ${criterion.code} yêu cầu văn bản do chính đơn vị ban hành; ${effectClause(effect)}.`,
        ...aboutFile(record),
      });
    }
    return reports;
  },
});

