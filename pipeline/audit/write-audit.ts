// Writing the audit folder as part of the run's output set: the pages whose text changed and the
// header crops new to the folder are staged (crops hard-linked or copied from the crop cache, never
// rendered here), pages and crops no longer wanted are removed at the switch, and the unchanged
// ones are left where they are. So a run killed at any moment leaves the audit of the previous set
// or of the new one, never half of each, and a re-run with nothing changed stages nothing.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BatchResult, Extraction } from '../model.js';
import { toPosix } from '../util/files.js';
import { AUDIT_CSS, AUDIT_JS } from './assets.js';
import { CropCache } from './crop-cache.js';
import { AUDIT_FILES, renderAudit } from './render-audit.js';

export const AUDIT_DIR = 'audit';

/** Where the audit's new files go: the run's staged output set (pipeline/run/output-set.ts). */
export interface AuditSink {
  /** Stage the new content of output `rel` (relative to the output folder, `/`-separated). */
  write(rel: string, data: string | Uint8Array): Promise<void>;
  /** Stage output `rel` as a copy (hard link) of `source`. */
  place(rel: string, source: string): Promise<void>;
  /** Output `rel` of the previous set is not part of the new one. */
  remove(rel: string): void;
}

export interface AuditOptions {
  /** Absolute path of the batch folder (the PDFs are linked relative to it). */
  batchDir: string;
  /** The output folder; the audit is its `audit/` folder. */
  out: string;
  /** The cache the reader kept readings and crops in. */
  cacheDir: string;
  /** Only this unit's page (and the index). */
  unit?: string;
}

export interface AuditOutcome {
  /** Pages and assets staged because their content changed. */
  written: number;
  /** Pages unchanged, left as they were. */
  kept: number;
  /** Crops placed in the audit folder this time (linked or copied from the cache). */
  cropsPlaced: number;
  /** Readings that have no crop in the cache (the page says so). */
  cropsMissing: number;
}

/**
 * Stage `audit/index.html`, `audit/don-vi/<MÃ>.html`, `audit.css`, `audit.js` and `anh/*.png` into
 * `sink`, comparing with the audit folder in place under `options.out`. File-system errors
 * propagate (the caller abandons the stage).
 */
export async function writeAudit(result: BatchResult, options: AuditOptions, sink: AuditSink): Promise<AuditOutcome> {
  const dir = path.join(options.out, AUDIT_DIR);
  const rel = (...parts: string[]) => [AUDIT_DIR, ...parts].join('/');
  const cropsDir = path.join(dir, AUDIT_FILES.cropsDir);
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
    pdf: (file) => toPosix(path.relative(unitPagesDir, path.join(options.batchDir, file))),
    crop: cropOf,
  });
  const write = async (file: string, text: string) => {
    const old = await readFile(path.join(dir, file), 'utf8').catch(() => null);
    if (old === text) {
      outcome.kept += 1;
      return;
    }
    await sink.write(rel(file), text);
    outcome.written += 1;
  };
  await write(AUDIT_FILES.style, AUDIT_CSS);
  await write(AUDIT_FILES.script, AUDIT_JS);
  const only = options.unit === undefined ? null : AUDIT_FILES.unit(options.unit);
  for (const p of pages) {
    if (only === null || p.path === AUDIT_FILES.index || p.path === only) await write(p.path, p.html);
  }
  for (const [name, source] of wanted) {
    if (existsSync(path.join(cropsDir, name))) continue;
    await sink.place(rel(AUDIT_FILES.cropsDir, name), source);
    outcome.cropsPlaced += 1;
  }
  if (only === null) {
    // Pages of units no longer in the batch, crops of files no longer there.
    const keepPages = new Set(pages.map((p) => path.basename(p.path)));
    for (const name of await readdir(unitPagesDir).catch(() => [] as string[])) {
      if (name.endsWith('.html') && !keepPages.has(name)) sink.remove(rel(AUDIT_FILES.unitsDir, name));
    }
    for (const name of await readdir(cropsDir).catch(() => [] as string[])) {
      if (name.endsWith('.png') && !wanted.has(name)) sink.remove(rel(AUDIT_FILES.cropsDir, name));
    }
  }
  return outcome;
}

/**
 * The audit's own files present under `out` (batch-relative to `out`, `/`-separated): its index,
 * style and script, unit pages (`don-vi/*.html`) and crops (`anh/*.png`). What else a person put in
 * the folder is not listed, so `--no-audit` removing these never takes a clerk's own file.
 */
export async function auditFilesIn(out: string): Promise<string[]> {
  const dir = path.join(out, AUDIT_DIR);
  const present = async (sub: string, ext: string) =>
    (await readdir(path.join(dir, sub)).catch(() => [] as string[])).filter((n) => n.endsWith(ext)).map((n) => `${AUDIT_DIR}/${sub}/${n}`);
  const top = [AUDIT_FILES.index, AUDIT_FILES.style, AUDIT_FILES.script].filter((n) => existsSync(path.join(dir, n))).map((n) => `${AUDIT_DIR}/${n}`);
  return [...top, ...(await present(AUDIT_FILES.unitsDir, '.html')), ...(await present(AUDIT_FILES.cropsDir, '.png'))];
}
