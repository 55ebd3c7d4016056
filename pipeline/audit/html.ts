// Text into HTML safely. Names, file names and explanations come from units' own files: every
// one is escaped, and characters that would reorder or hide what a reader sees (bidirectional
// controls, C0/C1 controls) are shown as their code instead of acting on the page.
import { nfc } from '../util/text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Bidirectional controls (LRM, RLM, ALM, embeddings, overrides, isolates) and C0/C1 controls but tab, LF, CR. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Make invisible characters visible: `‹U+202E›`. */
export function showInvisible(value: string): string {
  return nfc(value).replace(INVISIBLE, (c) => `‹U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}›`);
}

/** Escape for HTML text and double- or single-quoted attribute values. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return showInvisible(String(value)).replace(/[&<>"'`]/gu, (c) => ENTITIES[c] ?? c);
}

/** A path relative to a page, as a URL: each segment percent-encoded, `/` kept. */
export function hrefOf(relPath: string): string {
  return relPath.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}
