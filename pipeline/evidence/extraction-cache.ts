// Readings kept by the file's SHA-256 and the reader's version: an unchanged file is never read
// twice across runs, and a new reader version reads everything afresh.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../util/files.js';
import type { PdfReading } from './reading.js';

interface Entry {
  sha256: string;
  readerVersion: string;
  reading: PdfReading;
}

export class ExtractionCache {
  constructor(
    private readonly dir: string,
    private readonly version: string,
  ) {}

  #file(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), `${sha256}.${this.version}.json`);
  }

  /** The cached reading, or null (missing, unreadable or from another version: read again). */
  async get(sha256: string): Promise<PdfReading | null> {
    try {
      const entry = JSON.parse(await readFile(this.#file(sha256), 'utf8')) as Entry;
      if (entry.sha256 !== sha256 || entry.readerVersion !== this.version || !entry.reading?.status) return null;
      return entry.reading;
    } catch {
      return null;
    }
  }

  async put(sha256: string, reading: PdfReading): Promise<void> {
    const entry: Entry = { sha256, readerVersion: this.version, reading };
    await writeFileAtomic(this.#file(sha256), `${JSON.stringify(entry)}\n`);
  }
}
