import type { OutputContext } from './context.js';

/** Machine-readable results: the whole BatchResult, stable key order, no clock times. */
export function renderResultsJson(ctx: OutputContext): string {
  return `${JSON.stringify(ctx.result, null, 2)}\n`;
}
