// A framework's default evaluation period (thời gian chốt số liệu) for an assessed year, and the
// note the secretariat gets when batch.yaml sets another one (the batch stays authoritative).
import type { Batch, Finding, Framework, IsoDate } from '../model.js';
import { formatDateVn } from '../util/text.js';

export const DATA_WINDOW_RULE = 'data-window-default';

export interface Period {
  from: IsoDate;
  to: IsoDate;
  cutoff: IsoDate;
}

export function defaultDataWindow(framework: Framework, year: number): Period | null {
  const w = framework.dataWindow;
  if (!w) return null;
  const to = `${year}-${w.to}`;
  return { from: `${w.fromPreviousYear ? year - 1 : year}-${w.from}`, to, cutoff: w.cutoff ? `${year}-${w.cutoff}` : to };
}

/** A batch-level note when the batch's period differs from the framework's default. */
export function checkDataWindow(batch: Batch, framework: Framework): Finding | null {
  const expected = defaultDataWindow(framework, batch.year);
  if (!expected) return null;
  const actual = { from: batch.dataWindow.from, cutoff: batch.cutoff };
  if (actual.from === expected.from && actual.cutoff === expected.cutoff) return null;
  const show = (p: { from: string; cutoff: string }) => `từ ngày ${formatDateVn(p.from)} đến ngày ${formatDateVn(p.cutoff)}`;
  return {
    rule: DATA_WINDOW_RULE, effect: 'info', unit: '',
    reason: `Thời gian chốt số liệu trong batch.yaml (${show(actual)}) khác với quy định của bộ chỉ số ${framework.id} cho năm ${batch.year} (${show(expected)}); tài liệu kiểm chứng được đối chiếu theo batch.yaml.`,
  };
}
