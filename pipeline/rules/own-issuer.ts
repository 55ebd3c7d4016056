import { z } from 'zod';
import type { Criterion, Framework } from '../model.js';
import { documentType, issuerBody } from './cited-documents.js';
import { aboutFile, capitalise, effectClause, evidenceLabel } from './describe.js';
import { isoDateParam } from './params.js';
import { defineRule, type EvidenceRecord, type RuleReport } from './rule.js';

/**
 * A criterion that requires the unit's own document (its annual plan, its report) is not met by a
 * document another body issued. The unit's own issuer codes: its unit code; `UBND` for district and
 * commune people's committees (their documents carry `…-UBND`); the codes listed in `also`; the
 * unit's `issuerCodes` from batch.yaml when given, else the issuer that signs most of what the unit
 * filed under the criteria asking for its own documents (at least `usualShare` of it), since batch
 * unit codes need not be Decree 30 issuer codes.
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
      usualShare: z.number().min(0).max(1).default(0.4),
    })
    .strict(),
  check({ evidence, unitEvidence, criterion, unit, framework, effect, params, trusted }) {
    const expects = criterion.evidence;
    if (!expects?.ownIssuer) return [];
    // The unit's usual issuer, judged on what it filed where its own documents are asked for.
    const ownCriteria = criteriaAskingOwn(framework);
    const readable = unitEvidence.filter((r) => r.extraction.status === 'ok' && trusted(r.extraction, 'number'));
    const asked = readable.filter((r) => ownCriteria.has(r.file.criterion));
    const declared = unit.issuerCodes ?? [];
    const usual = declared.length > 0 ? null : usualIssuer(asked.length > 0 ? asked : readable, params.usualShare);
    const own = new Set(
      [unit.code, ...declared, ...params.also, ...(framework.level === 'so' ? [] : ['UBND']), ...(usual ? [usual] : [])].map(issuerBody),
    );
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


function criteriaAskingOwn(framework: Framework): Set<string> {
  const out = new Set<string>();
  const walk = (c: Criterion) => {
    if (c.evidence?.ownIssuer) out.add(c.code);
    c.children.forEach(walk);
  };
  framework.areas.forEach((a) => a.criteria.forEach(walk));
  return out;
}

/** The issuer body on most of the unit's documents, when it signs at least `share` of them. */
function usualIssuer(records: EvidenceRecord[], share: number): string | null {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of records) {
    const { issuerCode, sha256 } = r.extraction;
    if (!issuerCode || seen.has(sha256)) continue;
    seen.add(sha256);
    const body = issuerBody(issuerCode);
    counts.set(body, (counts.get(body) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best && seen.size > 0 && best[1] / seen.size >= share ? best[0] : null;
}
