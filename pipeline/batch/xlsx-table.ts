// Read a table people typed into Excel: find the header row by its labels, wherever it is,
// and return each row's cells by column key. Labels match without diacritics or case.
import { readFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { boundWorkbook, type CutSheet, MAX_CELL_CHARS, MAX_SHEET_ROWS, MAX_UNCOMPRESSED_BYTES, WorkbookTooLarge } from './xlsx-limits.js';
import { cleanText, foldVietnamese, nfc } from '../util/text.js';
import { evaluateFormula } from './cell-formula.js';
import { describeWorkbookProblem } from './workbook-file.js';

export type CellValue = string | number | boolean | null;

export interface TableSpec<K extends string> {
  /** Column key → accepted header labels (any of them, folded). */
  columns: Record<K, string[]>;
  required: NoInfer<K>[];
  /** Preferred sheet names, folded; otherwise the first sheet that has the header. */
  sheets?: string[];
  /**
   * The assessed year. When several sheets have the header (last year's copy kept beside this
   * year's), the one sheet whose name and title rows give this year and no other is read; see
   * `Table.others`.
   */
  year?: number;
}

export interface TableRow<K extends string> {
  /** 1-based row number in the sheet. */
  row: number;
  values: Record<K, CellValue>;
}

/** A cell of a table row whose value could not be known: a formula saved without its result, an error. */
export interface CellProblem<K extends string> {
  /** 1-based row number in the sheet. */
  row: number;
  key: K;
  /** `E12`. */
  address: string;
  /** Vietnamese clause: what is in the cell and what to do. */
  reason: string;
}

export interface Table<K extends string> {
  sheet: string;
  headerRow: number;
  rows: TableRow<K>[];
  /** Rows beyond MAX_SHEET_ROWS were not read (Vietnamese, for a finding); absent when none. */
  cut?: string;
  /** Cells read as blank because their value could not be known; the callers say so. */
  problems: CellProblem<K>[];
  /**
   * Cells of a table row that hold no value of their own but a merged cell's, started on an earlier
   * row (`H13` of `H12:H13`): that row's value is read for this one too, which the callers say.
   */
  merged: Array<{ row: number; key: K; address: string; from: string; fromRow: number }>;
  /** The text of each non-empty row above the header (a title, `Đơn vị: …`), cells joined by a space, NFC. */
  preamble: string[];
  /**
   * The other sheets that also have the header (NFC names), in the order ranked; empty when the
   * table is the workbook's only one. Which one was read is then a guess the callers must say.
   */
  others: string[];
  /** With `others`: the sheet read is the only one whose name and title rows give `TableSpec.year` and no other year. */
  byYear: boolean;
}

export class TableError extends Error {}

const HEADER_SEARCH_ROWS = 30;

/** What boundWorkbook left out of each loaded workbook, by sheet part. */
const cuts = new WeakMap<ExcelJS.Workbook, { sheets: CutSheet[]; longCells: number }>();

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  // Loaded on first use: a night with no changed workbook never pays for it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  let bounded;
  try {
    bounded = boundWorkbook(await readFile(file));
  } catch (error) {
    if (error instanceof WorkbookTooLarge) {
      throw new TableError(`tệp Excel giải nén ra quá lớn (trên ${error.message}, vượt giới hạn ${MAX_UNCOMPRESSED_BYTES / 1048576} MB)`);
    }
    if ((error as NodeJS.ErrnoException).code) throw error;
    // Not a zip (an .xls, a password-protected workbook, a web page): say what the file is instead.
    throw new TableError(await describeWorkbookProblem(file));
  }
  try {
    await workbook.xlsx.load(Buffer.from(bounded.data) as unknown as ExcelJS.Buffer);
  } catch {
    // The library's message is English and about zip internals: say what the file is instead.
    throw new TableError(await describeWorkbookProblem(file));
  }
  if (bounded.cut.length > 0 || bounded.longCells > 0) cuts.set(workbook, { sheets: bounded.cut, longCells: bounded.longCells });
  return workbook;
}

export async function readTable<K extends string>(file: string, spec: TableSpec<K>): Promise<Table<K>> {
  return readTableFrom(await loadWorkbook(file), spec);
}

