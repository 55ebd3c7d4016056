// Turn one unit's claims and evidence into proposed and appraised scores, with findings.
import type {
  Adjustment, Area, AreaResult, Batch, Claim, CouncilDecision, Criterion, CriterionResult, Finding,
  Framework, Unit, UnitResult,
} from '../model.js';
import { RULES } from '../rules/index.js';
import type { EvidenceRecord } from '../rules/rule.js';
import { roundScore } from '../util/text.js';
import { rateIndex } from './rating.js';

export interface UnitInput {
  unit: Unit;
  batch: Batch;
  framework: Framework;
  /** Null when the report could not be read (the reason is among `findings`). */
  claims: Claim[] | null;
  evidence: EvidenceRecord[];
  /** Survey points per criterion code, for this unit. */
  survey: Map<string, number>;
  adjustments: Adjustment[];
  councilDecisions: CouncilDecision[];
  /** Findings from upstream stages (report format, folders…). */
  findings: Finding[];
}

export function appraiseUnit(input: UnitInput): UnitResult {
  const { unit, framework } = input;
  const claims = new Map((input.claims ?? []).map((c) => [c.criterion, c]));
  const decisions = new Map(input.councilDecisions.map((d) => [d.criterion, d]));
  const criteria: CriterionResult[] = [];

  const visit = (criterion: Criterion, area: Area, depth: number): CriterionResult => {
    const slot = criteria.length;
    criteria.push(undefined as unknown as CriterionResult);
    let result: CriterionResult;
    if (criterion.children.length > 0) {
      const children = criterion.children.map((c) => visit(c, area, depth + 1));
      const applicable = children.filter((c) => !c.notApplicable);
      result = {
        code: criterion.code, title: criterion.title, area: area.code, depth, leaf: false,
        max: criterion.max, survey: criterion.survey,
        notApplicable: applicable.length === 0,
        self: sumOrNull(applicable.map((c) => c.self)),
        proposed: roundScore(applicable.reduce((s, c) => s + c.proposed, 0)),
        appraised: roundScore(applicable.reduce((s, c) => s + c.appraised, 0)),
        evidence: [], explanation: '', findings: [],
      };
    } else {
      result = appraiseLeaf(input, criterion, area, depth, claims.get(criterion.code) ?? null, decisions.get(criterion.code));
    }
    criteria[slot] = result;
    return result;
  };
  for (const area of framework.areas) for (const c of area.criteria) visit(c, area, 0);

  const leaves = criteria.filter((c) => c.leaf);
  const areas: AreaResult[] = framework.areas.map((area) => {
    const own = leaves.filter((c) => c.area === area.code && !c.notApplicable);
    const max = roundScore(own.reduce((s, c) => s + c.max, 0));
    const appraised = roundScore(own.reduce((s, c) => s + c.appraised, 0));
    return {
      code: area.code, title: area.title, kind: area.kind, max,
      self: roundScore(own.reduce((s, c) => s + (c.self ?? 0), 0)),
      appraised,
      index: max > 0 ? roundScore((appraised / max) * 100) : 0,
    };
  });

  const bonus = Math.min(sumPoints(input.adjustments, 'bonus'), framework.scoring.bonusMax);
  const penalty = Math.min(sumPoints(input.adjustments, 'penalty'), framework.scoring.penaltyMax);
  const maxApplicable = roundScore(areas.reduce((s, a) => s + a.max, 0));
  const pointsTotal = areas.reduce((s, a) => s + a.appraised, 0);
  const appraisedTotal = roundScore(pointsTotal + bonus - penalty);
  const index = maxApplicable > 0 ? roundScore(Math.max(0, (appraisedTotal / maxApplicable) * framework.scoring.scale)) : 0;
  const surveyPoints = roundScore(leaves.filter((c) => c.survey).reduce((s, c) => s + c.appraised, 0));

  return {
    code: unit.code, name: unit.name, group: unit.group, framework: framework.id,
    status: input.claims === null ? 'error' : 'ok',
    selfTotal: roundScore(leaves.reduce((s, c) => s + (c.survey || c.notApplicable ? 0 : (c.self ?? 0)), 0)),
    appraisedTotal, bonus, penalty, surveyPoints, maxApplicable, index,
    rating: rateIndex(index, areas, framework.scoring),
    rank: null,
    areas, criteria,
    findings: input.findings,
    evidence: input.evidence.map((e) => e.extraction),
  };
}

function appraiseLeaf(
  input: UnitInput, criterion: Criterion, area: Area, depth: number, claim: Claim | null, decision: CouncilDecision | undefined,
): CriterionResult {
  const evidence = input.evidence.filter((e) => e.file.criterion === criterion.code);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const settings = input.framework.rules[rule.id];
    if (!settings?.enabled) continue;
    const reports = rule.check({
      unit: input.unit, batch: input.batch, framework: input.framework, area, criterion, claim,
      evidence, unitEvidence: input.evidence, settings,
    });
    for (const r of reports) findings.push({ rule: rule.id, unit: input.unit.code, criterion: criterion.code, ...r });
  }

  const notApplicable = claim?.notApplicable === true && !criterion.survey;
  let proposed: number;
  if (criterion.survey) {
    proposed = Math.min(input.survey.get(criterion.code) ?? 0, criterion.max);
  } else {
    proposed = Math.max(0, Math.min(claim?.self ?? 0, criterion.max));
    for (const f of findings) {
      if (f.effect === 'zero') proposed = 0;
      else if (f.effect === 'cap' && f.cap !== undefined) proposed = Math.min(proposed, f.cap);
    }
  }
  proposed = roundScore(proposed);
  const result: CriterionResult = {
    code: criterion.code, title: criterion.title, area: area.code, depth, leaf: true,
    max: criterion.max, survey: criterion.survey, notApplicable,
    self: criterion.survey ? null : (claim?.self ?? null),
    proposed,
    appraised: decision ? roundScore(Math.min(Math.max(decision.score, 0), criterion.max)) : proposed,
    evidence: evidence.map((e) => e.file.relPath),
    explanation: claim?.explanation ?? '',
    findings,
  };
  if (decision) result.council = { score: decision.score, note: decision.note };
  return result;
}

function sumOrNull(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : roundScore(present.reduce((s, v) => s + v, 0));
}

function sumPoints(adjustments: Adjustment[], kind: Adjustment['kind']): number {
  return roundScore(adjustments.filter((a) => a.kind === kind).reduce((s, a) => s + a.points, 0));
}
