// Score arithmetic (Hưng Yên art. 3.3 and 4.3): criteria → areas → total, bonus and penalty within
// their caps, survey points, normalisation to the 100-point scale for units not assessed on every
// criterion ("không áp dụng"), and area indices.
import type { Adjustment, AreaResult, CriterionResult, Finding, Framework } from '../model.js';
import { points } from '../rules/describe.js';
import { roundScore } from '../util/text.js';

export const ADJUSTMENT_RULE = 'adjustment-cap';

export interface Totals {
  areas: AreaResult[];
  /** The unit's own total: self scores of applicable, self-scored criteria. */
  selfTotal: number;
  /** Σ appraised scores of applicable criteria, survey included. */
  pointsTotal: number;
  bonus: number;
  penalty: number;
  surveyPoints: number;
  tieBreakPoints: number;
  maxApplicable: number;
  /** pointsTotal + bonus − penalty (Hưng Yên art. 4.3a). */
  appraisedTotal: number;
  /** 0–scale, normalised to the applicable maximum (art. 4.3b). */
  index: number;
  findings: Finding[];
}

export function computeTotals(
  framework: Framework, unit: string, criteria: CriterionResult[], adjustments: Adjustment[], tieBreakCodes: ReadonlySet<string>,
): Totals {
  const leaves = criteria.filter((c) => c.leaf && !c.notApplicable);
  const sum = (list: CriterionResult[], value: (c: CriterionResult) => number) => roundScore(list.reduce((s, c) => s + value(c), 0));
  const areas: AreaResult[] = framework.areas.map((area) => {
    const own = leaves.filter((c) => c.area === area.code);
    const max = sum(own, (c) => c.max);
    const appraised = sum(own, (c) => c.appraised);
    return {
      code: area.code, title: area.title, kind: area.kind, max,
      self: sum(own.filter((c) => !c.survey), (c) => c.self ?? 0),
      appraised,
      index: max > 0 ? roundScore((appraised / max) * 100) : 0,
    };
  });

  const findings: Finding[] = [];
  const capped = (kind: Adjustment['kind'], cap: number) => {
    const given = roundScore(adjustments.filter((a) => a.kind === kind).reduce((s, a) => s + a.points, 0));
    if (given <= cap) return given;
    const label = kind === 'bonus' ? 'điểm thưởng' : 'điểm trừ';
    findings.push({
      rule: ADJUSTMENT_RULE, effect: 'cap', cap, unit,
      reason: `Tổng ${label} của đơn vị là ${points(given)}, vượt mức tối đa ${points(cap)} của bộ chỉ số; chỉ tính ${points(cap)}.`,
    });
    return cap;
  };
  const bonus = capped('bonus', framework.scoring.bonusMax);
  const penalty = capped('penalty', framework.scoring.penaltyMax);

  const maxApplicable = sum(leaves, (c) => c.max);
  const pointsTotal = sum(leaves, (c) => c.appraised);
  const appraisedTotal = roundScore(pointsTotal + bonus - penalty);
  const { scale, normaliseAdjustments } = framework.scoring;
  let index = 0;
  if (maxApplicable > 0) {
    index = normaliseAdjustments
      ? (appraisedTotal / maxApplicable) * scale
      : (pointsTotal / maxApplicable) * scale + bonus - penalty;
  }
  return {
    areas,
    selfTotal: sum(leaves.filter((c) => !c.survey), (c) => c.self ?? 0),
    pointsTotal, bonus, penalty,
    surveyPoints: sum(leaves.filter((c) => c.survey), (c) => c.appraised),
    tieBreakPoints: sum(leaves.filter((c) => tieBreakCodes.has(c.code)), (c) => c.appraised),
    maxApplicable, appraisedTotal,
    index: roundScore(Math.min(Math.max(index, 0), scale)),
    findings,
  };
}