export function readTableFrom<K extends string>(workbook: ExcelJS.Workbook, spec: TableSpec<K>): Table<K> {
  const preferred = (spec.sheets ?? []).map(foldVietnamese);
  const sheets = [...workbook.worksheets].sort((a, b) => rankSheet(a.name) - rankSheet(b.name));
  function rankSheet(name: string): number {
    const i = preferred.indexOf(foldVietnamese(name));
    return i === -1 ? preferred.length : i;
  }
  if (sheets.length === 0) throw new TableError('tệp Excel không có trang tính nào');

  const keys = Object.keys(spec.columns) as K[];
  const matching = sheets.flatMap((sheet) => {
    const found = findHeader(sheet, spec, keys);
    return found ? [{ sheet, found }] : [];
  });
  // Several sheets with the table: this year's, if exactly one gives that year and no other (`Năm
  // 2021`, a title row `… NĂM 2021`; last year's copy keeps this year's framework line `… năm 2021`
  // under its own title `… NĂM 2020`); otherwise the first as ranked, and the callers say the others exist.
  const givesYear = (m: (typeof matching)[number]) => {
    const years = yearsIn(`${m.sheet.name} ${preambleOf(m.sheet, m.found.row).join(' ')}`);
    return spec.year !== undefined && years.has(spec.year) && years.size === 1;
  };
  const ofYear = matching.length > 1 ? matching.filter(givesYear) : [];
  const chosen = ofYear.length === 1 ? ofYear[0] : matching[0];
  for (const { sheet, found } of chosen ? [chosen] : []) {
    const rows: TableRow<K>[] = [];
    const problems: CellProblem<K>[] = [];
    const merged: Table<K>['merged'] = [];
    /** Cells whose text reaches the bound: boundWorkbook cut them (Excel's limit). */
    const long: string[] = [];
    for (let r = found.row + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const values = {} as Record<K, CellValue>;
      let any = false;
      for (const key of keys) {
        const col = found.columns.get(key);
        const read = col === undefined ? { value: null } : readCell(workbook, sheet, row.getCell(col));
        values[key] = read.value;
        const cell = col === undefined ? null : row.getCell(col);
        if (cell?.isMerged && cell.master.address !== cell.address && Number(cell.master.row) > found.row && Number(cell.master.row) < r
          && read.value !== null && read.value !== '') {
          merged.push({ row: r, key, address: cell.address, from: cell.master.address, fromRow: Number(cell.master.row) });
        }
        if (typeof read.value === 'string' && read.value.length >= MAX_CELL_CHARS - 64) long.push(row.getCell(col!).address);
        if (read.value !== null && read.value !== '') any = true;
        if ('problem' in read) {
          problems.push({ row: r, key, address: row.getCell(col!).address, reason: read.problem });
          any = true;
        }
      }
      if (any) rows.push({ row: r, values });
    }
    const cut = cutNote(workbook, sheet, long);
    const others = matching.filter((m) => m.sheet !== sheet).map((m) => nfc(m.sheet.name));
    return {
      sheet: nfc(sheet.name), headerRow: found.row, rows, problems, merged, preamble: preambleOf(sheet, found.row),
      others, byYear: others.length > 0 && ofYear.length === 1, ...(cut ? { cut } : {}),
    };
  }
  const labels = spec.required.map((k) => `"${spec.columns[k][0]}"`).join(', ');
  throw new TableError(`không tìm thấy dòng tiêu đề có các cột ${labels} trong ${HEADER_SEARCH_ROWS} dòng đầu của trang tính nào`);
}

/** Sheet names quoted for a message: `"Tự đánh giá (2)", "Tự đánh giá"`. */
export function quotedSheets(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/** The text of each non-empty row above `headerRow` (a title, `Đơn vị: …`), cells joined by a space, NFC. */
function preambleOf(sheet: ExcelJS.Worksheet, headerRow: number): string[] {
  const preamble: string[] = [];
  for (let r = 1; r < headerRow; r++) {
    const texts: string[] = [];
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      // A merged heading (the template merges its title rows) is read once, from its first cell.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      const text = toText(cellValue(cell)).trim();
      if (text) texts.push(text);
    });
    if (texts.length > 0) preamble.push(nfc(texts.join(' ')));
  }
  return preamble;
}

/** The years (1990–2099) a text gives as whole numbers: `Năm 2021`, `NĂM 2020`, `2021-2025`. */
function yearsIn(text: string): Set<number> {
  return new Set([...text.matchAll(/(?<!\d)(19[9]\d|20\d\d)(?!\d)/gu)].map((m) => Number(m[1])));
}

/**
 * What of the sheet was not read (rows beyond the bound, over-long cells), as a sentence with what to
 * do; null when nothing. `long`: the addresses of the table's cells that reached the cell bound.
 */
