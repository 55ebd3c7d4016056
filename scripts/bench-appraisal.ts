// Benchmark of the appraisal stage alone (rules, scoring, ranking) on a synthetic batch: every unit
// scores every criterion of a bundled framework with a few readings each. Prints time and memory.
//   npx tsx scripts/bench-appraisal.ts [units] [readings per criterion]   (BENCH_ALONE=1: no unit sees the others)
import { appraiseUnit } from '../pipeline/appraisal/appraise.js';
import { rankUnits } from '../pipeline/appraisal/rank.js';
import { bundledFrameworksDir, leafCriteria, loadFramework } from '../pipeline/framework/load-framework.js';
import type { Batch, Claim, Extraction, UnitResult } from '../pipeline/model.js';
import type { EvidenceRecord } from '../pipeline/rules/rule.js';

const units = Number(process.argv[2] ?? 300);
const perCriterion = Number(process.argv[3] ?? 3);
const framework = await loadFramework('thai-nguyen-2024-so', bundledFrameworksDir());
const batch = {
  dir: '/bench', province: 'Bench', year: 2024, dataWindow: { from: '2023-12-01', to: '2024-11-20' }, cutoff: '2024-11-20',
  groups: [], units: [], inputs: {},
} as unknown as Batch;

function reading(n: number, code: string, issuer: string, i: number): Extraction {
  const day = String(1 + (n % 28)).padStart(2, '0');
  return {
    file: '', sha256: `${issuer}-${n}`, status: 'ok', source: 'text', number: `${n}${i === 2 ? 'a' : ''}/${code}-${issuer}`, numeral: String(n),
    suffixed: i === 2, typeCode: code, issuerCode: issuer, year: null, blankNumber: false, date: `2024-0${1 + (n % 9)}-${day}`, place: 'X',
    blankDate: false, confidence: n % 17 === 0 ? 0.5 : 1, numberConfidence: n % 17 === 0 ? 0.5 : 1, dateConfidence: 1, signed: n % 13 !== 0,
    signer: null, signedAt: null, scanned: false, pages: 2, headerPage: 1,
    citations: [{ number: `01/KH-UBND`, date: '2024-01-03', text: '' }], readerVersion: 'bench',
  };
}

// As a run does: every unit of the batch listed, and every unit's evidence seen by the rules that
// compare units (own-issuer). BENCH_ALONE=1 appraises each unit on its own evidence only.
const alone = process.env['BENCH_ALONE'] === '1';
const inputs: Array<{ issuer: string; claims: Claim[]; evidence: EvidenceRecord[] }> = [];
let evidenceCount = 0;
for (let u = 0; u < units; u++) {
  const issuer = `S${u}`;
  const claims: Claim[] = [];
  const evidence: EvidenceRecord[] = [];
  let n = 1;
  for (const { criterion } of leafCriteria(framework)) {
    if (criterion.survey) continue;
    const names: string[] = [];
    if (criterion.evidence?.required !== false) {
      for (let i = 0; i < perCriterion; i++) {
        const name = `${criterion.code}-${i}.pdf`;
        const relPath = `units/${issuer}/evidence/${criterion.code}/${name}`;
        const extraction = { ...reading(n++, criterion.evidence?.types[0] ?? 'BC', issuer, i), file: relPath };
        evidence.push({ file: { unit: issuer, criterion: criterion.code, path: relPath, relPath, name, size: 1 }, extraction });
        names.push(name);
      }
    }
    claims.push({ criterion: criterion.code, self: criterion.max, notApplicable: false, evidenceFiles: names, explanation: `Tại Mục I Kế hoạch số ${n - 1}/KH-${issuer} ngày 05/01/2024.`, row: 1 });
  }
  evidenceCount += evidence.length;
  inputs.push({ issuer, claims, evidence });
}
const unitOf = (u: number) => ({ code: `S${u}`, name: `S${u}`, group: u % 2 ? 'so' : 'huyen' });
batch.units = alone ? [] : inputs.map((_, u) => unitOf(u));
const batchEvidence = new Map(inputs.map((i) => [i.issuer, i.evidence]));

const started = performance.now();
const results: UnitResult[] = inputs.map(({ claims, evidence }, u) => appraiseUnit({
  unit: unitOf(u), batch, framework, claims, evidence, ...(alone ? {} : { batchEvidence }),
  survey: new Map(), adjustments: [], councilDecisions: [], findings: [],
}));
const ranked = rankUnits(results);
const elapsed = performance.now() - started;
const findings = ranked.reduce((s, u) => s + u.criteria.reduce((t, c) => t + c.findings.length, 0), 0);
const mem = process.memoryUsage();
process.stdout.write(
  `${units} đơn vị, ${evidenceCount} tài liệu, ${findings} phát hiện: ${elapsed.toFixed(0)} ms `
  + `(${(elapsed / units).toFixed(2)} ms/đơn vị); heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB\n`,
);
