// Bounds on what a typed workbook may make the reader hold. exceljs builds every row of a sheet in
// memory (a 100,000-row report: ~1.8 GB; one stray cell at row 1,048,576: ~2.1 GB), so the sheets are
// cut to their first MAX_SHEET_ROWS rows in the zip itself, before exceljs sees them, and the caller
// reports what was left out. A framework has a few hundred criteria; no report needs more rows.
import { fflate, zipEntries } from '../util/zip.js';

/** Rows read from each sheet of a typed workbook (report, survey, adjustments, council decisions). */
export const MAX_SHEET_ROWS = 5000;
/** Characters of one cell's text, Excel's own limit: longer text was not typed into Excel. */
export const MAX_CELL_CHARS = 32_767;
/** Uncompressed size of the whole workbook above which it is not opened at all (a zip bomb). */
export const MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

export interface CutSheet {
  /** Part name in the zip (`xl/worksheets/sheet1.xml`). */
  part: string;
  /** Rows left out, and the last row number the sheet had. */
  rowsDropped: number;
  lastRow: number;
}

export interface BoundedWorkbook {
  /** The workbook to open: the file's own bytes when nothing was cut. */
  data: Uint8Array;
  cut: CutSheet[];
  /** Cells (shared or inline strings) whose text was cut to MAX_CELL_CHARS. */
  longCells: number;
}

export class WorkbookTooLarge extends Error {}

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/u;
const ROW = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/gu;
const ROW_NUMBER = /^<row\b[^>]*?\br="(\d+)"/u;

/**
 * Cut each sheet of the xlsx `data` to its first `maxRows` rows. Throws WorkbookTooLarge when the parts
 * would unpack to more than MAX_UNCOMPRESSED_BYTES. Data that is not a zip is returned as it is (the
 * workbook reader then says why it cannot open it).
 */
export function boundWorkbook(data: Uint8Array, maxRows = MAX_SHEET_ROWS): BoundedWorkbook {
  const { strFromU8, strToU8, unzipSync } = fflate();
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNCOMPRESSED_BYTES) throw new WorkbookTooLarge(`${Math.round(total / 1048576)} MB`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof WorkbookTooLarge) throw error;
    return { data, cut: [], longCells: 0 };
  }
  const cut: CutSheet[] = [];
  let longCells = 0;
  for (const [part, bytes] of Object.entries(entries)) {
    if (part !== SHARED_STRINGS && !SHEET_PART.test(part)) continue;
    // A text longer than any cell can hold: cut before the parser builds it (a 100 MB string).
    if (bytes.length > MAX_CELL_CHARS) {
      const capped = capTexts(strFromU8(bytes));
      if (capped.count > 0) {
        entries[part] = strToU8(capped.xml);
        longCells += capped.count;
      }
    }
    if (part === SHARED_STRINGS) continue;
    const xml = strFromU8(entries[part]!);
    const open = xml.indexOf('<sheetData');
    const close = xml.lastIndexOf('</sheetData>');
    if (open === -1 || close === -1) continue;
    const body = xml.slice(open, close);
    let kept = '';
    let dropped = 0;
    let lastRow = 0;
    let implicit = 0;
    let keptEnd = 0;
    for (const match of body.matchAll(ROW)) {
      const explicit = ROW_NUMBER.exec(match[0]);
      const number = explicit ? Number(explicit[1]) : implicit + 1;
      implicit = number;
      lastRow = Math.max(lastRow, number);
      if (number > maxRows) {
        dropped++;
        continue;
      }
      keptEnd = (match.index ?? 0) + match[0].length;
    }
    if (dropped === 0) continue;
    // Rows come in order in a sheet part: keep everything up to the end of the last row kept.
    kept = body.slice(0, keptEnd);
    if (keptEnd === 0) kept = body.slice(0, body.indexOf('>') + 1);
    const withoutDimension = xml.slice(0, open).replace(/<dimension\b[^>]*\/>/u, '');
    entries[part] = strToU8(`${withoutDimension}${kept}${xml.slice(close)}`);
    cut.push({ part, rowsDropped: dropped, lastRow });
  }
  if (cut.length === 0 && longCells === 0) return { data, cut, longCells };
  return { data: zipEntries(entries), cut, longCells };
}

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const TEXT = /(<t\b[^>]*>)([^<]*)(<\/t>)/gu;

/** Every `<t>` text longer than MAX_CELL_CHARS cut to it (never inside an entity such as `&amp;`). */
function capTexts(xml: string): { xml: string; count: number } {
  let count = 0;
  const out = xml.replace(TEXT, (whole, open: string, text: string, close: string) => {
    if (text.length <= MAX_CELL_CHARS) return whole;
    count++;
    let end = MAX_CELL_CHARS;
    const amp = text.lastIndexOf('&', end);
    if (amp !== -1 && text.indexOf(';', amp) >= end) end = amp;
    return `${open}${text.slice(0, end)}${close}`;
  });
  return { xml: out, count };
}
