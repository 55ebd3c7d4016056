// The document's number and date as read from one source (text layer, annotation, OCR), with how
// far to trust each and where on the page it was read; and how readings from several sources
// combine: blanks filled by an overlay, a valid date preferred over a misread one, a legacy-font
// text layer's own codes over OCR.
import type { ExtractionSource } from '../model.js';
import { isoDateOf } from '../util/dates.js';
import { fieldConfidence } from './confidence.js';
import { flatFromParts, partSources, partsOf } from './field-parts.js';
import { charBoxesIn, confidenceIn, type Line, type MappedText, type Piece, piecesIn } from './layout.js';
import { legacyDateDigits, legacyNumber } from './legacy-text.js';
import { type DateParts, type ParsedDate, type ParsedNumber, parseHeader, parseStampedNumeral, type Repair, withNumeral } from './parse-header.js';
import type { PdfReading } from './reading.js';

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Field<T> {
  value: T;
  confidence: number;
  origin: ExtractionSource;
  /** Lowest confidence of the characters read, and what was repaired: to re-rate a partial use. */
  read: number;
  repairs: Repair[];
  /**
   * The line segment it was read from: in points of the page as displayed (from its top-left) once
   * the reader has placed it (`onPage`); OCR gives it first in pixels of the image it read.
   */
  box: Box | null;
  /** Pixels per point of the rendering OCR read it from; absent for the text layer and annotations. */
  scale?: number;
  /** A date's day, month and year as printed (null where blank), when the parser saw them. */
  dmy?: DateParts;
  /** The boxes of the numeral's, the day's and the month's own words, in the same coordinates as `box`. */
  partBoxes?: PartBoxes;
  /** Read from the invisible text layer a scanner's software wrote over the page image: a hint, checked against the image. */
  hiddenLayer?: boolean;
  /** A blank of the text layer with an annotation or signature widget drawn over its row: not shown to be empty. */
  covered?: boolean;
  /** The page was read turned by this much (a scan upside down or sideways): `box` is in the page as displayed. */
  turned?: 90 | 180 | 270;
  /**
   * A second, independent OCR read of the same place (another resolution): `agree` it read the same
   * value; `disagree` it read another (`other`); `unconfirmed` it read nothing usable; `single`:
   * none was made, the first read's own evidence being strong (see `strongSingleRead`).
   */
  checked?: 'agree' | 'disagree' | 'unconfirmed' | 'single';
  /** What the second read gave, when it disagreed (`899` against `699`; a date's day, month, year). */
  other?: { numeral?: string; symbol?: string; day?: number | null; month?: number | null; year?: number };
  /** The check read found the numeral but no whole number, so the symbol stays unconfirmed. */
  symbolUnconfirmed?: boolean;
  /**
   * The numeral's digits against the printed symbol's capitals after it, from OCR's character
   * boxes: `height` their median height over the capitals' (print ≈ 1), `shift` how far their
   * baseline sits from the capitals' in capital heights (print ≈ 0). Pen-written digits differ.
   */
  numeralShape?: { height: number; shift: number };
  /**
   * The day's and the month's digits against the year's printed after them (`năm 2024`), the same
   * way: print ≈ 1 and ≈ 0; a pen's day differs.
   */
  dateShape?: { day?: { height: number; shift: number }; month?: { height: number; shift: number } };
  /** The blank between `Số:` and the slash, or between `ngày` and `tháng`, when OCR read it blank: where ink would be (image pixels until placed). */
  gap?: Box;
  /** Share of the blank's area that is ink (measured on the image OCR read): a blank with ink in it is not blank. */
  gapInk?: number;
  /** Share of coloured ink (pen, stamp) in the numeral's, the day's and the month's words, when OCR read a colour rendering. */
  partColour?: { numeral?: number; day?: number; month?: number };
}

export interface PartBoxes {
  numeral?: Box;
  day?: Box;
  month?: Box;
}

/**
 * Where an OCR'd image sits on the page: it shows the page turned by `rotation` extra degrees
 * (0 or 180) from `left`, `top` (points, in that turned page) at `scale` pixels per point.
 */
export interface Frame {
  left: number;
  top: number;
  scale: number;
  rotation: 0 | 90 | 180 | 270;
  /** The page as displayed (before the extra turn), in points. */
  page: { width: number; height: number };
}

