// `cchc audit`: the audit folder rebuilt from the last completed run's results.json and the cache,
// without appraising again, and switched in as the run's outputs are (staged, then moved into
// place at once). Crops missing from the cache (a cache cleared, a run with the audit off) are
// rendered by the reader, which reads those files again once.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadBatch } from '../batch/load-batch.js';
import { checkWritableOutside } from '../run/output-folder.js';
import { OUTPUT_FILES } from '../documents/context.js';
import { createEvidenceReader } from '../evidence/reader.js';
import { acquireLock } from '../run/lock.js';
import { OutputStage, settleOutputs } from '../run/output-set.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { CropCache } from './crop-cache.js';
import { readResults } from './read-results.js';
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

/**
 * Rebuild `<out>/audit`. Throws CchcError: exit 2 when there is no results.json yet or the unit is
 * unknown, 3 when results.json is damaged, 4 when the folder cannot be written, 6 when a run holds
 * the output folder's lock.
 */
export async function rebuildAudit(batchDir: string, options: RebuildOptions): Promise<RebuildOutcome> {
  const batch = await loadBatch(batchDir);
  const out = path.resolve(options.out);
  const cacheDir = options.cacheDir ?? path.join(out, '.cache');
  // As for a run: never write inside the batch, nor into a folder holding it.
  await checkWritableOutside(out, batch.dir, 'Thư mục kết quả');
  await checkWritableOutside(cacheDir, batch.dir, 'Thư mục lưu kết quả đọc tài liệu');
  const resultsFile = path.join(out, OUTPUT_FILES.results);
  if (!existsSync(resultsFile)) {
    throw new CchcError(`Chưa có ${resultsFile}: cần chạy "cchc run ${batchDir} --out ${options.out}" trước khi lập trang kiểm tra tài liệu.`, ExitCode.Usage);
  }
  const lock = await acquireLock(out, batch.dir);
  try {
    // A switch a killed run had committed is finished first: results.json is then that run's.
    await settleOutputs(out);
    const result = await readResults(resultsFile);
    if (options.unit !== undefined && !result.units.some((u) => u.code === options.unit)) {
      throw new CchcError(`Không có đơn vị mã "${options.unit}" trong kết quả ${resultsFile}.`, ExitCode.Usage);
    }
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
        await Promise.all(missing.map((e) => reader.read(path.join(batch.dir, e.diskPath ?? e.file))));
      } finally {
        await reader.close();
      }
    }
    const failed = (error: unknown) => new CchcError(`Không ghi được trang kiểm tra tài liệu vào ${path.join(out, AUDIT_DIR)} (${describeFsError(error, 'write')}): trang cũ được giữ nguyên.`, ExitCode.Output);
    const stage = await OutputStage.begin(out).catch((error: unknown) => {
      throw failed(error);
    });
    try {
      const written = await writeAudit(result, { batchDir: batch.dir, out, cacheDir, ...(options.unit !== undefined ? { unit: options.unit } : {}) }, stage);
      await stage.commit();
      return { ...written, dir: path.join(out, AUDIT_DIR), units: units.length, cropsRendered };
    } catch (error) {
      await stage.abandon().catch(() => {});
      // A file-system error (full disk, no permission) is exit 4; anything else is a bug (exit 1).
      throw typeof (error as NodeJS.ErrnoException)?.syscall === 'string' ? failed(error) : error;
    }
  } finally {
    await lock.release();
  }
}
