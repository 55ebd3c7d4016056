// The number and the date in parts (numeral + symbol; day + month + year), each with what the
// reader knows of it (read, blank, handwritten, unreadable), its own confidence and the region of
// the page it was read from; and the flat fields of an Extraction (`number`, `date`, `blankDate`,
// `numberConfidence`…) derived from the parts. Pure functions.
import type { ExtractionParts, ExtractionSource, FieldPart, PageRegion, PartStatus } from '../model.js';
import type { DateParts, ParsedDate, ParsedNumber } from './parse-header.js';
import type { Field, Header, PartBoxes } from './header-fields.js';
import type { PdfReading } from './reading.js';

/** A part nothing is known of: not found, nothing claimed. */
export function unknownPart<T extends string | number>(note?: string): FieldPart<T> {
  return { status: 'unreadable', value: null, confidence: 0, source: null, page: null, region: null, ...(note ? { note } : {}) };
}

/** A part whose words are at least this share coloured ink (pen, stamp) is taken as filled in by hand. */
export const HANDWRITTEN_COLOUR = 0.25;
/** The most a part filled in by hand is trusted until a handwriting recognizer has read it. */
export const HANDWRITTEN_CEILING = 0.6;

function part<T extends string | number>(status: PartStatus, value: T | null, field: Field<unknown>, page: number, confidence = field.confidence, note?: string, which?: keyof PartBoxes): FieldPart<T> {
  const own = which ? field.partBoxes?.[which] : undefined;
  const colour = which ? field.partColour?.[which] : undefined;
  if (status === 'read' && value !== null && colour !== undefined && colour >= HANDWRITTEN_COLOUR) {
    // Ink of another colour than the black print around it: written or stamped into the blank by hand.
    status = 'handwritten';
    note = `mực màu khác chữ in (${Math.round(colour * 100)}% điểm mực có màu): số/ngày điền tay hoặc đóng dấu, cần người đọc`;
    return {
      status, value: null, guess: value, confidence: round(Math.min(confidence, HANDWRITTEN_CEILING)), source: field.origin, page,
      region: own ? roundRegion(own) : field.box ? roundRegion(field.box) : null,
      ...(field.scale ? { scale: round(field.scale) } : {}), note,
    };
  }
  return {
    status,
    value: status === 'read' ? value : null,
    confidence: round(confidence),
    source: field.origin,
    page,
    region: own ? roundRegion(own) : field.box ? roundRegion(field.box) : null,
    ...(field.scale ? { scale: round(field.scale) } : {}),
    ...(note ? { note } : {}),
  };
}

/** `KH-SXD`, `2019/QĐ-UBND`: the symbol of a parsed number, as printed after the numeral. */
export function symbolOf(value: ParsedNumber): string | null {
  // As printed after the numeral, when the number is whole: `KH-SXD`, `CTr/TU` (Party numbering `31-CTr/TU`).
  if (value.number && value.numeral && value.number.startsWith(value.numeral)) {
    const rest = value.number.slice(value.numeral.length).replace(/^[/-]/u, '');
    if (rest !== '') return rest;
  }
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
      ? part<string>('read', value.numeral, number, page, number.confidence, undefined, 'numeral')
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
    const of = (v: number | null | undefined, which: 'day' | 'month'): FieldPart<number> => {
      if (v === null || v === undefined) return date.value.blankDate ? part<number>('blank', null, date, page, date.confidence, undefined, which) : part<number>('unreadable', null, date, page, 0);
      return real || date.value.blankDate ? part<number>('read', v, date, page, date.confidence, undefined, which) : part<number>('unreadable', null, date, page, 0, 'ngày, tháng đọc được không phải ngày có thật');
    };
    day = of(dmy?.day, 'day');
    month = of(dmy?.month, 'month');
    year = dmy && dmy.year > 0 ? part<number>('read', dmy.year, date, page) : part<number>('unreadable', null, date, page, 0);
  }
  if (number) numeral = unprovenBlank(afterSecondRead(byShape(numeral, number), number, number.other?.numeral), number, number.other?.numeral);
  if (number) symbol = checkedSymbol(symbol, number);
  if (date) {
    day = unprovenBlank(day, date, date.other?.day);
    month = unprovenBlank(month, date, date.other?.month);
  }
  if (date) {
    day = afterSecondRead(day, date, date.other?.day);
    month = afterSecondRead(month, date, date.other?.month);
    year = afterSecondRead(year, date, date.other?.year);
  }
  return { numeral, symbol, day, month, year };
}

/** Digits this much taller or shorter than the printed capitals, or their baseline this far off, are not print. */
const SHAPE_HEIGHT = [0.78, 1.22] as const;
const SHAPE_SHIFT = 0.25;