/** A box in pixels of an image with `frame` → points of the page as displayed, from its top-left. */
export function boxOnPage(box: Box, frame: Frame): Box {
  const x0 = frame.left + box.x0 / frame.scale;
  const x1 = frame.left + box.x1 / frame.scale;
  const y0 = frame.top + box.y0 / frame.scale;
  const y1 = frame.top + box.y1 / frame.scale;
  const { width: W, height: H } = frame.page;
  switch (frame.rotation) {
    case 0:
      return { x0, x1, y0, y1 };
    case 180:
      return { x0: W - x1, x1: W - x0, y0: H - y1, y1: H - y0 };
    case 90:
      // Turned clockwise: a point (x, y) of the page shows at (H - y, x).
      return { x0: y0, x1: y1, y0: H - x1, y1: H - x0 };
    case 270:
      // Turned anticlockwise: a point (x, y) of the page shows at (y, W - x).
      return { x0: W - y1, x1: W - y0, y0: x0, y1: x1 };
  }
}

/** A box of the page as displayed → the same box in the page turned by `rotation` (the inverse of `boxOnPage`'s turn). */
export function boxTurned(box: Box, rotation: 0 | 90 | 180 | 270, page: { width: number; height: number }): Box {
  const { width: W, height: H } = page;
  switch (rotation) {
    case 0:
      return box;
    case 180:
      return { x0: W - box.x1, x1: W - box.x0, y0: H - box.y1, y1: H - box.y0 };
    case 90:
      return { x0: H - box.y1, x1: H - box.y0, y0: box.x0, y1: box.x1 };
    case 270:
      return { x0: box.y0, x1: box.y1, y0: W - box.x1, y1: W - box.x0 };
  }
}

/** The fields of what OCR read from an image, their boxes placed on the page. */
export function onPage<H extends Header>(header: H, frame: Frame): H {
  const place = <T>(f: Field<T> | null): Field<T> | null => {
    if (!f) return null;
    const partBoxes: PartBoxes = {};
    for (const [k, b] of Object.entries(f.partBoxes ?? {}) as [keyof PartBoxes, Box][]) partBoxes[k] = boxOnPage(b, frame);
    if (f.gap) partBoxes[f.dmy ? 'day' : 'numeral'] = boxOnPage(f.gap, frame);
    return { ...f, box: f.box ? boxOnPage(f.box, frame) : null, scale: frame.scale, ...(f.partBoxes ? { partBoxes } : {}), ...(frame.rotation !== 0 ? { turned: frame.rotation } : {}) };
  };
  return { ...header, number: place(header.number), date: place(header.date) };
}

export interface Header {
  number: Field<ParsedNumber> | null;
  date: Field<ParsedDate> | null;
}

export interface Stamped {
  numeral: string;
  read: number;
  repairs: Repair[];
}

/** What OCR of one image gave: the header fields, a lone numeral, its text and mean confidence. */
export interface Seen extends Header {
  numeral: Stamped | null;
  text: string;
  confidence: number;
  /** The text segments OCR read (a column's part of a line) and their boxes on the page as displayed: to re-read one alone. */
  rows?: { text: string; box: Box }[];
}

export const NOTHING: Header = { number: null, date: null };

