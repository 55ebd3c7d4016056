// Which outputs are already up to date. Each document is recorded with the key of what it was
// rendered from (results, batch metadata, frameworks, templates, program version) and the hash of
// the bytes written; a night with nothing new re-renders nothing. A missing file is written again;
// a file whose bytes no longer match its hash was edited by a person: it is set aside under another
// name (never overwritten) and the new draft is written (editedByHand).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_FILES, templatePath, type OutputContext } from '../documents/context.js';
import type { UnitResult } from '../model.js';
import { sha256File, sha256Hex } from '../util/files.js';
import { packageVersion } from '../util/package-root.js';
import type { StatIndex } from '../util/stat-index.js';

export const MANIFEST_FILE = '.cchc-outputs.json';

interface Entry {
  key: string;
  sha256: string;
}

export class OutputManifest {
  private constructor(
    private readonly dir: string,
    private readonly previous: Record<string, Entry>,
    private readonly hashes: StatIndex | undefined,
    private readonly next: Record<string, Entry> = {},
  ) {}

  /** The manifest of the output set in `dir`; `hashes` (the run's stat index) spares re-reading unchanged outputs. */
  static async open(dir: string, hashes?: StatIndex): Promise<OutputManifest> {
    try {
      const data = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as { entries?: Record<string, Entry> };
      return new OutputManifest(dir, data.entries ?? {}, hashes);
    } catch {
      return new OutputManifest(dir, {}, hashes);
    }
  }

  /** True when `rel` was rendered from `key` and its bytes are still the ones written then. */
  async upToDate(rel: string, key: string): Promise<boolean> {
    const entry = this.previous[rel];
    const file = path.join(this.dir, rel);
    if (!entry || entry.key !== key || !existsSync(file)) return false;
    if ((await (this.hashes?.sha256(file) ?? sha256File(file))) !== entry.sha256) return false;
    this.next[rel] = entry;
    return true;
  }

  /**
   * True when the previous run wrote `rel` (its manifest records the bytes) and the file in place
   * now holds other bytes: a person edited it (a clerk filling the minutes' blanks in Word and
   * saving in place). Such a file is set aside, never overwritten (writeOutputs). A file the
   * manifest does not record (no manifest, an output folder from before manifests) cannot be told
   * from an outdated output and is not called edited; nor is a missing file.
   */
  async editedByHand(rel: string): Promise<boolean> {
    const entry = this.previous[rel];
    const file = path.join(this.dir, rel);
    if (!entry || !existsSync(file)) return false;
    return (await (this.hashes?.sha256(file) ?? sha256File(file))) !== entry.sha256;
  }

  /**
   * True when `data`, just rendered for `rel` from new inputs, is byte for byte the document in place
   * (its inputs changed in ways it does not show): the file is then kept as it is, not rewritten,
   * and recorded under the new key.
   */
  async sameBytes(rel: string, key: string, data: string | Uint8Array): Promise<boolean> {
    const entry = this.previous[rel];
    const file = path.join(this.dir, rel);
    const sha256 = sha256Hex(data);
    if (!entry || entry.sha256 !== sha256 || !existsSync(file)) return false;
    if ((await (this.hashes?.sha256(file) ?? sha256File(file))) !== sha256) return false;
    this.next[rel] = { key, sha256 };
    return true;
  }

  /**
   * True when the previous output set holds `rel` (cchc wrote it). Files a person put in the
   * output folder are not in the manifest and are never removed as stale.
   */
  wrotePreviously(rel: string): boolean {
    return Object.hasOwn(this.previous, rel);
  }

  record(rel: string, key: string, data: string | Uint8Array): void {
    this.next[rel] = { key, sha256: sha256Hex(data) };
  }

  /** The manifest of the new output set, as written to MANIFEST_FILE (staged with the outputs). */
  serialise(): string {
    const entries = Object.fromEntries(Object.entries(this.next).sort(([a], [b]) => a.localeCompare(b)));
    return `${JSON.stringify({ entries }, null, 2)}\n`;
  }
}

/**
 * The name an output edited by hand is kept under, in its own folder: `<name>.ban-sua-tay-<YYYYMMDD-HHMMSS>.<ext>`
 * ("hand-edited copy", Vietnam time of the run, UTC+7), e.g. `bien-ban/bien-ban-tham-dinh-SNN.ban-sua-tay-20261201-093000.docx`:
 * it sorts next to the draft and says what it is. `taken(rel)`: the name is in use (a file, or
 * another set-aside of this run); `-2`, `-3`… are appended until one is free. Pure.
 */
export function handEditName(rel: string, now: Date, taken: (rel: string) => boolean = () => false): string {
  const ext = path.posix.extname(rel);
  const stem = rel.slice(0, rel.length - ext.length);
  const vn = new Date(now.getTime() + 7 * 3_600_000).toISOString();
  const stamp = `${vn.slice(0, 10).replaceAll('-', '')}-${vn.slice(11, 19).replaceAll(':', '')}`;
  for (let n = 1; ; n++) {
    const name = `${stem}.ban-sua-tay-${stamp}${n > 1 ? `-${n}` : ''}${ext}`;
    if (!taken(name)) return name;
  }
}

let rendererDigest: Promise<string> | undefined;

/** The renderers' own code: a changed renderer renders again even at the same package version. */
function rendererCode(): Promise<string> {
  rendererDigest ??= (async () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'documents');
    const hash = createHash('sha256');
    for (const name of (await readdir(dir)).sort()) {
      if (/\.(js|ts)$/u.test(name)) hash.update(name).update(await readFile(path.join(dir, name)));
    }
    return hash.digest('hex');
  })();
  return rendererDigest;
}

/** The keys of what documents are rendered from (renderKeys). */
export interface RenderKeys {
  /** A document that reads every unit (the decision, the workbook); `extra`: what only it reads. */
  all(extra?: unknown): string;
  /**
   * A document about one unit (its minutes): everything but the other units' results, so that a
   * night that changes one unit renders that unit's minutes again, not every unit's.
   */
  unit(unit: UnitResult, extra?: unknown): string;
}

/**
 * The keys of what documents are rendered from: the program (version, renderers' code), the
 * templates, batch.yaml, the frameworks and the results. What all documents read is hashed once.
 */
export async function renderKeys(ctx: OutputContext): Promise<RenderKeys> {
  const common = createHash('sha256');
  common.update(packageVersion());
  common.update(await rendererCode());
  for (const name of Object.values(TEMPLATE_FILES)) {
    const file = templatePath(name, ctx.batch.templates);
    common.update(file);
    common.update(existsSync(file) ? await readFile(file) : '');
  }
  common.update(JSON.stringify({ ...ctx.result, units: null }));
  common.update(JSON.stringify(ctx.batch));
  common.update(JSON.stringify([...ctx.frameworks.entries()]));
  const all = common.copy().update(JSON.stringify(ctx.result.units));
  return {
    all: (extra = null) => all.copy().update(JSON.stringify(extra)).digest('hex'),
    unit: (unit, extra = null) => common.copy().update('unit').update(JSON.stringify(unit)).update(JSON.stringify(extra)).digest('hex'),
  };
}
