// The handwriting pass of the reader: after the first reading, the parts it left `handwritten` or
// `unreadable` (the numeral, the day, the month) are looked at again by the second recognizer, and
// its candidates are attached to those parts. Nothing is decided here: the candidates are checked
// against what the unit claims (resolve.ts), which the reader process does not know. A file whose
// parts were all read or truly blank costs nothing.
import type { ExtractionParts, FieldPart } from '../../model.js';
import { COLUMN_SPLIT, HEADER_OCR_ZONE } from '../decree30-layout.js';
import { otsuThreshold, profileRuns } from '../header-rows.js';
import type { GreyImage } from '../pdf-page.js';
import { cropImage, type HandPartKind } from './blank-crops.js';
import { encodeFrames } from './ctc-digits.js';
import { inkColumns } from './ink-crop.js';
import { blankFrames, greedyPath } from './line-blanks.js';
import type { HandReading } from './read-blank.js';
import { type HandLine, type HandPassDeps, type PointBox, readHandLines } from './read-lines.js';

const PART_OF: Record<HandPartKind, keyof ExtractionParts> = { numeral: 'numeral', day: 'day', month: 'month' };

/** The parts the second recognizer should look at: left `handwritten` or `unreadable` by the first. */
export function partsToRead(parts: ExtractionParts | undefined): HandPartKind[] {
  if (!parts) return [];
  return (['numeral', 'day', 'month'] as const).filter((k) => {
    const status = parts[PART_OF[k]].status;
    return status === 'handwritten' || status === 'unreadable';
  });
}

/** Resolution the header's top is searched for its lines at. */
const SEARCH_DPI = 150;
/** Rows searched per column, top down (the number and the date sit on the third to sixth). */
const MAX_ROWS = 8;
/**
 * Ink rows lower than this (points) are no text row: a rule (the line under the issuing body's name
 * or the motto, 0.5–1 pt, thickened by the scan) or specks. Decree 30/2020 (Appendix I) prints a
 * header's labels at 12–14 pt, whose ink stands 8 pt or more. Such a row is never read: it holds no
 * label, and it is the costliest row to read, the recognizer stretching it to its 48-pixel input
 * height (a 165 × 5-pixel rule at 150 dpi became 1,584 pixels wide, some 0.15–0.2 CPU-s).
 */
export const MIN_TEXT_ROW_PT = 4;

/**
 * Runs the pass on a reading's parts (mutated: a part with candidates gets `handwriting`, and
 * status `handwritten` when it was `unreadable`). Lines come from the parts' regions, widened to
 * their header column; without a region, from a search of the header's rows for the one the
 * recognizer reads `Số: …/…` or `ngày … tháng` on. Returns the parts that got candidates.
 */
export async function handwritingPass(parts: ExtractionParts, deps: HandPassDeps): Promise<HandPartKind[]> {
  const wanted = partsToRead(parts);
  if (wanted.length === 0) return [];
  const split = deps.page.width * COLUMN_SPLIT;
  const lines: HandLine[] = [];
  const numberRegion = parts.numeral.region ?? parts.symbol.region;
  const dateRegion = parts.day.region ?? parts.month.region ?? parts.year.region;
  const wantNumber = wanted.includes('numeral');
  const dateKinds = wanted.filter((k) => k !== 'numeral');
  if (wantNumber && numberRegion) lines.push({ kinds: ['numeral'], region: { ...numberRegion, x0: 0, x1: Math.max(split, numberRegion.x1) } });
  if (dateKinds.length > 0 && dateRegion) lines.push({ kinds: dateKinds, region: { ...dateRegion, x0: Math.min(split, dateRegion.x0), x1: deps.page.width } });
  const missing = [...(wantNumber && !numberRegion ? ['numeral' as const] : []), ...(dateKinds.length > 0 && !dateRegion ? dateKinds : [])];
  if (missing.length > 0) lines.push(...(await searchLines(missing, deps, numberRegion ?? undefined, dateRegion ?? undefined)));
  if (lines.length === 0) return [];
  const read = await readHandLines(lines, deps);
  const got: HandPartKind[] = [];
  for (const kind of wanted) {
    const reading = read[kind];
    if (!reading) continue;
    const key = PART_OF[kind];
    const part = parts[key] as FieldPart;
    parts[key] = attach(part, reading) as never;
    got.push(kind);
  }
  return got;
}

function attach(part: FieldPart, reading: HandReading): FieldPart {
  return {
    ...part,
    // Ink the recognizer reads digits in is not "nothing known": it is handwriting to be decided.
    status: part.status === 'unreadable' ? 'handwritten' : part.status,
    handwriting: {
      candidates: reading.candidates.map((c) => ({ value: c.value, probability: Math.round(c.probability * 1000) / 1000 })),
      weakestDigit: Math.round(reading.weakestDigit * 100) / 100,
      views: reading.crops,
      ...(reading.frames ? { frames: reading.frames.map(encodeFrames) } : {}),
      ...(reading.marks !== undefined ? { marks: reading.marks } : {}),
    },
  };
}

/**
 * The number line and the place-date line of a header the first reader placed nowhere: the text
 * rows of the header's top (ink profile per column), read top down by the recognizer until one
 * shows the labels of the parts wanted. A place-date line not found so (a signing box, a seal or an
 * incoming stamp joined to it makes one tall row of the column) is looked for again beside the
 * number line (`numberRow`, or the one found here), on the same row by Decree 30/2020 (App. I).
 * For the same reason, the number column's row beside a date line the first reader placed
 * (`dateRow`) is read first, then the others top down: a pen-numbered scan's number line is found
 * with one read instead of one per row above it (the issuing body, the rules), some 50 ms each.
 */