/** Parse mapped text into header fields; `lines` lets each field know the segment it sits in. */
export function readMapped(mapped: MappedText, ocr: boolean, lines: Line[] = []): Header {
  const parsed = parseHeader(mapped.text, { ocr });
  const boxOf = (pieces: Piece[]): Box | undefined => (pieces.length > 0
    ? { x0: Math.min(...pieces.map((p) => p.x0)), x1: Math.max(...pieces.map((p) => p.x1)), y0: Math.min(...pieces.map((p) => p.y0)), y1: Math.max(...pieces.map((p) => p.y1)) }
    : undefined);
  const subparts = (spans: Partial<Record<keyof PartBoxes, [number, number] | null | undefined>>) => {
    const partBoxes: PartBoxes = {};
    const partColour: { numeral?: number; day?: number; month?: number } = {};
    let coloured = false;
    for (const [k, span] of Object.entries(spans) as [keyof PartBoxes, [number, number] | null | undefined][]) {
      if (!span) continue;
      const pieces = piecesIn(mapped, span[0], span[1]);
      const box = boxOf(pieces);
      if (box) partBoxes[k] = box;
      const colours = pieces.map((p) => p.colour).filter((c): c is number => c !== undefined);
      if (colours.length > 0) {
        partColour[k] = Math.max(...colours);
        coloured = true;
      }
    }
    return { partBoxes, ...(coloured ? { partColour } : {}) };
  };
  const field = <T>(value: T | null, span: [number, number] | null, repairs: Repair[], dmy?: DateParts | null): Field<T> | null => {
    if (value === null || span === null) return null;
    const pieces = piecesIn(mapped, span[0], span[1]);
    const origin: ExtractionSource = pieces.some((p) => p.origin === 'ocr') ? 'ocr' : pieces.some((p) => p.origin === 'annotation') ? 'annotation' : 'text';
    const words = confidenceIn(mapped, span[0], span[1]);
    // The whole segment the value sits in (`Số:      /KH-SXD`, the place-date line), for OCR of its rendering.
    const segments = lines.flatMap((l) => l.segments).filter((s) => s.pieces.some((p) => pieces.includes(p)));
    const around = segments.length > 0 ? segments : pieces;
    const box = around.length > 0
      ? { x0: Math.min(...around.map((p) => p.x0)), x1: Math.max(...around.map((p) => p.x1)), y0: Math.min(...around.map((p) => p.y0)), y1: Math.max(...around.map((p) => p.y1)) }
      : null;
      const more = dmy ? subparts({ day: dmy.daySpan, month: dmy.monthSpan }) : subparts({ numeral: parsed.numeralSpan });
    const shape = !dmy && parsed.numeralSpan && span && (value as { blankNumber?: boolean }).blankNumber !== true ? numeralShape(mapped, parsed.numeralSpan, span[1]) : null;
    if (shape) Object.assign(more, { numeralShape: shape });
    if (dmy?.yearSpan) {
      const [ys, ye] = dmy.yearSpan;
      const day = dmy.daySpan ? digitShape(mapped, dmy.daySpan, [ys, ye]) : null;
      const month = dmy.monthSpan ? digitShape(mapped, dmy.monthSpan, [ys, ye]) : null;
      if (day || month) Object.assign(more, { dateShape: { ...(day ? { day } : {}), ...(month ? { month } : {}) } });
    }
    const blankSpan = dmy ? dmy.dayGap : (value as { blankNumber?: boolean }).blankNumber ? parsed.numeralSpan : undefined;
    const gap = blankSpan ? gapBox(mapped, blankSpan) : null;
    if (gap) Object.assign(more, { gap });
    return { value, confidence: fieldConfidence(origin, words, repairs), origin, box, read: words, repairs: [...repairs], ...(dmy ? { dmy } : {}), ...more };
  };
  return {
    number: field(parsed.number, parsed.numberSpan, parsed.numberRepairs),
    date: field(parsed.date, parsed.dateSpan, parsed.dateRepairs, parsed.dateParts),
  };
}

/** The box of a blank: from the right edge of the character before it to the left edge of the one after, a little taller than them. */
function gapBox(mapped: MappedText, [start, end]: [number, number]): Box | null {
  // A character's own box where OCR gave one, else its word's.
  const boxAt = (i: number): [number, number, number, number] | undefined => {
    const own = charBoxesIn(mapped, i, i + 1)[0]?.box;
    const word = mapped.owners[i];
    return own ? [...own] : word ? [word.x0, word.y0, word.x1, word.y1] : undefined;
  };
  const before = boxAt(Math.max(0, start - 1));
  const after = boxAt(end);
  if (!before || !after) return null;
  // OCR often gives the ink in a blank to the letter beside it (`tháng` whose `t` box runs 4 letters
  // wide over a marker's `24`): a letter's box far wider than its word's other letters ends (or
  // starts) where a letter of that word would.
  const typical = (i: number) => typicalCharWidth(mapped, i);
  const wAfter = typical(end);
  if (wAfter !== null && after[2] - after[0] > 2 * wAfter) after[0] = after[2] - wAfter;
  const wBefore = typical(Math.max(0, start - 1));
  if (wBefore !== null && before[2] - before[0] > 2 * wBefore) before[2] = before[0] + wBefore;
  const top = Math.min(before[1], after[1]);
  const bottom = Math.max(before[3], after[3]);
  const h = bottom - top;
  // Too narrow to hold a written numeral or day: OCR's words cover what is there; nothing to measure.
  if (!(after[0] - before[2] > h)) return null;
  return { x0: before[2] + 1, x1: after[0] - 1, y0: top - 0.4 * h, y1: bottom + 0.1 * h };
}

