// `cchc audit`: the audit folder rebuilt from the last completed run's results.json and the cache,
// without appraising again. Crops missing from the cache (a cache cleared, a run with the audit
// off) are rendered by the reader, which reads those files again once.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBatch } from '../batch/load-batch.js';
import { OUTPUT_FILES } from '../documents/context.js';
import { createEvidenceReader } from '../evidence/reader.js';
import type { BatchResult } from '../model.js';
import { acquireLock } from '../run/lock.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { CropCache } from './crop-cache.js';
import { AUDIT_DIR, type AuditOutcome, writeAudit } from './write-audit.js';

export interface RebuildOptions {
  /** The run's output folder (holding results.json); the audit goes to `<out>/audit`. */
  out: string;
  cacheDir?: string;
  /** Only this unit's page (and the index). */
  unit?: string;
  workers?: number;
}

export interface RebuildOutcome extends AuditOutcome {
  dir: string;
  units: number;
  /** Crops rendered now because the cache lacked them. */
  cropsRendered: number;
}

export async function rebuildAudit(batchDir: string, options: RebuildOptions): Promise<RebuildOutcome> {
  const batch = await loadBatch(batchDir);
  const out = path.resolve(options.out);
  const resultsFile = path.join(out, OUTPUT_FILES.results);
  if (!existsSync(resultsFile)) {
    throw new CchcError(`Chưa có ${resultsFile}: cần chạy "cchc run ${batchDir} --out ${options.out}" trước khi lập trang kiểm tra tài liệu.`, ExitCode.Usage);
  }
  let result: BatchResult;
  try {
    result = JSON.parse(await readFile(resultsFile, 'utf8')) as BatchResult;
  } catch (error) {
    throw new CchcError(`Không đọc được ${resultsFile}: ${(error as Error).message}`, ExitCode.BadBatch);
  }
  if (options.unit !== undefined && !result.units.some((u) => u.code === options.unit)) {
    throw new CchcError(`Không có đơn vị mã "${options.unit}" trong kết quả ${resultsFile}.`, ExitCode.Usage);
  }
  const cacheDir = options.cacheDir ?? path.join(out, '.cache');
  const lock = await acquireLock(out, batch.dir);
  try {
    const units = result.units.filter((u) => options.unit === undefined || u.code === options.unit);
    const missing = units.flatMap((u) => u.evidence).filter((e) => e.status === 'ok' && !new CropCache(cacheDir, e.readerVersion).has(e.sha256));
    let cropsRendered = 0;
    if (missing.length > 0) {
      const reader = createEvidenceReader({
        cacheDir, crops: true,
        ...(options.workers !== undefined ? { concurrency: options.workers } : {}),
        onEvent: (event) => {
          if (event.type === 'done' && event.cropped) cropsRendered += 1;
        },
      });
      try {
        await Promise.all(missing.map((e) => reader.read(path.join(batch.dir, e.file))));
      } finally {
        await reader.close();
      }
    }
    const dir = path.join(out, AUDIT_DIR);
    const written = await writeAudit(result, { batchDir: batch.dir, dir, cacheDir, ...(options.unit !== undefined ? { unit: options.unit } : {}) });
    return { ...written, dir, units: units.length, cropsRendered };
  } finally {
    await lock.release();
  }
}
