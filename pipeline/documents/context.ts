import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Batch, BatchResult, Framework } from '../model.js';
import { packageRoot } from '../util/package-root.js';
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
  /** Minutes of a later round of the calendar (bổ sung, giải trình lần 2…). */
  roundMinutes: (unitCode: string, round: number) => `bien-ban/bien-ban-tham-dinh-${unitCode}-lan-${round}.docx`,
} as const;

/** The handlebars templates of the documents' prose. */
export const TEMPLATE_FILES = {
  minutes: 'bien-ban-tham-dinh.hbs',
  decision: 'quyet-dinh-cong-bo.hbs',
} as const;

/**
 * Find a template: the batch's own templates folder first (batch.yaml `templates`), then the
 * bundled `templates/` of the package.
 */
export function templatePath(name: string, batchTemplates?: string): string {
  if (batchTemplates) {
    const own = path.join(batchTemplates, name);
    if (existsSync(own)) return own;
  }
  return path.join(packageRoot(), 'templates', name);
}
