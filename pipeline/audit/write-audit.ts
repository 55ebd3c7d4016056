// Writing the audit folder: the pages (rewritten only when their text changed), the style and
// script, and the header crops linked (or copied) from the crop cache, never rendered here.
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { BatchResult, Extraction } from '../model.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { toPosix, writeFileAtomic } from '../util/files.js';
import { AUDIT_CSS, AUDIT_JS } from './assets.js';
import { CropCache } from './crop-cache.js';
import { AUDIT_FILES, renderAudit } from './render-audit.js';

export const AUDIT_DIR = 'audit';

export interface AuditOptions {
  /** Absolute path of the batch folder (the PDFs are linked relative to it). */
  batchDir: string;
  /** The audit folder (`<out>/audit`). */
  dir: string;
  /** The cache the reader kept readings and crops in. */
  cacheDir: string;
  /** Only this unit's page (and the index). */
  unit?: string;
}

export interface AuditOutcome {
  /** Pages and assets written because their content changed. */
  written: number;
  /** Pages unchanged, left as they were. */
  kept: number;
  /** Crops placed in the audit folder this time (linked or copied from the cache). */
  cropsPlaced: number;
  /** Readings that have no crop in the cache (the page says so). */
  cropsMissing: number;
}

/**
 * Write `<dir>/index.html`, `<dir>/don-vi/<MÃ>.html`, `audit.css`, `audit.js` and `anh/*.png`.
 * Throws CchcError(Output) when the folder cannot be written.
 */
export async function writeAudit(result: BatchResult, options: AuditOptions): Promise<AuditOutcome> {
  const { dir } = options;
  const cropsDir = path.join(dir, AUDIT_FILES.cropsDir);
  try {
    await mkdir(path.join(dir, AUDIT_FILES.unitsDir), { recursive: true });
    await mkdir(cropsDir, { recursive: true });
  } catch (error) {
    throw new CchcError(`Không tạo được thư mục ${dir}: ${(error as Error).message}`, ExitCode.Output);
  }
  const outcome: AuditOutcome = { written: 0, kept: 0, cropsPlaced: 0, cropsMissing: 0 };
  const caches = new Map<string, CropCache>();
  const cacheFor = (e: Extraction) => {
    let cache = caches.get(e.readerVersion);
    if (!cache) caches.set(e.readerVersion, (cache = new CropCache(options.cacheDir, e.readerVersion)));
    return cache;
  };
  // A crop's name carries the versions it was rendered with, so a newer rendering is a new file.
  const wanted = new Map<string, string>();
  const cropOf = (e: Extraction): string | null => {
    const source = cacheFor(e).file(e.sha256);
    const name = path.basename(source);
    if (wanted.has(name)) return `${AUDIT_FILES.cropsDir}/${name}`;
    if (!existsSync(path.join(cropsDir, name)) && !existsSync(source)) {
      outcome.cropsMissing += 1;
      return null;
    }
    wanted.set(name, source);
    return `${AUDIT_FILES.cropsDir}/${name}`;
  };
  const unitPagesDir = path.join(dir, AUDIT_FILES.unitsDir);
  const pages = renderAudit(result, {
    pdf: (rel) => toPosix(path.relative(unitPagesDir, path.join(options.batchDir, rel))),
    crop: cropOf,
  });
  const write = async (rel: string, text: string) => {
    const target = path.join(dir, rel);
    const old = await readFile(target, 'utf8').catch(() => null);
    if (old === text) {
      outcome.kept += 1;
      return;
    }
    try {
      await writeFileAtomic(target, text);
    } catch (error) {
      throw new CchcError(`Không ghi được ${target}: ${(error as Error).message}`, ExitCode.Output);
    }
    outcome.written += 1;
  };
  await write(AUDIT_FILES.style, AUDIT_CSS);
  await write(AUDIT_FILES.script, AUDIT_JS);
  const only = options.unit === undefined ? null : AUDIT_FILES.unit(options.unit);
  for (const p of pages) {
    if (only === null || p.path === AUDIT_FILES.index || p.path === only) await write(p.path, p.html);
  }
  for (const [name, source] of wanted) {
    const target = path.join(cropsDir, name);
    if (existsSync(target)) continue;
    await link(source, target).catch(() => copyFile(source, target)).catch((error: Error) => {
      throw new CchcError(`Không ghi được ${target}: ${error.message}`, ExitCode.Output);
    });
    outcome.cropsPlaced += 1;
  }
  if (only === null) {
    // Pages of units no longer in the batch, crops of files no longer there.
    const keepPages = new Set(pages.map((p) => path.basename(p.path)));
    for (const name of await readdir(unitPagesDir)) if (name.endsWith('.html') && !keepPages.has(name)) await unlink(path.join(unitPagesDir, name)).catch(() => {});
    for (const name of await readdir(cropsDir)) if (name.endsWith('.png') && !wanted.has(name)) await unlink(path.join(cropsDir, name)).catch(() => {});
  }
  return outcome;
}