/** The median width of the other letters of the OCR word character `i` belongs to (null with fewer than 2). */
function typicalCharWidth(mapped: MappedText, i: number): number | null {
  const word = mapped.owners[i];
  const own = mapped.offsets[i];
  const boxes = word?.charBoxes;
  if (!boxes || own === undefined) return null;
  const widths = boxes.filter((_, k) => k !== own).map((b) => b[2] - b[0]).sort((a, b) => a - b);
  if (widths.length < 2) return null;
  return widths[Math.floor(widths.length / 2)] ?? null;
}

/**
 * How the numeral's digits compare in height and baseline with the plain capitals of the symbol
 * printed after it (`/KH-SXD`): null when OCR gave no character boxes or too few capitals.
 */
export function numeralShape(mapped: MappedText, numeral: [number, number], end: number): { height: number; shift: number } | null {
  const capitals = charBoxesIn(mapped, numeral[1], end).filter((c) => /[A-Z0-9]/u.test(c.char));
  return shapeAgainst(charBoxesIn(mapped, numeral[0], numeral[1]), capitals);
}

/** Digits of `span` against the printed digits of `reference` (a date's year): median height ratio and baseline shift in their heights. */
export function digitShape(mapped: MappedText, span: [number, number], reference: [number, number]): { height: number; shift: number } | null {
  const printed = charBoxesIn(mapped, reference[0], reference[1]).filter((c) => /\d/u.test(c.char));
  return shapeAgainst(charBoxesIn(mapped, span[0], span[1]), printed);
}

/**
 * The digits among `boxes` against the `printed` boxes they are measured by: median height ratio, and
 * median baseline shift in the printed height, both to 2 decimals; null without a digit, with fewer
 * than two printed boxes, or when those have no height.
 */
function shapeAgainst(boxes: ReturnType<typeof charBoxesIn>, printed: ReturnType<typeof charBoxesIn>): { height: number; shift: number } | null {
  const digits = boxes.filter((c) => /\d/u.test(c.char));
  if (digits.length === 0 || printed.length < 2) return null;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const h = median(printed.map((c) => c.box[3] - c.box[1]));
  if (!(h > 0)) return null;
  const height = median(digits.map((c) => c.box[3] - c.box[1])) / h;
  const shift = (median(digits.map((c) => c.box[3])) - median(printed.map((c) => c.box[3]))) / h;
  return { height: Math.round(height * 100) / 100, shift: Math.round(shift * 100) / 100 };
}

/** The numeral after `Số:` when the rest of the row reads too badly to parse as a whole number. */
export function readStamped(mapped: MappedText): Stamped | null {
  const found = parseStampedNumeral(mapped.text);
  return found ? { numeral: found.numeral, read: confidenceIn(mapped, found.span[0], found.span[1]), repairs: found.repairs } : null;
}

/** Fill blanks of the text layer with what the rendered row shows (the overlay stamped at signing). */
export function fillBlanks(header: Header, seen: Header & { numeral?: Stamped | null }): Header {
  let { number, date } = header;
  const stamped: (Stamped & { origin: ExtractionSource }) | null = seen.number && !seen.number.value.blankNumber && seen.number.value.numeral
    ? { numeral: seen.number.value.numeral, read: seen.number.read, repairs: seen.number.repairs.filter((r) => r !== 'ocr-slash'), origin: seen.number.origin }
    : seen.numeral ? { ...seen.numeral, origin: 'ocr' } : null;
  if (number?.value.blankNumber && stamped) {
    // Only the numeral is taken from the overlay; the symbol is the text layer's.
    const { origin, read, repairs } = stamped;
    number = { ...number, value: withNumeral(number.value, stamped.numeral), origin, read, repairs, confidence: fieldConfidence(origin, read, repairs) };
  } else if (number?.value.blankNumber && seen.number?.value.blankNumber) {
    number = { ...number, confidence: Math.min(number.confidence, Math.max(seen.number.confidence, 0.9)) };
  }
  if (date?.value.blankDate && seen.date?.value.date) {
    date = { ...seen.date, value: { ...seen.date.value, place: date.value.place ?? seen.date.value.place }, box: date.box };
  }
  return { number, date };
}

/** A number, and a date that is either a real date or left blank (not an OCR misreading like day 91). */
export function complete(header: Header): boolean {
  return header.number !== null && usableDate(header.date);
}

function usableDate(date: Field<ParsedDate> | null): boolean {
  return date !== null && (date.value.date !== null || date.value.blankDate);
}

/** Keep what `base` has; take from `more` what it lacks or reads better (a valid date over a misread one). */
export function mergeHeader(base: Header, more: Header): Header {
  return {
    number: base.number ?? more.number,
    date: usableDate(base.date) ? base.date : usableDate(more.date) ? more.date : (base.date ?? more.date),
  };
}