function cutNote(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, long: string[]): string | null {
  const all = cuts.get(workbook);
  if (!all) return null;
  const notes: string[] = [];
  // exceljs numbers sheets by their order in the workbook, as the parts are usually named.
  const part = all.sheets.find((c) => c.part === `xl/worksheets/sheet${sheet.id}.xml`) ?? (all.sheets.length === 1 ? all.sheets[0] : undefined);
  if (part) {
    notes.push(`trang tính "${nfc(sheet.name)}" có dữ liệu đến dòng ${part.lastRow.toLocaleString('vi-VN')}; chỉ đọc ${MAX_SHEET_ROWS.toLocaleString('vi-VN')} dòng đầu (giới hạn), ${part.rowsDropped.toLocaleString('vi-VN')} dòng sau đó bị bỏ qua (hãy xóa các dòng thừa)`);
  }
  if (all.longCells > 0) {
    const which = long.length > 0 ? `trang tính "${nfc(sheet.name)}", ô ${long.join(', ')}` : `${all.longCells.toLocaleString('vi-VN')} ô`;
    notes.push(`${which} có nội dung dài hơn ${MAX_CELL_CHARS.toLocaleString('vi-VN')} ký tự (giới hạn một ô của Excel), chỉ đọc ${MAX_CELL_CHARS.toLocaleString('vi-VN')} ký tự đầu (hãy rút gọn nội dung)`);
  }
  return notes.length > 0 ? notes.join('; ') : null;
}

function findHeader<K extends string>(sheet: ExcelJS.Worksheet, spec: TableSpec<K>, keys: K[]) {
  const folded = new Map<K, string[]>(keys.map((k) => [k, spec.columns[k].map(foldVietnamese)]));
  for (let r = 1; r <= Math.min(sheet.rowCount, HEADER_SEARCH_ROWS); r++) {
    const labels = new Map<string, number>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const label = cellValue(cell);
      if (typeof label !== 'string') return;
      const f = foldVietnamese(label).replace(/\s*\(.*\)\s*$/u, '');
      if (!labels.has(f)) labels.set(f, col);
    });
    // A key takes the column of its most preferred label, wherever that column stands.
    const columns = new Map<K, number>();
    for (const key of keys) {
      const col = folded.get(key)?.map((l) => labels.get(l)).find((c) => c !== undefined);
      if (col !== undefined) columns.set(key, col);
    }
    if (spec.required.every((k) => columns.has(k))) return { row: r, columns };
  }
  return null;
}

type CellRead = { value: CellValue } | { value: null; problem: string };

/**
 * A cell of a table: what cellValue gives, except that a formula saved without its result is
 * computed when it is a sum or a constant (cell-formula.ts), and otherwise, like an error value
 * (`#DIV/0!`), is blank with a problem naming what is in the cell.
 */
function readCell(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, cell: ExcelJS.Cell, depth = 0): CellRead {
  const v = cell.value as unknown;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const error = errorOf(v);
    if (error) return { value: null, problem: `ô có lỗi ${error}` };
    if (isFormula(v) && cachedResult(v) === undefined) {
      const formula = cell.formula;
      if (depth < 20 && typeof formula === 'string') {
        const value = evaluateFormula(formula, (name, address) => {
          const target = name === null ? sheet : workbook.getWorksheet(name);
          if (!target) return 'invalid';
          const read = readCell(workbook, target, target.getCell(address), depth + 1);
          if ('problem' in read) return 'invalid';
          return read.value === null || read.value === '' ? null : typeof read.value === 'number' ? read.value : 'invalid';
        });
        if (value !== null) return { value };
      }
      return { value: null, problem: `ô chứa công thức =${formula ?? '?'} nhưng tệp không lưu kết quả tính (tệp do phần mềm khác tạo); cần mở bằng Excel, để Excel tính lại rồi lưu` };
    }
  }
  return { value: cellValue(cell) };
}

function isFormula(v: object): boolean {
  return 'formula' in v || 'sharedFormula' in v;
}

function cachedResult(v: object): unknown {
  const r = (v as { result?: unknown }).result;
  return r === null ? undefined : r;
}

function errorOf(v: object): string | null {
  if ('error' in v && typeof (v as { error: unknown }).error === 'string') return (v as { error: string }).error;
  const r = (v as { result?: unknown }).result;
  if (r && typeof r === 'object' && 'error' in r) return String((r as { error: unknown }).error);
  return null;
}

/** The value a person sees in a cell: formulas give their result, rich text its plain text. */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return cleanMultiline(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if (isFormula(v)) {
      const r = (v as { result?: unknown }).result;
      if (typeof r === 'number' || typeof r === 'boolean') return r;
      if (typeof r === 'string') return cleanMultiline(r);
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      return null;
    }
    if ('richText' in v) return cleanMultiline((v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''));
    if ('text' in v) return cleanMultiline(String((v as { text: unknown }).text));
    if ('error' in v) return null;
  }
  return cleanText(String(v));
}

function cleanMultiline(value: string): string {
  return nfc(value)
    .split(/\r?\n/u)
    .map((line) => line.replace(/[ \t\u00A0]+/gu, ' ').trim())
    .join('\n')
    .trim();
}

/** Accept `1.5`, `1,5`, ` 2 `; null for blank; NaN for anything else. */
export function toNumber(value: CellValue): number | null {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number.NaN;
  const s = value.trim().replace(/\s+/gu, '');
  if (!/^-?\d+([.,]\d+)?$/u.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}

export function toText(value: CellValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}
