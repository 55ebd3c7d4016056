// A criterion code typed into a cell Excel formats as a number loses its trailing zero: `1.10`
// is stored as 1.1, which is also the code of another criterion. The framework says which one the
// row is: by its title, or by the codes standing before and after it.
import type { Framework } from '../model.js';
import { foldVietnamese } from '../util/text.js';

export type NumericCodeResolution =
  | { code: string; why: string }
  | { code: null; candidates: string[] };

export interface NumericCodeContext {
  /** The row's criterion title, as typed (may carry its code or indentation). */
  title: string;
  /** Code of the nearest criterion row above (already resolved), or null. */
  previous: string | null;
  /** Code of the nearest text-coded row below, or null. */
  next: string | null;
  /** Codes already claimed by earlier rows. */
  taken: ReadonlySet<string>;
}

/**
 * The criterion code a numeric cell stands for. Candidates are the number as written (`1.1`) and
 * with the zeros Excel dropped (`1.10`, `1.100`) that the framework has. One candidate: it. Several:
 * the one whose title the row carries, else the one whose neighbours in the framework's order are
 * the row's neighbours, else the one not already taken by an earlier row; otherwise unresolved
 * (the caller reports it for the council, it never drops the row).
 */
export function resolveNumericCode(value: number, framework: Framework, context: NumericCodeContext): NumericCodeResolution {
  const order: string[] = [];
  const titles = new Map<string, string>();
  const walk = (c: Framework['areas'][number]['criteria'][number]) => {
    order.push(c.code);
    titles.set(c.code, c.title);
    c.children.forEach(walk);
  };
  for (const area of framework.areas) {
    order.push(area.code);
    titles.set(area.code, area.title);
    area.criteria.forEach(walk);
  }
  const written = String(value);
  const forms = written.includes('.') ? [written, `${written}0`, `${written}00`] : [written];
  const candidates = forms.filter((c) => titles.has(c));
  if (candidates.length === 0) return { code: written, why: '' };
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return { code: only, why: only === written ? '' : `bộ chỉ số không có tiêu chí ${written} nhưng có tiêu chí ${only}` };
  }

  const title = key(context.title.replace(/^\s*[\dIVX.]+\s*[.:-]?\s*/u, ''));
  if (title.length >= 4) {
    const byTitle = candidates.filter((c) => {
      const t = key(titles.get(c) ?? '');
      return t === title || (t.length >= 4 && (t.startsWith(title) || title.startsWith(t)));
    });
    if (byTitle.length === 1) return { code: byTitle[0]!, why: `tên tiêu chí ghi ở dòng này là tên tiêu chí ${byTitle[0]}` };
  }
  const byPosition = candidates.filter((c) => {
    const i = order.indexOf(c);
    return (context.previous !== null && order[i - 1] === context.previous) || (context.next !== null && order[i + 1] === context.next);
  });
  if (byPosition.length === 1) {
    const code = byPosition[0]!;
    const i = order.indexOf(code);
    const where = context.previous !== null && order[i - 1] === context.previous ? `dòng đứng sau ${context.previous}` : `dòng đứng trước ${context.next}`;
    return { code, why: `${where} nên theo thứ tự của bộ chỉ số` };
  }
  const free = candidates.filter((c) => !context.taken.has(c));
  if (free.length === 1 && free.length < candidates.length) {
    return { code: free[0]!, why: `tiêu chí ${candidates.filter((c) => c !== free[0]).join(', ')} đã có ở dòng trên` };
  }
  return { code: null, candidates };
}

function key(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]+/gu, ' ').trim();
}
