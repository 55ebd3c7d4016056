// Appraise one unit: every criterion through the rules, then totals, index and rating.
// Ranking across units is rank.ts, once every unit is appraised.
import type {
  Adjustment, Area, Batch, Claim, CouncilDecision, Criterion, CriterionResult, Finding, Framework, Unit, UnitResult,
} from '../model.js';
import { allCriteria } from '../framework/load-framework.js';
import { overMaximum } from '../rules/over-maximum.js';
import type { EvidenceRecord, UncountedFile } from '../rules/rule.js';
import { formatScore, roundScore } from '../util/text.js';
import { appraiseLeaf, COUNCIL_RULE } from './appraise-criterion.js';
import { rateUnit } from './rating.js';
import { computeTotals } from './scoring.js';

export interface UnitInput {
  unit: Unit;
  batch: Batch;
  framework: Framework;
  /** Null when the report could not be read (the reason is among `findings`). */
  claims: Claim[] | null;
  evidence: EvidenceRecord[];
  /**
   * Files in the unit's folders this appraisal does not count, with why (a calendar round's
   * late or left-out files: pipeline/rounds/round-plan.ts); absent when every file counts.
   */
  uncounted?: readonly UncountedFile[];
  /**
   * Every unit's evidence in the batch by unit code, for rules that compare units (own-issuer);
   * this unit's alone when absent.
   */
  batchEvidence?: ReadonlyMap<string, EvidenceRecord[]>;
  /** Survey points per criterion code, for this unit. */
  survey: Map<string, number>;
  adjustments: Adjustment[];
  councilDecisions: CouncilDecision[];
  /** Findings from upstream stages (report format, folders…). */
  findings: Finding[];
}

export const RATING_RULE = 'rating-downgrade';
/** Rating of a unit that could not be appraised (no report, unreadable report): it is not rated or ranked. */
export const NOT_APPRAISED = 'Chưa thẩm định';

