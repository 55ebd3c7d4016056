// Parsed YAML kept by the text's content: batch.yaml and the frameworks are parsed again only when
// their text changes. Parsing a 16 KB framework costs the YAML library some 60 ms of CPU in a fresh
// process (its code is not yet compiled), JSON.parse of the same data 0.2 ms; on a night with nothing
// new that was a sixth of the run. Only the YAML → data step is kept (a pure function of the text and
// the library's version); validation always runs on the data, so a changed schema or rule is applied.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from './files.js';

interface Kept {
  yaml: string;
  data: unknown;
}

/** Data JSON gives back as it was: plain objects and arrays, strings, finite numbers, booleans, null. */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonExact);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(jsonExact);
  return false;
}

let yamlVersion: string | undefined;

/** The installed `yaml` package's version, read without loading the library. */
function libraryVersion(): string {
  yamlVersion ??= (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('yaml/package.json'), 'utf8')) as { version: string }).version;
  return yamlVersion;
}

/**
 * A folder of parsed YAML (`<cacheDir>/yaml/<SHA-256 of the text>.json`). Reading it is safe at any
 * time; what is learnt is written only by `flush()`, which the run calls once it holds its lock and
 * knows the cache folder lies outside the batch folder.
 */
export class YamlKept {
  readonly #pending = new Map<string, unknown>();

  constructor(private readonly dir: string) {}

  #file(text: string): string {
    return path.join(this.dir, 'yaml', `${createHash('sha256').update(text).digest('hex')}.json`);
  }

  /** The data `text` parsed to before, or undefined (never kept, another library version, unreadable). */
  async get(text: string): Promise<unknown> {
    try {
      const kept = JSON.parse(await readFile(this.#file(text), 'utf8')) as Kept;
      return kept.yaml === libraryVersion() && kept.data !== undefined ? kept.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Remember that `text` parses to `data` (written by `flush`), when JSON carries it exactly. */
  keep(text: string, data: unknown): void {
    if (jsonExact(data)) this.#pending.set(text, data);
  }

  /** Write what was learnt; a failure only means parsing again next time. */
  async flush(): Promise<void> {
    for (const [text, data] of this.#pending) {
      const kept: Kept = { yaml: libraryVersion(), data };
      await writeFileAtomic(this.#file(text), `${JSON.stringify(kept)}\n`).catch(() => {});
    }
    this.#pending.clear();
  }
}