/** The field's parts are already known to be filled in by hand (coloured ink, digits not shaped like the print): no second read can make them trusted. */
export function seenHandwritten(field: Field<unknown>): boolean {
  if (Object.values(field.partColour ?? {}).some((c) => c !== undefined && c >= HANDWRITTEN_COLOUR)) return true;
  const shape = field.numeralShape;
  return shape !== undefined && !(shape.height >= SHAPE_HEIGHT[0] && shape.height <= SHAPE_HEIGHT[1] && Math.abs(shape.shift) <= SHAPE_SHIFT);
}

/** Digits within these of the print's height and baseline (see SHAPE_HEIGHT) look printed. */
function printLike(shape: { height: number; shift: number } | undefined): boolean {
  return shape !== undefined && shape.height >= SHAPE_HEIGHT[0] && shape.height <= SHAPE_HEIGHT[1] && Math.abs(shape.shift) <= SHAPE_SHIFT;
}

/** Tesseract's lowest character score over a value that may go without a check read. */
export const SINGLE_READ_SCORE = 0.93;
/** The most a value read once (no check read, its own evidence strong) is trusted. */
export const SINGLE_READ_CEILING = 0.9;

/**
 * A first OCR read whose own evidence is strong enough to go without the check read: every
 * character scored at least SINGLE_READ_SCORE, nothing repaired, no coloured ink, and the digits
 * the shape of the print beside them (the numeral's against the symbol's capitals, the day's and
 * the month's against the year's); a number with a known type code and issuer and no letter
 * suffix (the suffix rule acts on it), a date with its place. A scanner's hidden layer, a
 * handwritten-looking part, anything less: the check read is made.
 */
export function strongSingleRead(field: Field<ParsedNumber> | Field<ParsedDate>, kind: 'number' | 'date'): boolean {
  if (field.origin !== 'ocr' || field.hiddenLayer || field.repairs.length > 0 || !(field.read >= SINGLE_READ_SCORE)) return false;
  if (Object.values(field.partColour ?? {}).some((c) => c !== undefined && c > 0.1)) return false;
  if (kind === 'number') {
    const value = field.value as ParsedNumber;
    return value.numeral !== null && !value.blankNumber && !value.suffixed && value.typeCode !== null && value.issuerCode !== null && printLike(field.numeralShape);
  }
  const value = field.value as ParsedDate;
  const shape = field.dateShape;
  return value.date !== null && value.place !== null && printLike(shape?.day) && printLike(shape?.month);
}

/**
 * An OCR'd numeral whose digits are not the size of the print around them, or not on its
 * baseline, was written in by hand (or stamped): `handwritten`, what OCR made of it kept as a guess.
 */
function byShape(p: FieldPart<string>, field: Field<unknown>): FieldPart<string> {
  const shape = field.numeralShape;
  if (p.status !== 'read' || field.origin !== 'ocr' || !shape) return p;
  if (shape.height >= SHAPE_HEIGHT[0] && shape.height <= SHAPE_HEIGHT[1] && Math.abs(shape.shift) <= SHAPE_SHIFT) return p;
  return {
    ...p, status: 'handwritten', value: null, ...(p.value !== null ? { guess: p.value } : {}),
    confidence: round(Math.min(p.confidence, HANDWRITTEN_CEILING)),
    note: `chữ số không cùng cỡ, cùng dòng với chữ in (cao ${Math.round(shape.height * 100)}%, lệch ${Math.round(shape.shift * 100)}%): số điền tay, cần người đọc`,
  };
}

/** A blank whose area is at least this share ink is not blank. */
export const GAP_INK = 0.02;
/** The most a blank OCR saw (words with nothing read between them) is trusted: faint ink reads as nothing. */
export const OCR_BLANK_CEILING = 0.6;

/**
 * "Blank" is a claim that the place holds no ink. A text-layer blank with an annotation or a
 * signature widget drawn over its row is not that (`unreadable`: a person looks at the rendered
 * page); a blank only OCR saw is kept under the rules' 0.8, since faint or pen ink reads as nothing;
 * a blank with ink in it (measured in the blank, or a value the check read found there) is `handwritten`.
 */
