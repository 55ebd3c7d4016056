import { z } from 'zod';
import type { Criterion, Framework, Unit } from '../model.js';
import { documentType, issuerBody } from './cited-documents.js';
import { aboutFile, capitalise, effectClause, evidenceLabel } from './describe.js';
import { isoDateParam } from './params.js';
import { FrameworkMemo } from './memo.js';
import { defineRule, type EvidenceRecord, type RuleContext, type RuleReport } from './rule.js';

/**
 * A criterion that requires the unit's own document (its annual plan, its report) is not met by a
 * document another body issued. The unit's own issuer codes: its unit code; `UBND` for district and
 * commune people's committees (their documents carry `…-UBND`); the codes listed in `also`; the
 * unit's `issuerCodes` from batch.yaml when given, else the issuer that signs most of what the unit
 * filed under the criteria asking for its own documents (at least `usualShare` of it), since batch
 * unit codes need not be Decree 30 issuer codes. That usual issuer is never another unit's of the
 * batch: not another unit's code or declared `issuerCodes` (a unit filing another unit's folder is
 * not made that unit), nor another unit's own usual issuer; in that last case the documents go to
 * the council (`review`), since which of the two units issued them is for a person to say.
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
  check({ evidence, unitEvidence, batchEvidence, batch, criterion, unit, framework, effect, params, trusted }) {
    const expects = criterion.evidence;
    if (!expects?.ownIssuer) return [];
    const ownCriteria = criteriaAskingOwn(framework);
    const issuers = batchIssuers(batch.units, batchEvidence, framework, ownCriteria, params.usualShare, trusted);
    const otherUnitOf = (body: string) => {
      const holder = issuers.stated.get(body);
      return holder !== undefined && holder !== unit.code ? holder : undefined;
    };
    const usualOfOther = (body: string) => issuers.usual.get(body)?.find((code) => code !== unit.code);
    const declared = unit.issuerCodes ?? [];
    const inferred = declared.length > 0 ? null : usualIssuerOf(unitEvidence, framework, ownCriteria, params.usualShare, trusted);
    const usual = inferred && !otherUnitOf(inferred) && !usualOfOther(inferred) ? inferred : null;
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
      // Shared with another unit only by inference on both sides: which one issued it is not certain.
      const contested = body === inferred && !otherUnitOf(body) ? usualOfOther(body) : undefined;
      const whose = contested ? `, cũng là ký hiệu trên phần lớn văn bản của ${unitName(batch.units, contested)}` : '';
      const chosen = contested ? 'review' : effect;
      reports.push({
        effect: chosen,
        basis: ['number'],
        reason: `${capitalise(evidenceLabel(record))} do cơ quan khác ban hành (ký hiệu ${body}${whose}), trong khi tiêu chí ${criterion.code} yêu cầu văn bản do chính đơn vị ban hành; ${effectClause(chosen)}.`,
        ...aboutFile(record),
      });
    }
    return reports;
  },
});


/** Codes of the framework's criteria that ask for the unit's own documents (`evidence.ownIssuer`). */
export function criteriaAskingOwn(framework: Framework): Set<string> {
  const out = new Set<string>();
  const walk = (c: Criterion) => {
    if (c.evidence?.ownIssuer) out.add(c.code);
    c.children.forEach(walk);
  };
  framework.areas.forEach((a) => a.criteria.forEach(walk));
  return out;
}

/** `Sở Tư pháp (STP)`: a unit of the batch as findings name it; the bare code when it is not listed. */
export function unitName(units: readonly Unit[], code: string): string {
  const u = units.find((x) => x.code === code);
  return u ? `${u.name} (${u.code})` : code;
}

export interface BatchIssuers {
  /** Issuer body → the unit whose code, or declared `issuerCodes`, it is (the first listed). */
  stated: Map<string, string>;
  /** Usual issuer body → the units (no `issuerCodes`) whose documents mostly carry it. */
  usual: Map<string, string[]>;
}

const batchCache = new FrameworkMemo<ReadonlyMap<string, EvidenceRecord[]>, number, BatchIssuers>();

/**
 * The issuer bodies the batch's units go by: stated (unit codes, `issuerCodes`) and usual (inferred
 * from each unit's documents; a usual issuer that is another unit's stated code is no one's usual).
 * Worked out once per batch evidence, framework and share, not once per unit and criterion.
 */
export function batchIssuers(
  units: readonly Unit[], batchEvidence: ReadonlyMap<string, EvidenceRecord[]>, framework: Framework,
  ownCriteria: Set<string>, share: number, trusted: RuleContext['trusted'],
): BatchIssuers {
  return batchCache.get(batchEvidence, framework, share, () => {
    const stated = new Map<string, string>();
    for (const u of units) for (const c of [u.code, ...(u.issuerCodes ?? [])]) if (!stated.has(issuerBody(c))) stated.set(issuerBody(c), u.code);
    const usual = new Map<string, string[]>();
    for (const u of units) {
      if ((u.issuerCodes ?? []).length > 0) continue;
      const theirs = usualIssuerOf(batchEvidence.get(u.code) ?? [], framework, ownCriteria, share, trusted);
      if (!theirs) continue;
      const holder = stated.get(theirs);
      if (holder !== undefined && holder !== u.code) continue;
      usual.set(theirs, [...(usual.get(theirs) ?? []), u.code]);
    }
    return { stated, usual };
  });
}

const usualCache = new FrameworkMemo<EvidenceRecord[], number, string | null>();

/**
 * A unit's usual issuer body: judged on what it filed where its own documents are asked for (all
 * its readable documents when it filed none there), remembered per evidence list since every
 * criterion of every unit asks for the other units' too.
 */
function usualIssuerOf(
  records: EvidenceRecord[], framework: Framework, ownCriteria: Set<string>, share: number, trusted: RuleContext['trusted'],
): string | null {
  // Per framework: it says which criteria ask for own documents and which readings are trusted.
  return usualCache.get(records, framework, share, () => {
    const readable = records.filter((r) => r.extraction.status === 'ok' && trusted(r.extraction, 'number'));
    const asked = readable.filter((r) => ownCriteria.has(r.file.criterion));
    return usualIssuer(asked.length > 0 ? asked : readable, share);
  });
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