export function appraiseUnit(input: UnitInput): UnitResult {
  const { unit, framework } = input;
  const claims = new Map((input.claims ?? []).map((c) => [c.criterion, c]));
  // Evidence by the criterion folder it was filed in, grouped once rather than filtered per criterion.
  const filed = new Map<string, EvidenceRecord[]>();
  for (const e of input.evidence) {
    const list = filed.get(e.file.criterion);
    if (list) list.push(e);
    else filed.set(e.file.criterion, [e]);
  }
  const batchEvidence = input.batchEvidence ?? new Map([[unit.code, input.evidence]]);
  const unitFindings: Finding[] = [...input.findings];
  const decisions = usableDecisions(input, unitFindings);
  const criteria: CriterionResult[] = [];
  const tieBreakCodes = new Set<string>();

  const visit = (criterion: Criterion, area: Area, depth: number, tieBreak: boolean): CriterionResult => {
    const slot = criteria.length;
    criteria.push(undefined as unknown as CriterionResult);
    const breaksTies = tieBreak || criterion.tieBreak === true;
    let result: CriterionResult;
    if (criterion.children.length > 0) {
      const children = criterion.children.map((c) => visit(c, area, depth + 1, breaksTies));
      const applicable = children.filter((c) => !c.notApplicable);
      result = {
        code: criterion.code, title: criterion.title, area: area.code, depth, leaf: false,
        max: roundScore(applicable.reduce((s, c) => s + c.max, 0)), survey: criterion.survey,
        notApplicable: applicable.length === 0,
        self: sumOrNull(applicable.map((c) => c.self)),
        proposed: roundScore(applicable.reduce((s, c) => s + c.proposed, 0)),
        appraised: roundScore(applicable.reduce((s, c) => s + c.appraised, 0)),
        review: children.some((c) => c.review),
        evidence: [], explanation: '', findings: [],
      };
    } else {
      if (breaksTies) tieBreakCodes.add(criterion.code);
      result = appraiseLeaf({
        unit, batch: input.batch, framework, area, criterion, depth,
        claim: claims.get(criterion.code) ?? null,
        unitClaims: claims,
        evidence: filed.get(criterion.code) ?? [],
        ...(input.uncounted ? { uncounted: input.uncounted.filter((u) => u.criterion === criterion.code) } : {}),
        unitEvidence: input.evidence,
        batchEvidence,
        survey: input.survey.get(criterion.code),
        decision: decisions.get(criterion.code),
      });
      // A problem found upstream about this criterion (a self score whose cell could not be read, a
      // criterion code that could not be resolved), or about all of them (a report that is another
      // unit's), also waits for the council.
      const upstream = (f: Finding) => f.effect === 'review' && (f.criterion === criterion.code || (f.allCriteria === true && !criterion.survey));
      if (!result.council && !result.review && input.findings.some(upstream)) {
        result = { ...result, review: true };
      }
    }
    criteria[slot] = result;
    return result;
  };
  for (const area of framework.areas) for (const c of area.criteria) visit(c, area, 0, false);

  const appraised = input.claims !== null;
  // A unit that could not be appraised has no score: no bonus or penalty is counted, nor capped.
  const totals = computeTotals(framework, unit.code, criteria, appraised ? input.adjustments : [], tieBreakCodes);
  unitFindings.push(...totals.findings);
  // The self total as the unit declared it, flagged where it exceeds what its criteria can give
  // (a percentage typed as points): the appraisal already counts each criterion at its maximum.
  const scored = criteria.filter((c) => c.leaf && !c.survey && !c.notApplicable);
  const selfMax = roundScore(scored.reduce((sum, c) => sum + c.max, 0));
  if (appraised && totals.selfTotal > selfMax) {
    const over = scored.filter((c) => (c.self ?? 0) > c.max).map((c) => `${c.code}: ${formatScore(c.self ?? 0)}/${formatScore(c.max)}`);
    unitFindings.push({
      // The same rule as each criterion's over-maximum finding, said once more at the total.
      rule: overMaximum.id, effect: 'info', unit: unit.code,
      reason: `Tổng điểm tự đánh giá ${formatScore(totals.selfTotal)} vượt tổng điểm tối đa ${formatScore(selfMax)} của các tiêu chí đơn vị tự chấm${over.length > 0 ? `, do tự chấm vượt điểm tối đa (${over.join('; ')})` : ''}; tổng tự đánh giá được ghi như đơn vị kê khai, điểm thẩm định mỗi tiêu chí chỉ tính đến điểm tối đa.`,
    });
  }
  const rating = rateUnit(totals.index, totals.areas, framework.scoring);
  if (appraised && rating.downgradedFrom) {
    const weak = rating.weakAreas.map((a) => `lĩnh vực ${a.code} (${a.title}) đạt ${formatScore((a.appraised / a.max) * 100)}%`).join('; ');
    unitFindings.push({
      rule: RATING_RULE, effect: 'info', unit: unit.code,
      reason: `Chỉ số của đơn vị là ${formatScore(totals.index)}, thuộc nhóm ${rating.downgradedFrom}; do ${weak}, dưới mức ${formatScore(framework.scoring.downgrade?.areaBelow ?? 0)}% điểm tối đa, đơn vị được xếp loại ${rating.label}.`,
    });
  }

  return {
    code: unit.code, name: unit.name, group: unit.group, framework: framework.id,
    status: appraised ? 'ok' : 'error',
    selfTotal: totals.selfTotal,
    appraisedTotal: totals.appraisedTotal,
    bonus: totals.bonus, penalty: totals.penalty, surveyPoints: totals.surveyPoints,
    tieBreakPoints: totals.tieBreakPoints,
    pendingReview: criteria.filter((c) => c.leaf && c.review).length,
    maxApplicable: totals.maxApplicable, index: totals.index,
    rating: appraised ? rating.label : NOT_APPRAISED,
    rank: null,
    areas: totals.areas, criteria,
    findings: unitFindings,
    evidence: input.evidence.map((e) => e.extraction),
  };
}

/** Council decisions on scored criteria of this framework; the others become findings. */
function usableDecisions(input: UnitInput, findings: Finding[]): Map<string, CouncilDecision> {
  const isLeaf = new Map(allCriteria(input.framework).map(({ criterion: c }) => [c.code, c.children.length === 0]));
  const out = new Map<string, CouncilDecision>();
  for (const d of input.councilDecisions) {
    if (isLeaf.get(d.criterion) === true) {
      out.set(d.criterion, d);
      continue;
    }
    const why = isLeaf.has(d.criterion)
      ? `tiêu chí ${d.criterion} gồm các tiêu chí thành phần, cần ghi điểm cho từng tiêu chí thành phần`
      : `bộ chỉ số ${input.framework.id} không có tiêu chí ${d.criterion}`;
    findings.push({
      rule: COUNCIL_RULE, effect: 'review', unit: input.unit.code, criterion: d.criterion,
      reason: `Quyết định của Hội đồng thẩm định (${formatScore(d.score)} điểm) không áp dụng được: ${why}.`,
    });
  }
  return out;
}

function sumOrNull(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : roundScore(present.reduce((s, v) => s + v, 0));
}