function unprovenBlank<T extends string | number>(p: FieldPart<T>, field: Field<unknown>, other?: T | null): FieldPart<T> {
  if (p.status !== 'blank') return p;
  if (field.covered) {
    return { ...p, status: 'unreadable', confidence: 0.3, note: 'chỗ để trống có chú thích hoặc chữ ký số phủ lên (số, ngày có thể được cấp khi ký số): cần xem bản hiển thị' };
  }
  if (field.origin === 'ocr' && field.gapInk !== undefined && field.gapInk >= GAP_INK) {
    // Ink in the blank: something is written there that OCR did not read.
    return { ...p, status: 'handwritten', confidence: round(Math.min(p.confidence, DISAGREED_CEILING)), note: `chỗ để trống có mực (${Math.round(field.gapInk * 100)}% diện tích): có thể điền tay, cần người đọc` };
  }
  if (other !== undefined && other !== null) {
    // The check read of the same place read a value there: ink, whatever the first read saw.
    return { ...p, status: 'handwritten', confidence: round(Math.min(p.confidence, DISAGREED_CEILING)), note: `lần đọc thứ nhất thấy để trống, lần đọc thứ hai đọc được ${other}: chỗ này có mực, có thể điền tay, cần người đọc` };
  }
  if (field.origin === 'ocr') return { ...p, confidence: round(Math.min(p.confidence, OCR_BLANK_CEILING)), note: 'OCR không đọc thấy gì ở chỗ này; chưa chắc chỗ này để trống' };
  return p;
}

/** The most a value from a scanner's hidden OCR layer is trusted, even when our OCR of the image agrees. */
export const HIDDEN_LAYER_CEILING = 0.95;

/**
 * The symbol after the check read: read otherwise by the second read (`SXD-VP` / `SXDVP`), it is
 * `unreadable` with both readings in the note; not found by it, capped like an unconfirmed part.
 */
function checkedSymbol(p: FieldPart<string>, field: Field<unknown>): FieldPart<string> {
  if (p.status !== 'read' || !(field.origin === 'ocr' || field.hiddenLayer)) return p;
  const other = field.other?.symbol;
  if (other !== undefined && other !== p.value) {
    return { ...p, status: 'handwritten', value: null, ...(p.value !== null ? { guess: p.value } : {}), confidence: round(Math.min(p.confidence, DISAGREED_CEILING)), note: `hai lần đọc ký hiệu khác nhau (${p.value ?? '?'} / ${other}): cần người đọc` };
  }
  if (field.symbolUnconfirmed || field.checked === 'unconfirmed') return { ...p, confidence: round(Math.min(p.confidence, UNCONFIRMED_CEILING)) };
  if (field.checked === 'single') return { ...p, confidence: round(Math.min(p.confidence, SINGLE_READ_CEILING)) };
  return p;
}

/** The most an OCR'd part no second read could confirm is trusted. */
export const UNCONFIRMED_CEILING = 0.75;
/** The most a part two reads disagree on is trusted. */
export const DISAGREED_CEILING = 0.5;

/**
 * A part read by OCR, after a second independent read of its place: agreeing keeps it; reading
 * another value makes it `handwritten` (ink there that is not read with confidence), what the
 * first read gave kept as a guess; reading nothing usable caps its confidence under the rules' 0.8.
 */
function afterSecondRead<T extends string | number>(p: FieldPart<T>, field: Field<unknown>, other: T | null | undefined): FieldPart<T> {
  if (field.hiddenLayer && p.status === 'read') {
    // Never the truth at confidence 1: at best as sure as our own OCR agreeing with it.
    p = { ...p, confidence: round(Math.min(p.confidence, HIDDEN_LAYER_CEILING)), note: 'lớp chữ ẩn do phần mềm máy quét tạo, đã đối chiếu với ảnh quét' };
  }
  if (!(field.origin === 'ocr' || field.hiddenLayer) || !field.checked || field.checked === 'agree' || p.status !== 'read') return p;
  if (field.checked === 'disagree' && other !== undefined && other !== p.value) {
    return {
      ...p, status: 'handwritten', value: null, ...(p.value !== null ? { guess: p.value } : {}),
      confidence: round(Math.min(p.confidence, DISAGREED_CEILING)),
      note: `hai lần đọc cho hai kết quả khác nhau (${p.value ?? '?'} / ${other ?? '?'}): chữ viết tay hoặc mờ, cần người đọc`,
    };
  }
  if (field.checked === 'unconfirmed') {
    return { ...p, confidence: round(Math.min(p.confidence, UNCONFIRMED_CEILING)), note: 'lần đọc thứ hai không xác nhận được giá trị này' };
  }
  if (field.checked === 'single') return { ...p, confidence: round(Math.min(p.confidence, SINGLE_READ_CEILING)) };
  return p;
}

/**
 * The flat fields of a reading from its parts: `number` when numeral and symbol are read (its
 * confidence the lower of theirs), `blankNumber` when the numeral is truly blank; `date` when day,
 * month and year are read, `blankDate` when the day or the month is truly blank. A field neither
 * read nor blank has confidence 0 (it is not stated).
 */
