import { formatDateVn } from '../util/text.js';
import { findCitedDocuments, issuerBody, issuerOfNumber, numberKey } from './cited-documents.js';
import { aboutFile, effectClause, fileLabel } from './describe.js';
import { defineRule, type EvidenceRecord, type RuleReport } from './rule.js';
import { noParams } from './params.js';

/**
 * The explanation (giải trình) must rest on the evidence: a number it cites should be carried by an
 * attached document, with the same date. Only numbers of bodies whose documents the unit filed (its
 * own, mostly) are checked: a decree or circular cited as the legal basis is not evidence. A number
 * the evidence itself cites in its body (the province's plan a department's plan implements) is a
 * basis, not a claim, and is not questioned either. Nor is a cited number no file is known to carry
 * while a file of the criterion could not be read or its number was not read with confidence: that
 * file may be the one (its own finding sends it to a person). A criterion without any file is
 * checked against the unit's other evidence (Lào Cai §2: the unit answers for what it explains).
 */
export const explanationCitation = defineRule({
  id: 'explanation-citation',
  description: 'Giải trình nêu số, ngày văn bản không khớp với tài liệu kiểm chứng đính kèm',
  phase: 'criterion',
  effects: ['review', 'info', 'zero'],
  enabledByDefault: true,
  params: noParams,
  check({ criterion, claim, evidence, excluded, unitEvidence, unit, effect, trusted }) {
    if (!claim || criterion.survey || claim.explanation.trim() === '') return [];
    // A criterion with no file at all is checked too: its explanation citing the unit's own document
    // that no file of the unit carries is what the council must weigh (no-evidence sends it there).
    const own = [...evidence, ...excluded];
    const citedDocuments = findCitedDocuments(claim.explanation);
    // The unit-wide lookups below are built only for an explanation that cites something.
    if (citedDocuments.length === 0) return [];
    const byNumber = (key: string) => unitEvidence.filter((r) => r.extraction.number && numberKey(r.extraction.number) === key);
    // Needed only for a cited number no file carries: built then, once.
    let cited: Set<string> | undefined;
    const citedInBodies = () => (cited ??= new Set(unitEvidence.flatMap((r) => r.extraction.citations.map((c) => (c.number ? numberKey(c.number) : '')))));
    const filedBodies = new Set([unit.code, ...unitEvidence.map((r) => r.extraction.issuerCode ?? '')].filter(Boolean).map(issuerBody));
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const cited of citedDocuments) {
      const key = numberKey(cited.number);
      if (seen.has(key) || !filedBodies.has(issuerOfNumber(cited.number))) continue;
      seen.add(key);
      const what = `văn bản số ${cited.number}${cited.date ? ` ngày ${formatDateVn(cited.date)}` : ''}`;
      const carriers = byNumber(key);
      if (carriers.length === 0) {
        if (citedInBodies().has(key)) continue;
        // A file of the criterion whose number is unknown may carry it: not questioned.
        if (own.some((r) => r.extraction.status !== 'ok' || (!r.extraction.blankNumber && (!r.extraction.number || !trusted(r.extraction, 'number'))))) continue;
        reports.push({
          effect,
          reason: `Giải trình của tiêu chí ${criterion.code} nêu ${what}, nhưng không có tài liệu kiểm chứng nào của đơn vị mang số này${attachedNumbers(own)}; ${effectClause(effect)}.`,
        });
        continue;
      }
      if (!cited.date) continue;
      const dated = carriers.filter((r) => r.extraction.date);
      if (dated.length === 0 || dated.some((r) => r.extraction.date === cited.date)) continue;
      const carrier = dated[0] as EvidenceRecord;
      reports.push({
        effect,
        reason: `Giải trình của tiêu chí ${criterion.code} nêu ${what}, nhưng tài liệu kiểm chứng mang số này (${fileLabel(carrier)}) ghi ngày ${formatDateVn(carrier.extraction.date ?? '')}; ${effectClause(effect)}.`,
        ...aboutFile(carrier),
      });
    }
    return reports;
  },
});

function attachedNumbers(records: EvidenceRecord[]): string {
  const numbers = [...new Set(records.map((r) => r.extraction.number).filter((n): n is string => !!n))];
  return numbers.length === 0 ? '' : ` (tài liệu kèm theo tiêu chí mang số ${numbers.join(', ')})`;
}
