// Folder names as people type them, matched to criterion codes: `1.2.`, `1.1.1. Ban hành kế hoạch…`,
// `TC 1.2`, `Tiêu chí 1.2`, Roman area numbers (`I.4` for area 1, criterion 4), or just the
// criterion's title. Pure: the caller reports every guess.
import type { Framework } from '../model.js';
import { foldVietnamese, nfc } from '../util/text.js';

export type FolderMatch =
  | { code: string; how: 'exact' | 'code' | 'title' }
  | { code: null; nearest: string[] };

/** A criterion code written at the start of a folder name, normalised; null when there is none. */
export function leadingCode(name: string): { code: string; rest: string } | null {
  let text = nfc(name).replace(/[\u200B-\u200D\uFEFF]/gu, '').trim();
  const folded = foldVietnamese(text);
  const prefix = /^(tieu chi thanh phan|tieu chi|tctp|tc|muc|linh vuc)\b[\s.:_-]*/u.exec(folded);
  if (prefix) text = text.slice(prefix[0].length).trimStart();
  const m = /^([IVXivx]+|\d+)((?:\s*[.,_]\s*\d+)*)(?=$|[\s._:)-])/u.exec(text);
  if (!m) return null;
  const first = /^\d+$/u.test(m[1]!) ? String(Number(m[1])) : romanValue(m[1]!.toUpperCase());
  if (first === null) return null;
  const parts = m[2]!.split(/[.,_]/u).map((p) => p.trim()).filter((p) => p !== '').map((p) => String(Number(p)));
  const rest = text.slice(m[0].length).replace(/^[\s.:_)-]+/u, '').trim();
  return { code: [first, ...parts].join('.'), rest };
}

function romanValue(roman: string): string | null {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const v = values[roman[i]!] ?? 0;
    const next = values[roman[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 && total < 40 ? String(total) : null;
}

/**
 * Which criterion (or area) of `framework` a folder named `name` stands for: its own code (`exact`),
 * a code written another way (`code`), or its title alone (`title`). When nothing matches, the
 * nearest code or title, to suggest.
 */
export function matchCriterionFolder(name: string, framework: Framework): FolderMatch {
  const codes = new Map<string, string>();
  for (const area of framework.areas) {
    codes.set(area.code, area.title);
    const walk = (c: Framework['areas'][number]['criteria'][number]) => {
      codes.set(c.code, c.title);
      c.children.forEach(walk);
    };
    area.criteria.forEach(walk);
  }
  const clean = nfc(name).trim();
  if (codes.has(clean)) return { code: clean, how: 'exact' };
  const lead = leadingCode(clean);
  if (lead && codes.has(lead.code)) return { code: lead.code, how: 'code' };
  const title = key(lead ? lead.rest : clean);
  if (title.length >= 6) {
    const byTitle = [...codes].filter(([, t]) => {
      const k = key(t);
      return k === title || (k.length >= 6 && (title.startsWith(k) || k.startsWith(title)));
    });
    if (byTitle.length === 1) return { code: byTitle[0]![0], how: 'title' };
  }
  if (lead) return { code: null, nearest: nearest(lead.code, [...codes.keys()]) };
  const byWords = [...codes].map(([code, t]) => ({ code, d: distance(key(t), title) })).sort((a, b) => a.d - b.d)[0];
  return { code: null, nearest: byWords && title.length > 0 && byWords.d <= Math.max(3, title.length / 3) ? [byWords.code] : [] };
}

function key(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]+/gu, ' ').trim();
}

/** Codes one edit away at the same depth (a digit mistyped), siblings first; at most three. */
function nearest(code: string, codes: string[]): string[] {
  const parent = (c: string) => c.split('.').slice(0, -1).join('.');
  const near = codes.filter((c) => distance(c, code) <= 1 && c.split('.').length === code.split('.').length);
  const siblings = near.filter((c) => parent(c) === parent(code));
  return (siblings.length > 0 ? siblings : near).slice(0, 3);
}

/** Levenshtein distance. */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
