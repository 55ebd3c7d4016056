import type { UnitResult } from '../model.js';
import type { OutputContext } from './context.js';
import { unappraisedDetails } from './facts.js';

/**
 * Machine-readable results: the whole BatchResult, stable key order, no clock times. A unit that
 * could not be appraised has no score to rank by: its totals and index are null, `notAppraisedReason`
 * says why (a dashboard must not rank survey points alone).
 */
export function renderResultsJson(ctx: OutputContext): string {
  const units = ctx.result.units.map((u) => (u.status === 'ok' ? u : withoutScores(u)));
  return `${JSON.stringify({ ...ctx.result, units }, null, 2)}\n`;
}

function withoutScores(u: UnitResult) {
  return {
    ...u,
    selfTotal: null,
    appraisedTotal: null,
    maxApplicable: null,
    index: null,
    notAppraisedReason: unappraisedDetails(u),
  };
}
