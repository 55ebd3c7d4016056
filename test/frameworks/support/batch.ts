// A small batch for a bundled framework: every unit starts from a clean file (full self scores, one
// signed document of the expected type per criterion, dated inside the period, explanations that name
// the section) and each test changes only what shows the rule at work.
import { appraiseUnit } from '../../../pipeline/appraisal/appraise.js';
import { rankUnits } from '../../../pipeline/appraisal/rank.js';
import { bundledFrameworksDir, leafCriteria, loadFramework } from '../../../pipeline/framework/load-framework.js';
import type { Adjustment, Batch, Claim, CouncilDecision, Extraction, Framework, UnitResult } from '../../../pipeline/model.js';
import type { EvidenceRecord } from '../../../pipeline/rules/rule.js';
import { reading, record, testBatch } from '../../rules/support/factory.js';

export function bundled(id: string): Promise<Framework> {
  return loadFramework(id, bundledFrameworksDir());
}

export interface CriterionChange {
  self?: number | null;
  explanation?: string;
  notApplicable?: boolean;
  /** Readings filed under the criterion, replacing the clean one; [] for none. */
  evidence?: Extraction[];
  /** The reported figure (criteria scored from one); the clean file reports the top bracket's. */
  figure?: Claim['figure'] | null;
}

export interface UnitSpec {
  code: string;
  name?: string;
  group: string;
  /** Decree 30 issuer code on the unit's own documents (`SXD`, `UBND`). */
  issuer: string;
  changes?: Record<string, CriterionChange>;
  /** Survey points by criterion (null: missing from the survey file); full marks otherwise. */
  survey?: Record<string, number | null>;
  adjustments?: Array<Omit<Adjustment, 'unit'>>;
  decisions?: Array<Omit<CouncilDecision, 'unit'>>;
}

export const CLEAN_EXPLANATION = 'Kết quả được minh chứng tại Mục I của tài liệu kiểm chứng kèm theo.';

/** Appraise every unit of a small batch with one framework, then rank them. */
export function appraiseBatch(framework: Framework, batch: Batch, specs: UnitSpec[]): UnitResult[] {
  const units = specs.map((spec) => {
    const unit = { code: spec.code, name: spec.name ?? spec.code, group: spec.group };
    const claims: Claim[] = [];
    const evidence: EvidenceRecord[] = [];
    const survey = new Map<string, number>();
    let n = 100; // tests use numbers below 100 for the documents they plant
    for (const { criterion } of leafCriteria(framework)) {
      const change = spec.changes?.[criterion.code] ?? {};
      if (criterion.survey) {
        const points = spec.survey?.[criterion.code];
        if (points !== null) survey.set(criterion.code, points ?? criterion.max);
        if (change.self !== undefined) claims.push({ criterion: criterion.code, self: change.self, notApplicable: false, evidenceFiles: [], explanation: '', row: 5 });
        continue;
      }
      let readings: Extraction[] = [];
      if (change.evidence) readings = change.evidence;
      else if (criterion.evidence?.required !== false) {
        const type = criterion.evidence?.types[0] ?? 'BC';
        const number = type === 'CV' ? `${n++}/${spec.issuer}-VP` : `${n++}/${type}-${spec.issuer}`;
        readings = [reading(number, `${batch.year}-01-10`, { sha256: `${spec.code}-${criterion.code}` })];
      }
      const records = readings.map((r, i) => record(criterion.code, `${criterion.code}-${i + 1}.pdf`, r, spec.code));
      evidence.push(...records);
      const top = criterion.figure?.brackets[0];
      const figure = change.figure === undefined ? (top ? { value: top.min } : undefined) : change.figure ?? undefined;
      claims.push({
        criterion: criterion.code,
        self: change.self === undefined ? criterion.max : change.self,
        notApplicable: change.notApplicable ?? false,
        evidenceFiles: records.map((r) => r.file.name),
        explanation: change.explanation ?? CLEAN_EXPLANATION,
        ...(figure ? { figure } : {}),
        row: 5,
      });
    }
    return appraiseUnit({
      unit, batch, framework, claims, evidence, survey,
      adjustments: (spec.adjustments ?? []).map((a) => ({ ...a, unit: spec.code })),
      councilDecisions: (spec.decisions ?? []).map((d) => ({ ...d, unit: spec.code })),
      findings: [],
    });
  });
  return rankUnits(units);
}

/** A batch for the framework's year, its period taken from the framework's defaults. */
export function batchFor(framework: Framework, overrides: Partial<Batch> = {}): Batch {
  const year = framework.year ?? 2024;
  const w = framework.dataWindow;
  const from = w ? `${w.fromPreviousYear ? year - 1 : year}-${w.from}` : `${year}-01-01`;
  const to = w ? `${year}-${w.to}` : `${year}-12-31`;
  return testBatch({ year, dataWindow: { from, to }, cutoff: w?.cutoff ? `${year}-${w.cutoff}` : to, province: framework.province, ...overrides });
}

export function unitOf(results: UnitResult[], code: string): UnitResult {
  const found = results.find((u) => u.code === code);
  if (!found) throw new Error(`no unit ${code}`);
  return found;
}

export function criterionOf(unit: UnitResult, code: string) {
  const found = unit.criteria.find((c) => c.code === code);
  if (!found) throw new Error(`no criterion ${code}`);
  return found;
}
