// Text into HTML safely. Names, file names and explanations come from units' own files: every
// one is escaped, and characters that would reorder or hide what a reader sees (bidirectional
// controls, C0/C1 controls) are shown as their code instead of acting on the page.
import { showInvisible } from '../util/text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escape for HTML text and double- or single-quoted attribute values. */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return showInvisible(String(value)).replace(/[&<>"'`]/gu, (c) => ENTITIES[c] ?? c);
}

/** A path relative to a page, as a URL: each segment percent-encoded, `/` kept. */
export function hrefOf(relPath: string): string {
  return relPath.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}