async function searchLines(kinds: HandPartKind[], deps: HandPassDeps, numberRow?: PointBox, dateRow?: PointBox): Promise<HandLine[]> {
  const { height } = deps.page;
  // A short page (a header cut out) is all header.
  const zone = Math.min(1, (HEADER_OCR_ZONE * 842) / height);
  const top = await deps.render({ left: 0, top: 0, width: 1, height: zone }, SEARCH_DPI);
  const k = top.scale;
  const split = Math.round(top.width * COLUMN_SPLIT);
  const found: HandLine[] = [];
  const columns: { kinds: HandPartKind[]; x0: number; x1: number }[] = [
    { kinds: kinds.filter((x) => x === 'numeral'), x0: 0, x1: split },
    { kinds: kinds.filter((x) => x !== 'numeral'), x0: split, x1: top.width },
  ];
  // The row's text only, not the column's empty paper (the recognizer's cost is per frame), read
  // from the header already rendered (a second render of each row costs more than reading it).
  const readRow = async (column: { kinds: HandPartKind[]; x0: number; x1: number }, row: { y0: number; y1: number }): Promise<HandLine | null> => {
    if ((row.y1 - row.y0) / k < MIN_TEXT_ROW_PT) return null;
    const text = inkColumns(top, column.x0, column.x1, row.y0, row.y1, row.y1 - row.y0);
    if (!text) return null;
    const out = await deps.recognizer.line(cropImage(top, { x0: text.x0, x1: text.x1, y0: row.y0, y1: row.y1 }));
    if (blankFrames(greedyPath(out), out.frames, column.kinds).length === 0) return null;
    return { kinds: column.kinds, region: { x0: text.x0 / k, x1: text.x1 / k, y0: row.y0 / k, y1: row.y1 / k } };
  };
  let number = numberRow ? { y0: numberRow.y0 * k, y1: numberRow.y1 * k } : null;
  const date = dateRow ? { y0: dateRow.y0 * k, y1: dateRow.y1 * k } : null;
  for (const column of columns) {
    if (column.kinds.length === 0) continue;
    let line: HandLine | null = null;
    const rows = textRows(top, column.x0, column.x1).slice(0, MAX_ROWS);
    for (const row of column.x0 === 0 && date ? besideFirst(rows, date) : rows) {
      line = await readRow(column, row);
      if (line) break;
    }
    if (!line && number && column.x0 > 0) line = await rowBeside(column, number, readRow);
    if (line) found.push(line);
    if (line && column.x0 === 0) number = { y0: line.region.y0 * k, y1: line.region.y1 * k };
  }
  return found;

  /**
   * The date column's text row on the number's row: the column's rows within a line height of it
   * (ink profile of that band alone), the one overlapping the number's rows most, cut to the
   * number's rows and 15 % of their height more each side.
   */
  async function rowBeside(column: { kinds: HandPartKind[]; x0: number; x1: number }, row: { y0: number; y1: number }, read: typeof readRow): Promise<HandLine | null> {
    const h = row.y1 - row.y0;
    const y0 = Math.max(0, Math.floor(row.y0 - h));
    const band = cropImage(top, { x0: 0, x1: top.width, y0, y1: Math.min(top.height, Math.ceil(row.y1 + h)) });
    const overlap = (r: { y0: number; y1: number }) => Math.min(r.y1, row.y1) - Math.max(r.y0, row.y0);
    const beside = textRows(band, column.x0, column.x1).map((r) => ({ y0: r.y0 + y0, y1: r.y1 + y0 })).filter((r) => overlap(r) > 0).sort((a, b) => overlap(b) - overlap(a))[0];
    if (!beside) return null;
    // No taller than the number's row (and a little): a stamp under the date line joins its row.
    return await read(column, { y0: Math.max(beside.y0, Math.floor(row.y0 - h * 0.15)), y1: Math.min(beside.y1, Math.ceil(row.y1 + h * 0.15)) });
  }
}

/**
 * `rows` (top down) with the one overlapping `line`'s rows most moved first, the others in their
 * order; unchanged when none overlaps it. Pure.
 */
export function besideFirst<R extends { y0: number; y1: number }>(rows: R[], line: { y0: number; y1: number }): R[] {
  const overlap = (r: R) => Math.min(r.y1, line.y1) - Math.max(r.y0, line.y0);
  let best = -1;
  rows.forEach((r, i) => {
    if (overlap(r) > 0 && (best < 0 || overlap(r) > overlap(rows[best]!))) best = i;
  });
  return best < 0 ? rows : [rows[best]!, ...rows.slice(0, best), ...rows.slice(best + 1)];
}

/** Text rows of a column of an image: runs of rows with ink, small gaps bridged, specks and rules dropped. */
export function textRows(image: GreyImage, x0: number, x1: number): { y0: number; y1: number }[] {
  const threshold = Math.min(otsuThreshold(image), 190);
  const counts = new Int32Array(image.height);
  for (let y = 0; y < image.height; y += 1) {
    let n = 0;
    for (let x = x0; x < x1; x += 1) if ((image.data[y * image.width + x] ?? 255) <= threshold) n += 1;
    counts[y] = n;
  }
  const floor = Math.max(2, (x1 - x0) * 0.004);
  const runs = profileRuns(counts, image.height, floor, 2);
  const heights = runs.map((r) => r.y1 - r.y0).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  return runs.filter((r) => r.y1 - r.y0 >= Math.max(4, typical * 0.5));
}