/** Boxes on one row that overlap or nearly touch become one; `rows` counts the text rows in a box. */
export function mergeBoxes(boxes: Box[]): (Box & { rows: number })[] {
  const out: (Box & { rows: number })[] = [];
  for (const box of [...boxes].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) {
    const height = box.y1 - box.y0;
    const near = out.find((o) => box.y0 < o.y1 + height * 1.2 && box.y1 > o.y0 - height * 1.2 && box.x0 < o.x1 + 2 * height && box.x1 > o.x0 - 2 * height);
    if (near) {
      if (box.y0 > near.y1 - height * 0.5 || box.y1 < near.y0 + height * 0.5) near.rows += 1;
      near.x0 = Math.min(near.x0, box.x0);
      near.x1 = Math.max(near.x1, box.x1);
      near.y0 = Math.min(near.y0, box.y0);
      near.y1 = Math.max(near.y1, box.y1);
    } else out.push({ ...box, rows: 1 });
  }
  return out;
}

/**
 * A legacy-font header whose number and whole date decode from the text layer needs no OCR: digits,
 * capitals and Đ are exact there, so OCR could only confirm them. Null when either is missing or the
 * date is not a real day (a blank day or month): then OCR reads the lines. The place stays unknown
 * (its letters are the font's mojibake).
 */
export function legacyHeader(numberLine: { text: string; box: Box }, dateLine: { text: string; box: Box }): Header | null {
  const number = legacyNumber(numberLine.text);
  const iso = legacyDate(dateLine.text);
  if (!number || !iso) return null;
  return { number: legacyField(number, numberLine.box), date: legacyField({ date: iso, place: null, blankDate: false }, dateLine.box) };
}

/** A value taken from a legacy-font text layer: its codes are exact, though not read by OCR. */
function legacyField<T>(value: T, box: Box | null): Field<T> {
  return { value, origin: 'text', confidence: 0.9, read: 1, repairs: [], box };
}

/** The date of a legacy-font place-date line (`2021-02-08`) when it is a day that exists, else null. */
function legacyDate(line: string): string | null {
  const d = legacyDateDigits(line);
  return d ? isoDateOf(d.day, d.month, d.year) : null;
}

/**
 * A legacy-font text layer keeps the number's and the date's own digits and capitals: what OCR
 * read is confirmed (confidence raised) or corrected (the text layer's value, confidence 0.9).
 */
export function checkWithLegacyLayer(header: Header, numberLine: { text: string; box: Box } | null, dateLine: string | null): Header {
  let { number, date } = header;
  const legacy = numberLine ? legacyNumber(numberLine.text) : null;
  if (legacy) {
    number = number?.value.number === legacy.number
      ? { ...number, confidence: Math.max(number.confidence, 0.95), checked: 'agree' }
      : legacyField(legacy, numberLine?.box ?? null);
  }
  const iso = dateLine ? legacyDate(dateLine) : null;
  if (iso && date) {
    if (date.value.date === iso) date = { ...date, confidence: Math.max(date.confidence, 0.95), checked: 'agree' };
    else date = { ...date, value: { ...date.value, date: iso, blankDate: false }, confidence: 0.9 };
  }
  return { number, date };
}

/**
 * Copy the fields into the reading: the parts (numeral, symbol, day, month, year) with their
 * statuses, and the flat fields derived from them, with the overall confidence and source.
 */
export function applyHeader(reading: PdfReading, header: Header, page = 1): void {
  const { number, date } = header;
  const parts = partsOf(header, page);
  const flat = flatFromParts(parts);
  if (number) Object.assign(reading, number.value);
  if (!flat.numberRead) {
    reading.number = null;
    reading.numeral = null;
    reading.suffixed = false;
  }
  reading.blankNumber = flat.blankNumber;
  reading.numberConfidence = flat.numberConfidence;
  if (date) reading.place = date.value.place;
  reading.date = flat.date;
  reading.blankDate = flat.blankDate;
  reading.dateConfidence = flat.dateConfidence;
  reading.parts = parts;
  reading.confidence = Math.min(reading.numberConfidence, reading.dateConfidence);
  const origins = partSources(parts);
  reading.source = origins.includes('ocr') ? 'ocr' : origins.includes('annotation') ? 'annotation' : origins.length > 0 ? 'text' : null;
  reading.headerPage = origins.length > 0 ? page : null;
}
