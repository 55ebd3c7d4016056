// Results computed from input files, kept by the files' content: a nightly run re-parses a unit's
// report.xlsx (or the survey workbook) only when its bytes change.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256File, writeFileAtomic } from './files.js';
import type { StatIndex } from './stat-index.js';

export interface MemoOptions {
  /** Cache folder; null computes every time. */
  dir: string | null;
  /** What is kept (`reports`, `inputs`): a folder of its own, and part of the key. */
  namespace: string;
  /** Bump when the computation changes, so kept results are not reused. */
  version: string;
  /** The files the result is computed from (missing files are part of the key too). */
  files: string[];
  /** Everything else the result depends on (framework, unit list, display names…). */
  salt: unknown;
  /** The run's stat index: files unchanged since they were hashed are not read again. */
  hashes?: StatIndex;
}

export async function memoByContent<T>(options: MemoOptions, compute: () => Promise<T>): Promise<T> {
  if (!options.dir) return compute();
  const hash = createHash('sha256').update(options.namespace).update(options.version).update(JSON.stringify(options.salt));
  for (const file of options.files) hash.update(file).update(existsSync(file) ? await (options.hashes?.sha256(file) ?? sha256File(file)) : 'missing');
  const key = hash.digest('hex');
  const file = path.join(options.dir, options.namespace, `${key}.json`);
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { value: T }).value;
  } catch {
    const value = await compute();
    await writeFileAtomic(file, `${JSON.stringify({ value })}\n`).catch(() => {});
    return value;
  }
}
