import type { Batch, BatchResult, Framework } from '../model.js';
import type { BatchChanges } from '../run/changes.js';

/** What every renderer reads. Renderers only read: they never change results. */
export interface OutputContext {
  batch: Batch;
  result: BatchResult;
  /** Frameworks by id. */
  frameworks: Map<string, Framework>;
  /** What changed since the last completed run (the workbook's "Thay đổi" sheet). */
  changes?: BatchChanges;
}

/** Output file names, relative to the output folder. */
export const OUTPUT_FILES = {
  results: 'results.json',
  workbook: 'ket-qua-tham-dinh.xlsx',
  decision: 'quyet-dinh-cong-bo-chi-so-cchc.docx',
  minutesDir: 'bien-ban',
  minutes: (unitCode: string) => `bien-ban/bien-ban-tham-dinh-${unitCode}.docx`,
} as const;
