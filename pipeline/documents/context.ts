import { createHash } from 'node:crypto';
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
  minutes: (unitCode: string) => `bien-ban/${boundedName('bien-ban-tham-dinh-', unitCode, '.docx')}`,
  /** Minutes of a later round of the calendar (bổ sung, giải trình lần 2…). */
  roundMinutes: (unitCode: string, round: number) => `bien-ban/${boundedName('bien-ban-tham-dinh-', unitCode, `-lan-${round}.docx`)}`,
} as const;

/** Longest output file name, in UTF-8 bytes: well under NAME_MAX (255), room for temp and copy suffixes. */
export const MAX_NAME_BYTES = 120;

/**
 * `prefix + code + suffix`, or, when that is longer than MAX_NAME_BYTES, the code cut short and
 * followed by 8 hex digits of its SHA-256, so that two long codes still get two files
 * (a 240-character unit code: `bien-ban-tham-dinh-SO-NOI-VU-…-3f2a9c1d.docx`).
 */
export function boundedName(prefix: string, code: string, suffix: string): string {
  const whole = `${prefix}${code}${suffix}`;
  if (Buffer.byteLength(whole) <= MAX_NAME_BYTES) return whole;
  const tag = `-${createHash('sha256').update(code).digest('hex').slice(0, 8)}`;
  const room = MAX_NAME_BYTES - Buffer.byteLength(`${prefix}${tag}${suffix}`);
  let cut = '';
  for (const ch of code) {
    if (Buffer.byteLength(cut + ch) > room) break;
    cut += ch;
  }
  return `${prefix}${cut}${tag}${suffix}`;
}

/** The handlebars templates of the documents' prose. */
export const TEMPLATE_FILES = {
  minutes: 'bien-ban-tham-dinh.hbs',
  decision: 'quyet-dinh-cong-bo.hbs',
  /** Minutes of a later round of the calendar (bổ sung, giải trình). */
  roundMinutes: 'bien-ban-bo-sung.hbs',
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
