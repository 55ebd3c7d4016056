// The number and the date in parts (numeral + symbol; day + month + year), each with what the
// reader knows of it (read, blank, handwritten, unreadable), its own confidence and the region of
// the page it was read from; and the flat fields of an Extraction (`number`, `date`, `blankDate`,
// `numberConfidence`…) derived from the parts. Pure functions.
import type { ExtractionParts, ExtractionSource, FieldPart, PageRegion, PartStatus } from '../model.js';
import type { DateParts, ParsedDate, ParsedNumber } from './parse-header.js';
import type { Field, Header } from './header-fields.js';
import type { PdfReading } from './reading.js';

/** A part nothing is known of: not found, nothing claimed. */
export function unknownPart<T extends string | number>(note?: string): FieldPart<T> {
  return { status: 'unreadable', value: null, confidence: 0, source: null, page: null, region: null, ...(note ? { note } : {}) };
}

function part<T extends string | number>(status: PartStatus, value: T | null, field: Field<unknown>, page: number, confidence = field.confidence, note?: string): FieldPart<T> {
  return {
    status,
    value: status === 'read' ? value : null,
    confidence: round(confidence),
    source: field.origin,
    page,
    region: field.box ? roundRegion(field.box) : null,
    ...(field.scale ? { scale: round(field.scale) } : {}),
    ...(note ? { note } : {}),
  };
}

/** `KH-SXD`, `2019/QĐ-UBND`: the symbol of a parsed number, as printed after the numeral. */
export function symbolOf(value: ParsedNumber): string | null {
  const symbol = [value.typeCode, value.issuerCode].filter((s) => s !== null && s !== '').join('-');
  if (symbol === '') return null;
  return value.year === null ? symbol : `${value.year}/${symbol}`;
}

/** Day, month and year of a date field: from its ISO date when it has one, else as the parser saw them. */
export function dayMonthYear(field: Field<ParsedDate>): DateParts | null {
  const iso = field.value.date;
  if (iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return { day: d ?? null, month: m ?? null, year: y ?? 0 };
  }
  return field.dmy ?? null;
}

/**
 * The parts of the header as read on `page` (1-based). A numeral absent where the number's symbol
 * was read is `blank` only when the field says so (`blankNumber`); a day or month absent from a
 * parsed place-date line is `blank`; a day or month that makes no calendar day is `unreadable`.
 */
export function partsOf(header: Header, page = 1): ExtractionParts {
  const { number, date } = header;
  let numeral: FieldPart<string> = unknownPart();
  let symbol: FieldPart<string> = unknownPart();
  if (number) {
    const value = number.value;
    numeral = value.numeral !== null && !value.blankNumber
      ? part<string>('read', value.numeral, number, page)
      : value.blankNumber
        ? part<string>('blank', null, number, page)
        : part<string>('unreadable', null, number, page, 0);
    const printed = symbolOf(value);
    symbol = printed ? part<string>('read', printed, number, page) : part<string>('unreadable', null, number, page, 0);
  }
  let day: FieldPart<number> = unknownPart();
  let month: FieldPart<number> = unknownPart();
  let year: FieldPart<number> = unknownPart();
  if (date) {
    const dmy = dayMonthYear(date);
    const real = date.value.date !== null;
    const of = (v: number | null | undefined): FieldPart<number> => {
      if (v === null || v === undefined) return date.value.blankDate ? part<number>('blank', null, date, page) : part<number>('unreadable', null, date, page, 0);
      return real || date.value.blankDate ? part<number>('read', v, date, page) : part<number>('unreadable', null, date, page, 0, 'ngày, tháng đọc được không phải ngày có thật');
    };
    day = of(dmy?.day);
    month = of(dmy?.month);
    year = dmy && dmy.year > 0 ? part<number>('read', dmy.year, date, page) : part<number>('unreadable', null, date, page, 0);
  }
  return { numeral, symbol, day, month, year };
}

/**
 * The flat fields of a reading from its parts: `number` when numeral and symbol are read (its
 * confidence the lower of theirs), `blankNumber` when the numeral is truly blank; `date` when day,
 * month and year are read, `blankDate` when the day or the month is truly blank. A field neither
 * read nor blank has confidence 0 (it is not stated).
 */
export function flatFromParts(parts: ExtractionParts): Pick<PdfReading, 'blankNumber' | 'numberConfidence' | 'blankDate' | 'dateConfidence' | 'date'> & { numberRead: boolean } {
  const { numeral, symbol, day, month, year } = parts;
  const numberRead = numeral.status === 'read' && symbol.status === 'read';
  const blankNumber = numeral.status === 'blank';
  const numberConfidence = numberRead ? Math.min(numeral.confidence, symbol.confidence) : blankNumber ? numeral.confidence : 0;
  const dateRead = day.status === 'read' && month.status === 'read' && year.status === 'read';
  const blanks = [day, month].filter((p) => p.status === 'blank');
  const blankDate = !dateRead && blanks.length > 0 && [day, month].every((p) => p.status === 'blank' || p.status === 'read');
  const date = dateRead ? `${year.value}-${pad(month.value)}-${pad(day.value)}` : null;
  const dateConfidence = dateRead ? Math.min(day.confidence, month.confidence, year.confidence) : blankDate ? Math.min(...blanks.map((p) => p.confidence)) : 0;
  return { numberRead, blankNumber, numberConfidence: round(numberConfidence), blankDate, dateConfidence: round(dateConfidence), date };
}

/** The origins of the parts that were read or claimed blank. */
export function partSources(parts: ExtractionParts): ExtractionSource[] {
  return Object.values(parts).filter((p) => p.status !== 'unreadable' && p.source !== null).map((p) => p.source as ExtractionSource);
}

function pad(n: number | null): string {
  return String(n ?? 0).padStart(2, '0');
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function roundRegion(box: PageRegion): PageRegion {
  const r = (x: number) => Math.round(x * 10) / 10;
  return { x0: r(box.x0), y0: r(box.y0), x1: r(box.x1), y1: r(box.y1) };
}
