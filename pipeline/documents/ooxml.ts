// DOCX and XLSX are zip packages that carry the time they were written twice: in
// docProps/core.xml and in every zip entry. Pinning both makes the same content give the same bytes.
import { unzipSync } from 'fflate';
import { zipEntries } from '../util/zip.js';

/**
 * Write `timestamp` as the created/modified time in docProps/core.xml and as every zip entry's
 * time. Zip entries store local time, so the entry time is built from the date's own fields:
 * the same date gives the same bytes in every time zone.
 */
export function finaliseOoxml(data: Uint8Array, timestamp: Date): Buffer {
  const entries = unzipSync(data);
  const core = entries['docProps/core.xml'];
  if (core) {
    const iso = `${timestamp.toISOString().slice(0, 19)}Z`;
    const xml = new TextDecoder().decode(core)
      .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/u, `$1${iso}$2`)
      .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/u, `$1${iso}$2`);
    entries['docProps/core.xml'] = new TextEncoder().encode(xml);
  }
  const local = new Date(timestamp.getUTCFullYear(), timestamp.getUTCMonth(), timestamp.getUTCDate());
  return zipEntries(entries, local);
}

/** The fixed time of a batch's documents: a date the batch itself gives, at midnight UTC. */
export function documentTimestamp(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
