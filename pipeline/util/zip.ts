// OOXML files (DOCX, XLSX) are zips whose entries carry the time they were written.
// Rewriting every entry with one fixed time makes the same content give the same bytes.
import { createRequire } from 'node:module';
import type * as Fflate from 'fflate';

let loaded: typeof Fflate | undefined;

/** fflate, loaded on first use: a run whose workbooks are all unchanged never unzips one. */
export function fflate(): typeof Fflate {
  loaded ??= createRequire(import.meta.url)('fflate') as typeof Fflate;
  return loaded;
}

/**
 * DOS time cannot go below 1980; a fixed, plausible default. Zip entries store local wall-clock
 * time, so the default is built in local time: the same bytes in every time zone.
 */
export const FIXED_ZIP_TIME = new Date(2000, 0, 1);

export function normaliseZip(data: Uint8Array, mtime: Date = FIXED_ZIP_TIME): Buffer {
  return zipEntries(fflate().unzipSync(data), mtime);
}

/** Zip already unpacked entries, every one stamped with `mtime`. */
export function zipEntries(entries: Record<string, Uint8Array>, mtime: Date = FIXED_ZIP_TIME): Buffer {
  const out: Fflate.Zippable = {};
  // Keep the producer's order: [Content_Types].xml must stay first for some readers.
  for (const [name, bytes] of Object.entries(entries)) out[name] = [bytes, { mtime, level: 6 }];
  return Buffer.from(fflate().zipSync(out, { mtime }));
}
