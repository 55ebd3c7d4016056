// What rules may know of a reading's parts when not all of it was read: the month and the year of
// a date whose day is handwritten, the signing day that bounds a date, and, for a person, which part
// of which file to read. Pure functions over an Extraction (see model.ts, `parts`).
import type { Extraction, FieldPart } from '../model.js';

/** The first and last day (YYYY-MM-DD) of a month. */
export function monthDays(year: number, month: number): { first: string; last: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { first: `${year}-${mm}-01`, last: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The signing day (YYYY-MM-DD, Vietnam time as the signature states it) when the file carries one. */
export function signingDay(e: Extraction): string | null {
  return e.signedAt && /^\d{4}-\d{2}-\d{2}/u.test(e.signedAt) ? e.signedAt.slice(0, 10) : null;
}

/** Where a document's date falls against a period, and on what that was decided. */
export type WindowPlace =
  | { place: 'inside' | 'before' | 'after'; on: 'date' | 'month' | 'signing' }
  | { place: 'unknown'; why: string };

/**
 * Where the document's date falls against [from, to] (YYYY-MM-DD): on its date when that is
 * trusted; else on its month and year when both are read with confidence `min` and the month lies
 * wholly inside or outside the period (a boundary month cannot be decided so, Decree 30 dates are
 * whole days); else, the date being on or before the signing day, a signing day before `from`
 * puts it before the period, and a month ending after `to` whose signing day is within the period
 * puts it inside.
 */
export function placeInWindow(e: Extraction, from: string, to: string, trusted: (basis: 'date' | 'month') => boolean): WindowPlace {
  if (e.date && trusted('date')) {
    return { place: e.date < from ? 'before' : e.date > to ? 'after' : 'inside', on: 'date' };
  }
  const month = e.parts?.month;
  const year = e.parts?.year;
  const signed = signingDay(e);
  if (signed && signed < from) return { place: 'before', on: 'signing' };
  if (!month || !year || month.status !== 'read' || year.status !== 'read' || !trusted('month')) {
    return { place: 'unknown', why: 'chưa đọc được chắc chắn tháng, năm ban hành' };
  }
  const days = monthDays(Number(year.value), Number(month.value));
  if (days.last < from) return { place: 'before', on: 'month' };
  if (days.first > to) return { place: 'after', on: 'month' };
  if (days.first >= from && days.last <= to) return { place: 'inside', on: 'month' };
  if (signed && days.first >= from && signed <= to) return { place: 'inside', on: 'signing' };
  return { place: 'unknown', why: `tháng ${month.value}/${year.value} là tháng giáp ranh thời gian chốt số liệu, cần biết ngày` };
}

/** Month and year both read, and the lower of their confidences (0 when either is not read). */
export function monthConfidence(e: Extraction): number {
  const { month, year } = e.parts ?? {};
  if (!month || !year || month.status !== 'read' || year.status !== 'read') return 0;
  return Math.min(month.confidence, year.confidence);
}

const PART_NAMES: Record<string, string> = {
  numeral: 'chữ số của số văn bản',
  symbol: 'ký hiệu văn bản',
  day: 'ngày ban hành',
  month: 'tháng ban hành',
  year: 'năm ban hành',
};

const STATUS_NAMES: Record<string, string> = {
  handwritten: 'viết tay hoặc đóng dấu, chưa đọc chắc chắn',
  unreadable: 'không đọc được',
  blank: 'để trống nhưng chưa chắc chắn',
  read: 'đọc được với độ tin cậy thấp',
};

/**
 * The parts a person must read, in Vietnamese: `ngày ban hành (viết tay…, trang 1, OCR đọc là
 * "24")`. `which` limits to the parts of the number, of the date, or both. Empty without parts.
 */
export function partsToRead(e: Extraction, which: readonly ('number' | 'date')[], min: number): string[] {
  const parts = e.parts;
  if (!parts) return [];
  const keys = [...(which.includes('number') ? (['numeral', 'symbol'] as const) : []), ...(which.includes('date') ? (['day', 'month', 'year'] as const) : [])];
  const out: string[] = [];
  for (const key of keys) {
    const part: FieldPart = parts[key];
    if ((part.status === 'read' || part.status === 'blank') && part.confidence >= min) continue;
    const details = [STATUS_NAMES[part.status] ?? part.status, part.page ? `trang ${part.page}` : '', part.guess !== undefined ? `có thể là "${part.guess}"` : ''].filter(Boolean);
    out.push(`${PART_NAMES[key]} (${details.join(', ')})`);
  }
  return out;
}