export function flatFromParts(parts: ExtractionParts): Pick<PdfReading, 'blankNumber' | 'numberConfidence' | 'blankDate' | 'dateConfidence' | 'date'> & { numberRead: boolean } {
  const { numeral, symbol, day, month, year } = parts;
  // A part filled in by hand keeps what OCR made of it as the field's value, at the part's (low) confidence.
  const stated = (p: FieldPart) => p.status === 'read' || (p.status === 'handwritten' && p.guess !== undefined);
  const valueOf = <T extends string | number>(p: FieldPart<T>): T | null => (p.status === 'read' ? p.value : p.status === 'handwritten' ? (p.guess ?? null) : null);
  const numberRead = stated(numeral) && stated(symbol);
  const blankNumber = numeral.status === 'blank';
  const numberConfidence = numberRead ? Math.min(numeral.confidence, symbol.confidence) : blankNumber ? numeral.confidence : 0;
  const dateRead = stated(day) && stated(month) && stated(year);
  const blanks = [day, month].filter((p) => p.status === 'blank');
  const blankDate = !dateRead && blanks.length > 0 && [day, month].every((p) => p.status === 'blank' || stated(p));
  const date = dateRead ? `${valueOf(year)}-${pad(valueOf(month))}-${pad(valueOf(day))}` : null;
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

/** The most a date read as later than the document's signing day is trusted. */
export const AFTER_SIGNING_CEILING = 0.6;

/** Scans below this resolution are under what the seeds require of evidence (≥ 200 dpi): OCR of them is not trusted alone. */
export const LOW_SCAN_DPI = 150;
/** The most an OCR reading of a scan below LOW_SCAN_DPI is trusted: a person reads it. */
export const LOW_SCAN_CEILING = 0.7;

/**
 * A scan below LOW_SCAN_DPI (Lào Cai 2021 §2 and Thái Nguyên 2024 §4a ask for 200 dpi): its
 * letters are a few pixels high, where OCR confuses `T` and `I` in agreeing reads (`105/BC-STTTI`
 * at 100 dpi, read twice alike): every part OCR read (a handwritten one confirmed by the unit's own
 * claim aside) is held below LOW_SCAN_CEILING, saying why, so no rule acts on it without a person.
 * Mutates `reading` (parts and flat confidences).
 */
export function boundByResolution(reading: PdfReading): void {
  const parts = reading.parts;
  const dpi = reading.scanDpi;
  if (!reading.scanned || dpi === null || dpi === undefined || dpi >= LOW_SCAN_DPI || !parts) return;
  const note = `ảnh quét ${dpi} dpi, dưới ${LOW_SCAN_DPI} dpi: chữ quá nhỏ để tin vào kết quả nhận dạng, cần người đọc`;
  let changed = false;
  for (const key of ['numeral', 'symbol', 'day', 'month', 'year'] as const) {
    const p = parts[key];
    if (p.source !== 'ocr' || p.confidence <= LOW_SCAN_CEILING) continue;
    (parts as unknown as Record<string, FieldPart>)[key] = { ...p, confidence: LOW_SCAN_CEILING, note: p.note ? `${p.note}; ${note}` : note };
    changed = true;
  }
  if (!changed) return;
  const flat = flatFromParts(parts);
  reading.numberConfidence = Math.min(reading.numberConfidence, flat.numberConfidence);
  reading.dateConfidence = Math.min(reading.dateConfidence, flat.dateConfidence);
  reading.confidence = Math.min(reading.numberConfidence, reading.dateConfidence);
}

/**
 * A document is dated on or before the day it is signed (its signature's time, or the visible
 * signing box's). A date read as later is suspect: its parts are capped under the rules' 0.8 with
 * the reason, and the flat date fields follow. `signedAt` is ISO 8601 with the signer's offset.
 */
export function boundBySigning(reading: PdfReading): void {
  const signed = reading.signedAt && /^\d{4}-\d{2}-\d{2}/u.test(reading.signedAt) ? reading.signedAt.slice(0, 10) : null;
  const parts = reading.parts;
  if (!signed || !parts || !reading.date || reading.date <= signed) return;
  const note = `ngày đọc được (${reading.date}) muộn hơn ngày ký số (${signed}): văn bản không ban hành sau khi ký, cần người đọc lại`;
  for (const key of ['day', 'month', 'year'] as const) {
    const p = parts[key];
    if (p.status === 'read' || p.status === 'handwritten') parts[key] = { ...p, confidence: round(Math.min(p.confidence, AFTER_SIGNING_CEILING)), note };
  }
  const flat = flatFromParts(parts);
  reading.dateConfidence = flat.dateConfidence;
  reading.confidence = Math.min(reading.numberConfidence, reading.dateConfidence);
}
