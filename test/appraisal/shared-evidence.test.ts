// A unit that filed another unit's folder byte for byte (the new-user test's Sở Công Thương filing
// Sở TTTT's files), appraised as a run does: every unit sees the batch's evidence. The copy goes to
// the council file by file; nothing is zeroed on account of it; the unit it was copied from keeps
// its score and is not sent to the council.
import { describe, expect, it } from 'vitest';
import { appraiseUnit } from '../../pipeline/appraisal/appraise.js';
import { rankUnits } from '../../pipeline/appraisal/rank.js';
import { leafCriteria } from '../../pipeline/framework/load-framework.js';
import type { Claim, Unit } from '../../pipeline/model.js';
import type { EvidenceRecord } from '../../pipeline/rules/rule.js';
import { bundled, batchFor, CLEAN_EXPLANATION } from '../frameworks/support/batch.js';
import { reading, record } from '../rules/support/factory.js';

describe('a folder copied from another unit (Hưng Yên 2021)', async () => {
  const framework = await bundled('hung-yen-2021-so');
  const units: Unit[] = [
    { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', group: 'so' },
    { code: 'SCT', name: 'Sở Công Thương', group: 'so' },
  ];
  const batch = batchFor(framework, { units });
  // Sở TTTT's clean folder: one signed document of the expected type per criterion, its own.
  const leaves = leafCriteria(framework).map((l) => l.criterion).filter((c) => !c.survey);
  const documents = new Map(leaves.filter((c) => c.evidence?.required !== false).map((c, i) => {
    const type = c.evidence?.types[0] ?? 'BC';
    const number = type === 'CV' ? `${100 + i}/STTTT-VP` : `${100 + i}/${type}-STTTT`;
    return [c.code, reading(number, `${batch.year}-01-10`, { sha256: `stttt-${c.code}` })];
  }));
  const folderOf = (unit: string): EvidenceRecord[] => [...documents].map(([code, e]) => record(code, `${code}.pdf`, e, unit));
  const claimsOf = (evidence: EvidenceRecord[]): Claim[] => leaves.map((c) => ({
    criterion: c.code, self: c.max, notApplicable: false, row: 5, explanation: CLEAN_EXPLANATION,
    evidenceFiles: evidence.filter((r) => r.file.criterion === c.code).map((r) => r.file.name),
  }));
  const batchEvidence = new Map(units.map((u) => [u.code, folderOf(u.code)]));
  const [stttt, sct] = rankUnits(units.map((unit) => appraiseUnit({
    unit, batch, framework, claims: claimsOf(batchEvidence.get(unit.code)!), evidence: batchEvidence.get(unit.code)!, batchEvidence,
    survey: new Map(leafCriteria(framework).filter((l) => l.criterion.survey).map((l) => [l.criterion.code, l.criterion.max])),
    adjustments: [], councilDecisions: [], findings: [],
  })));
  const shared = (u: typeof sct) => u!.criteria.flatMap((c) => c.findings.filter((f) => f.rule === 'shared-evidence'));

  it('every file of the copy goes to the council, naming Sở TTTT\'s file', () => {
    const findings = shared(sct);
    expect(findings).toHaveLength(documents.size);
    expect(new Set(findings.map((f) => f.effect))).toEqual(new Set(['review']));
    const plan = findings.find((f) => f.criterion === '1.1.2')!;
    expect(plan.file).toBe('units/SCT/evidence/1.1.2/1.1.2.pdf');
    expect(plan.reason).toContain('với tệp "units/STTTT/evidence/1.1.2/1.1.2.pdf" của Sở Thông tin và Truyền thông (STTTT); văn bản mang ký hiệu STTTT của Sở Thông tin và Truyền thông (STTTT)');
    for (const c of sct!.criteria.filter((k) => k.leaf && documents.has(k.code))) expect(c.review, c.code).toBe(true);
  });

  it('nothing is zeroed on account of the copy: the proposals are what the other rules make them', () => {
    const zeroed = sct!.criteria.flatMap((c) => c.findings).filter((f) => f.effect === 'zero' || f.effect === 'exclude' || f.effect === 'cap');
    expect(zeroed.map((f) => f.rule).filter((r) => r === 'shared-evidence')).toEqual([]);
    // 1.1.2 does not ask for the unit's own document: the copied report stands until the council decides.
    const report = sct!.criteria.find((c) => c.code === '1.1.2')!;
    expect(report).toMatchObject({ self: report.max, proposed: report.max, review: true });
    expect(report.findings.map((f) => [f.rule, f.effect])).toEqual([['shared-evidence', 'review']]);
  });

  it('Sở TTTT, whose folder was copied, keeps 100 and is not sent to the council: its findings are information', () => {
    expect(stttt).toMatchObject({ code: 'STTTT', appraisedTotal: 100 });
    expect(new Set(shared(stttt).map((f) => f.effect))).toEqual(new Set(['info']));
    expect(stttt!.criteria.filter((c) => c.review).map((c) => c.code)).toEqual([]);
  });
});
